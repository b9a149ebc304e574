{#- Errors: one exported class per error enum, its instances carrying a `tag` naming the
    variant and the variant's fields (or, for flat errors, Rust's message); plus the converter
    that reads/writes the variant index (1-based) and fields. #}
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
}

const {{ e.converter }} = {
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
  lower(value) {
    return uniffiLowerSerialized({{ e.converter }}, value);
  },
  lift(buf) {
    return uniffiLiftSerialized({{ e.converter }}, buf);
  },
  write(value, writer) {
    switch (value.tag) {
{%- for v in e.variants %}
      case '{{ v.tag }}':
        writer.writeI32({{ v.index }});
{%- if e.is_flat_error %}
        uniffiWriteString(value.message, writer);
{%- endif %}
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
};
