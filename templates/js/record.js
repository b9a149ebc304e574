{#- A record: a plain object with lowerCamelCase fields. The exported value of the same name
    holds `create`, which fills omitted fields with their Rust defaults; the converter checks,
    writes and reads the fields in declaration order. It also holds the record's exported
    methods and Rust traits, which take the record first (`Release.bumped(release, label)`). #}
{%- import "function.js" as function %}
{{ r.doc }}export const {{ r.name }} = Object.freeze({
  /** Builds a `{{ r.name }}`, filling omitted fields that have a default. */
  create(fields) {
    return {
{%- for f in r.fields %}
{%- match f.default %}
{%- when Some(d) %}
      {{ f.name }}: fields.{{ f.name }} === undefined ? {{ d }} : fields.{{ f.name }},
{%- when None %}
      {{ f.name }}: fields.{{ f.name }},
{%- endmatch %}
{%- endfor %}
    };
  },
{%- call function::companion(r.methods.as_slice(), "", ",", true) %}{% endcall %}
});

const {{ r.converter }} = uniffiSerialized({
  check(value, what) {
    if (typeof value !== 'object' || value === null) {
      throw new TypeError(`${what}: expected a {{ r.name }} object, got ${uniffiDescribe(value)}`);
    }
{%- for f in r.fields %}
    {{ f.converter }}.check(value.{{ f.name }}, `${what}.{{ f.name }}`);
{%- endfor %}
  },
  write(value, writer) {
{%- for f in r.fields %}
    {{ f.converter }}.write(value.{{ f.name }}, writer);
{%- endfor %}
  },
  read(reader) {
    return {
{%- for f in r.fields %}
      {{ f.name }}: {{ f.converter }}.read(reader),
{%- endfor %}
    };
  },
});
