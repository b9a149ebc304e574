{#- An object: a class over a Rust handle. `new` runs the primary constructor, static methods
    the named ones; methods pass a new reference to the handle; `destroy()` /
    `[Symbol.dispose]()` free it, a FinalizationRegistry frees forgotten instances; exported
    Rust traits are in traits.js. The calls are function.js's `body`. #}
{%- import "function.js" as function %}
{{ o.doc }}export class {{ o.class }}{% if o.is_error %} extends Error{% endif %} {
{%- match o.primary %}
{%- when Some(f) %}
{{ f.doc }}  constructor({{ f.params }}) {
{%- if o.is_error %}
    super();
{%- endif %}
{%- call function::body(f, "    ") %}{% endcall %}
    {{ o.factory }}.adopt(this, uniffiRaw);
  }
{%- when None %}
  constructor() {
{%- if o.is_error %}
    super();
{%- endif %}
    throw new TypeError('{{ o.class }} has no primary constructor{% if !o.statics.is_empty() %}: use its static constructors{% endif %}');
  }
{%- endmatch %}
{%- for f in o.statics %}

{{ f.doc }}  static {% if f.returns_promise %}async {% endif %}{{ f.name }}({{ f.params }}) {
{%- call function::body(f, "    ") %}{% endcall %}
    return {{ o.converter }}.lift(uniffiRaw);
  }
{%- endfor %}
{%- for f in o.methods %}

{{ f.doc }}  {% if f.returns_promise %}async {% endif %}{{ f.name }}({{ f.params }}) {
{%- call function::body(f, "    ") %}{% endcall %}
{%- if let Some(lift) = f.lift %}
    return {{ lift }}.lift(uniffiRaw);
{%- endif %}
  }
{%- endfor %}
{%- include "traits.js" %}
{%- if let Some(s) = o.stream %}
{%- include "stream.js" %}
{%- endif %}

  /** Frees the Rust object now; any later call on this instance throws a TypeError. */
  destroy() {
    {{ o.factory }}.destroy(this);
  }

  /** `using` support: the same as `destroy()`. */
  [Symbol.dispose]() {
    {{ o.factory }}.destroy(this);
  }
}

const {{ o.factory }} = new UniffiObjectFactory({{ o.class }}, uniffiFfi.{{ o.clone_symbol }}, uniffiFfi.{{ o.free_symbol }}, {{ o.is_error }});

const {{ o.converter }} = {
  check(value, what) {
{%- match o.foreign %}
{%- when Some(fi) %}
    if (!(value instanceof {{ o.class }})) {
      {{ fi.converter }}Foreign.check(value, what);
    }
{%- when None %}
    if (!(value instanceof {{ o.class }})) {
      throw new TypeError(`${what}: expected a {{ o.class }}, got ${uniffiDescribe(value)}`);
    }
{%- endmatch %}
  },
  lower(value) {
{%- match o.foreign %}
{%- when Some(fi) %}
    return value instanceof {{ o.class }} ? {{ o.factory }}.cloneHandle(value) : {{ fi.handles }}.insert(value);
{%- when None %}
    return {{ o.factory }}.cloneHandle(value);
{%- endmatch %}
  },
  lift(raw) {
{%- match o.foreign %}
{%- when Some(fi) %}
    return (BigInt(raw) & 1n) === 1n ? {{ fi.handles }}.remove(raw) : {{ o.factory }}.lift(raw);
{%- when None %}
    return {{ o.factory }}.lift(raw);
{%- endmatch %}
  },
  write(value, writer) {
    writer.put('setBigUint64', 8, BigInt(this.lower(value)));
  },
  read(reader) {
    return this.lift(reader.view.getBigUint64(reader.advance(8)));
  },
};
