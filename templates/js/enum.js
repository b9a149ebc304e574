{#- Enums: errors are an exported class whose instances carry a `tag` naming the variant and
    the variant's fields (or, for flat errors, Rust's message); flat enums are string literals;
    enums with data are `{ tag, ...fields }` objects. The converter reads/writes the variant
    index (1-based) and fields; a flat error read from Rust also carries its message, but one
    written to Rust (thrown by a JS callback) is the index alone, as Rust lifts it. The exported
    methods and Rust traits take the value first: static methods of an error class, members of
    a flat enum's companion value, and of one an enum with data has only for them. #}
{%- import "function.js" as function %}
{%- if e.kind == "error" %}
{{ e.doc }}export class {{ e.name }} extends Error {
{%- if e.is_flat_error %}
  constructor(tag, message = '') {
    super(message);
    this.name = '{{ e.name }}';
    this.tag = tag;
  }
{%- else %}
  constructor(tag, fields = {}) {
    const shown = Object.entries(fields).map(([key, value]) => `${key}=${uniffiDescribe(value)}`);
    super(shown.length === 0 ? tag : `${tag}(${shown.join(', ')})`);
    this.name = '{{ e.name }}';
    this.tag = tag;
    Object.assign(this, fields);
  }
{%- endif %}
{%- call function::companion(e.methods.as_slice(), "static ", "", true) %}{% endcall %}
}

const {{ e.converter }} = uniffiSerialized({
  check(value, what) {
    if (!(value instanceof {{ e.name }})) {
      throw new TypeError(`${what}: expected a {{ e.name }}, got ${uniffiDescribe(value)}`);
    }
    switch (value.tag) {
{%- for v in e.variants %}
      case '{{ v.tag }}':
{%- for f in v.fields %}
        {{ f.converter }}.check(value.{{ f.name }}, `${what}.{{ f.name }}`);
{%- endfor %}
        return;
{%- endfor %}
      default:
        throw new TypeError(`${what}: unknown {{ e.name }} tag ${uniffiDescribe(value.tag)}`);
    }
  },
  write(value, writer) {
    switch (value.tag) {
{%- for v in e.variants %}
      case '{{ v.tag }}':
        writer.writeI32({{ v.index }});
{%- for f in v.fields %}
        {{ f.converter }}.write(value.{{ f.name }}, writer);
{%- endfor %}
        return;
{%- endfor %}
      default:
        throw new TypeError(`unknown {{ e.name }} tag ${uniffiDescribe(value.tag)}`);
    }
  },
  read(reader) {
    const index = reader.readI32();
    switch (index) {
{%- for v in e.variants %}
      case {{ v.index }}:
{%- if e.is_flat_error %}
        return new {{ e.name }}('{{ v.tag }}', uniffiReadString(reader));
{%- else if v.fields.is_empty() %}
        return new {{ e.name }}('{{ v.tag }}');
{%- else %}
        return new {{ e.name }}('{{ v.tag }}', { {% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}: {{ f.converter }}.read(reader){% endfor %} });
{%- endif %}
{%- endfor %}
      default:
        throw new InternalError(`invalid {{ e.name }} variant index ${index}`);
    }
  },
});
{%- else if e.kind == "flat" %}
{{ e.doc }}export const {{ e.name }} = Object.freeze({
  /** Every variant, in declaration order. */
  variants: Object.freeze([{% for v in e.variants %}{% if !loop.first %}, {% endif %}'{{ v.tag }}'{% endfor %}]),
  /** Each variant's discriminant as Rust sees it. */
  discriminants: Object.freeze({ {% for v in e.variants %}{% if !loop.first %}, {% endif %}{{ v.tag }}: {{ v.discriminant }}{% endfor %} }),
{%- call function::companion(e.methods.as_slice(), "", ",", true) %}{% endcall %}
});

const {{ e.converter }} = uniffiSerialized({
  check(value, what) {
    switch (value) {
{%- for v in e.variants %}
      case '{{ v.tag }}':
{%- endfor %}
        return;
      default:
        throw new TypeError(`${what}: expected a {{ e.name }} ({{ e.name }}.variants), got ${uniffiDescribe(value)}`);
    }
  },
  write(value, writer) {
    switch (value) {
{%- for v in e.variants %}
      case '{{ v.tag }}':
        writer.writeI32({{ v.index }});
        return;
{%- endfor %}
      default:
        throw new TypeError(`unknown {{ e.name }} ${uniffiDescribe(value)}`);
    }
  },
  read(reader) {
    const index = reader.readI32();
    switch (index) {
{%- for v in e.variants %}
      case {{ v.index }}:
        return '{{ v.tag }}';
{%- endfor %}
      default:
        throw new InternalError(`invalid {{ e.name }} variant index ${index}{% if e.non_exhaustive %} (a variant newer than these bindings){% endif %}`);
    }
  },
});
{%- else %}
{%- if !e.methods.is_empty() %}
{{ e.doc }}export const {{ e.name }} = Object.freeze({
{%- call function::companion(e.methods.as_slice(), "", ",", false) %}{% endcall %}
});

const {{ e.converter }} = uniffiSerialized({
{%- else %}
{{ e.doc }}const {{ e.converter }} = uniffiSerialized({
{%- endif %}
  check(value, what) {
    if (typeof value !== 'object' || value === null) {
      throw new TypeError(`${what}: expected a {{ e.name }} object, got ${uniffiDescribe(value)}`);
    }
    switch (value.tag) {
{%- for v in e.variants %}
      case '{{ v.tag }}':
{%- for f in v.fields %}
        {{ f.converter }}.check(value.{{ f.name }}, `${what}.{{ f.name }}`);
{%- endfor %}
        return;
{%- endfor %}
      default:
        throw new TypeError(`${what}: unknown {{ e.name }} tag ${uniffiDescribe(value.tag)}`);
    }
  },
  write(value, writer) {
    switch (value.tag) {
{%- for v in e.variants %}
      case '{{ v.tag }}':
        writer.writeI32({{ v.index }});
{%- for f in v.fields %}
        {{ f.converter }}.write(value.{{ f.name }}, writer);
{%- endfor %}
        return;
{%- endfor %}
      default:
        throw new TypeError(`unknown {{ e.name }} tag ${uniffiDescribe(value.tag)}`);
    }
  },
  read(reader) {
    const index = reader.readI32();
    switch (index) {
{%- for v in e.variants %}
      case {{ v.index }}:
        return { tag: '{{ v.tag }}'{% for f in v.fields %}, {{ f.name }}: {{ f.converter }}.read(reader){% endfor %} };
{%- endfor %}
      default:
        throw new InternalError(`invalid {{ e.name }} variant index ${index}{% if e.non_exhaustive %} (a variant newer than these bindings){% endif %}`);
    }
  },
});
{%- endif %}
