{#- An error: a union of one interface per variant, discriminated by `tag`, and the class
    value (`instanceof` narrows to the union). #}
{{ e.doc }}export type {{ e.name }} = {% for v in e.variants %}{% if !loop.first %} | {% endif %}{{ e.name }}.{{ v.tag }}{% endfor %};

export declare namespace {{ e.name }} {
  /** The variant names. */
  type Tag = {{ e.name }}['tag'];
{%- for v in e.variants %}

{{ v.doc }}  interface {{ v.tag }} extends Error {
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
  new (tag: '{{ v.tag }}', message?: string): {{ e.name }}.{{ v.tag }};
{%- else if v.fields.is_empty() %}
  new (tag: '{{ v.tag }}'): {{ e.name }}.{{ v.tag }};
{%- else %}
  new (tag: '{{ v.tag }}', fields: {{ v.ts_fields }}): {{ e.name }}.{{ v.tag }};
{%- endif %}
{%- endfor %}
  readonly prototype: {{ e.name }};
};
