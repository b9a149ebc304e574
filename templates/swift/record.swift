{#- A record: a public struct with a memberwise initializer (`let` fields with
    `generate_immutable_records`), and its converter. #}
{%- for line in r.doc %}
/// {{ line }}
{%- endfor %}
public struct {{ r.name }}: {{ r.conformances }} {
{%- for f in r.fields %}
{%- for line in f.doc %}
    /// {{ line }}
{%- endfor %}
    public {{ r.keyword }} {{ f.decl }}
{%- endfor %}

    public init({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.decl }}{% if let Some(d) = f.default %} = {{ d }}{% endif %}{% endfor %}) {
{%- for f in r.fields %}
        self.{{ f.name }} = {{ f.name }}
{%- endfor %}
    }
{%- let t = r.traits %}
{%- include "traits.swift" %}
}

private enum {{ r.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> {{ r.name }} {
        {% if !r.fields.is_empty() %}try {% endif %}{{ r.name }}({{ r.read_expr }})
    }

    static func write(_ value: {{ r.name }}, into buf: inout [UInt8]) {
{%- for f in r.fields %}
        {{ f.converter }}.write(value.{{ f.name }}, into: &buf)
{%- endfor %}
    }
}
