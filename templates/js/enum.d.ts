{#- Enums: errors are a union of one interface per variant, discriminated by `tag`, plus the
    class value (`instanceof` narrows to the union); flat enums a union of string literals plus
    `variants` / `discriminants`; enums with data a discriminated union of variant interfaces.
    The exported methods and Rust traits are on the class or companion value. #}
{%- import "function.d.ts" as function %}
{%- if e.kind == "error" %}
{{ e.doc }}export type {{ e.name }} = {% for v in e.variants %}{% if !loop.first %} | {% endif %}{{ e.name }}.{{ v.ts_name }}{% endfor %};

export declare namespace {{ e.name }} {
  /** The variant names. */
  type Tag = {{ e.name }}['tag'];
{%- for v in e.variants %}

{{ v.doc }}  interface {{ v.ts_name }} extends Error {
    readonly name: '{{ e.name }}';
    readonly tag: '{{ v.tag }}';
{%- for f in v.fields %}
{{ f.doc }}    readonly {{ f.name }}: {{ f.ts }};
{%- endfor %}
  }
{%- endfor %}
}

/** The `{{ e.name }}` class: every error of this type is an instance of it. */
export declare const {{ e.name }}: {
{%- for v in e.variants %}
{%- if e.is_flat_error %}
  new (tag: '{{ v.tag }}', message?: string): {{ e.name }}.{{ v.ts_name }};
{%- else if v.fields.is_empty() %}
  new (tag: '{{ v.tag }}'): {{ e.name }}.{{ v.ts_name }};
{%- else %}
  new (tag: '{{ v.tag }}', fields: {{ v.ts_fields }}): {{ e.name }}.{{ v.ts_name }};
{%- endif %}
{%- endfor %}
  readonly prototype: {{ e.name }};
{%- call function::companion(e.methods.as_slice()) %}{% endcall %}
};
{%- else if e.kind == "flat" %}
{{ e.doc }}export type {{ e.name }} =
{%- for v in e.variants %}
{{ v.doc }}  | '{{ v.tag }}'{% if loop.last %};{% endif %}
{%- endfor %}

export declare const {{ e.name }}: {
  /** Every variant, in declaration order. */
  readonly variants: readonly [{% for v in e.variants %}{% if !loop.first %}, {% endif %}'{{ v.tag }}'{% endfor %}];
  /** Each variant's discriminant as Rust sees it. */
  readonly discriminants: { {% for v in e.variants %}readonly {{ v.tag }}: {{ v.discriminant }}; {% endfor %}};
{%- call function::companion(e.methods.as_slice()) %}{% endcall %}
};
{%- else %}
{{ e.doc }}export type {{ e.name }} = {% for v in e.variants %}{% if !loop.first %} | {% endif %}{{ e.name }}.{{ v.ts_name }}{% endfor %};

export declare namespace {{ e.name }} {
  /** The variant names. */
  type Tag = {{ e.name }}['tag'];
{%- for v in e.variants %}

{{ v.doc }}  interface {{ v.ts_name }} {
    tag: '{{ v.tag }}';
{%- for f in v.fields %}
{{ f.doc }}    {{ f.name }}: {{ f.ts }};
{%- endfor %}
  }
{%- endfor %}
}
{%- if !e.methods.is_empty() %}

export declare const {{ e.name }}: {
{%- call function::companion(e.methods.as_slice()) %}{% endcall %}
};
{%- endif %}
{%- endif %}
