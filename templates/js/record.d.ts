{#- A record: an interface, and `create` with the defaulted fields optional (and the exported
    methods and Rust traits) on its companion value. #}
{%- import "function.d.ts" as function %}
{{ r.doc }}export interface {{ r.name }} {
{%- for f in r.fields %}
{{ f.doc }}  {{ f.name }}: {{ f.ts }};
{%- endfor %}
}

export declare namespace {{ r.name }} {
  /** The fields `create` needs: those with a Rust default may be omitted. */
  interface Init {
{%- for f in r.fields %}
    {{ f.name }}{% if f.default.is_some() %}?{% endif %}: {{ f.ts }}{% if f.default.is_some() %} | undefined{% endif %};
{%- endfor %}
  }
}

export declare const {{ r.name }}: {
  /** Builds a `{{ r.name }}`, filling omitted fields that have a default. */
  create(fields: {{ r.name }}.Init): {{ r.name }};
{%- call function::companion(r.methods.as_slice()) %}{% endcall %}
};
