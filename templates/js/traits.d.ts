{#- An object's exported Rust traits as declared methods (included by object.d.ts, in a trait's
    interface and in the class). #}
{%- for f in o.traits %}
{{ f.doc }}  {{ f.name }}({{ f.ts_params }}): {% if f.returns_promise %}Promise<{{ f.ts_ret }}>{% else %}{{ f.ts_ret }}{% endif %};
{%- endfor %}
