{#- An object's exported Rust traits (included by object.js), methods of its class: `toString`
    (Display), `toDebugString` (Debug, also what `util.inspect` shows), `equals` (Eq),
    `hashCode` (Hash), `compareTo` (Ord). #}
{%- import "function.js" as function %}
{%- for f in o.traits %}

{{ f.doc }}  {% if f.returns_promise %}async {% endif %}{{ f.name }}({{ f.params }}) {
{%- call function::body(f, "    ") %}{% endcall %}
{%- if let Some(lift) = f.lift %}
    return {{ lift }}.lift(uniffiRaw);
{%- endif %}
  }
{%- endfor %}
{%- if o.has_debug %}

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toDebugString();
  }
{%- endif %}
