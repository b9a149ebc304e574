{#- Enums and errors: a Swift enum (errors conform to `Swift.Error`) and its converter, which
    reads/writes the 1-based variant index, then the fields. Flat errors are read with their
    message but written (thrown by a Swift callback) as the index alone: all Rust reads. #}
{%- for line in e.doc %}
/// {{ line }}
{%- endfor %}
public enum {{ e.name }}: {{ e.conformances }} {
{%- for v in e.variants %}
{%- for line in v.doc %}
    /// {{ line }}
{%- endfor %}
    case {{ v.decl }}{{ v.raw_value }}
{%- endfor %}
{%- if e.localized %}

    public var errorDescription: String? {
        String(reflecting: self)
    }
{%- endif %}
{%- let t = e.traits %}
{%- include "traits.swift" %}
}

private enum {{ e.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> {{ e.name }} {
        let index: Int32 = try reader.readInteger()
        switch index {
{%- for v in e.variants %}
        case {{ v.index }}: return {{ v.read_expr }}
{%- endfor %}
        default: throw UniffiInternalError.unexpectedEnumCase(index)
        }
    }

    static func write(_ value: {{ e.name }}, into buf: inout [UInt8]) {
        switch value {
{%- for v in e.variants %}
        case {{ v.pattern }}:
            uniffiWriteInteger(Int32({{ v.index }}), into: &buf)
{%- for f in v.fields %}
            {{ f.converter }}.write({{ f.binding }}, into: &buf)
{%- endfor %}
{%- endfor %}
        }
    }
}
