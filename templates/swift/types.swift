{#- Converters for builtin and collection types; one enum per type used by the module. #}
// MARK: - type converters
{%- for t in converters %}
{%- if t.kind == "int" %}

private enum {{ t.converter }} {
    static func lift(_ value: {{ t.name }}) throws -> {{ t.name }} { value }
    static func lower(_ value: {{ t.name }}) -> {{ t.name }} { value }
    static func read(from reader: inout UniffiReader) throws -> {{ t.name }} { try reader.readInteger() }
    static func write(_ value: {{ t.name }}, into buf: inout [UInt8]) { uniffiWriteInteger(value, into: &buf) }
}
{%- else if t.kind == "float" %}

private enum {{ t.converter }} {
    static func lift(_ value: {{ t.name }}) throws -> {{ t.name }} { value }
    static func lower(_ value: {{ t.name }}) -> {{ t.name }} { value }

    static func read(from reader: inout UniffiReader) throws -> {{ t.name }} {
        try {{ t.name }}(bitPattern: reader.readInteger() as {{ t.bits }})
    }

    static func write(_ value: {{ t.name }}, into buf: inout [UInt8]) { uniffiWriteInteger(value.bitPattern, into: &buf) }
}
{%- else if t.kind == "bool" %}

private enum {{ t.converter }} {
    static func lift(_ value: Int8) throws -> Bool { value != 0 }
    static func lower(_ value: Bool) -> Int8 { value ? 1 : 0 }
    static func read(from reader: inout UniffiReader) throws -> Bool { try reader.readInteger() as Int8 != 0 }
    static func write(_ value: Bool, into buf: inout [UInt8]) { buf.append(value ? 1 : 0) }
}
{%- else if t.kind == "string" %}

private enum {{ t.converter }} {
    // Top-level strings cross as their bare UTF-8 bytes (copied once each way, with no array in
    // between); nested ones are length-prefixed.
    static func lift(_ buf: RustBuffer) throws -> String {
        uniffiTakeBuffer(buf) { String(decoding: $0, as: UTF8.self) }
    }

    static func lower(_ value: String) -> RustBuffer {
        var value = value
        return value.withUTF8 { uniffiBufferFromBytes($0) }
    }
    static func read(from reader: inout UniffiReader) throws -> String { try uniffiReadString(from: &reader) }
    static func write(_ value: String, into buf: inout [UInt8]) { uniffiWriteString(value, into: &buf) }
}
{%- else if t.kind == "optional" %}

private enum {{ t.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> {{ t.name }} {
        let tag: Int8 = try reader.readInteger()
        switch tag {
        case 0: return nil
        case 1: return try {{ t.inner[0] }}.read(from: &reader)
        default: throw UniffiInternalError.unexpectedOptionalTag(tag)
        }
    }

    static func write(_ value: {{ t.name }}, into buf: inout [UInt8]) {
        if let value {
            buf.append(1)
            {{ t.inner[0] }}.write(value, into: &buf)
        } else {
            buf.append(0)
        }
    }
}
{%- else if t.kind == "sequence" || t.kind == "set" %}

private enum {{ t.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> {{ t.name }} {
        let count: Int32 = try reader.readInteger()
        guard count >= 0 else { throw UniffiInternalError.bufferOverflow }
        var items: {{ t.name }} = []
        items.reserveCapacity(Int(count))
        for _ in 0..<count {
{%- if t.kind == "set" %}
            items.insert(try {{ t.inner[0] }}.read(from: &reader))
{%- else %}
            items.append(try {{ t.inner[0] }}.read(from: &reader))
{%- endif %}
        }
        return items
    }

    static func write(_ value: {{ t.name }}, into buf: inout [UInt8]) {
        uniffiWriteInteger(Int32(value.count), into: &buf)
        for item in value {
            {{ t.inner[0] }}.write(item, into: &buf)
        }
    }
}
{%- else if t.kind == "map" %}

private enum {{ t.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> {{ t.name }} {
        let count: Int32 = try reader.readInteger()
        guard count >= 0 else { throw UniffiInternalError.bufferOverflow }
        var items: {{ t.name }} = [:]
        items.reserveCapacity(Int(count))
        for _ in 0..<count {
            let key = try {{ t.inner[0] }}.read(from: &reader)
            items[key] = try {{ t.inner[1] }}.read(from: &reader)
        }
        return items
    }

    static func write(_ value: {{ t.name }}, into buf: inout [UInt8]) {
        uniffiWriteInteger(Int32(value.count), into: &buf)
        for (key, item) in value {
            {{ t.inner[0] }}.write(key, into: &buf)
            {{ t.inner[1] }}.write(item, into: &buf)
        }
    }
}
{%- else if t.kind == "bytes" %}

private enum {{ t.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> Data {
        let count: Int32 = try reader.readInteger()
        return Data(try reader.readBytes(count: Int(count)))
    }

    static func write(_ value: Data, into buf: inout [UInt8]) {
        uniffiWriteInteger(Int32(value.count), into: &buf)
        buf.append(contentsOf: value)
    }
}
{%- else if t.kind == "timestamp" %}

/// `Date` on the wire: signed whole seconds since the epoch, then nanoseconds counted away from
/// the epoch (so 0.25 s before it is -0 s and 250_000_000 ns). `Date` holds a `Double`, so
/// precision is about a microsecond for present-day dates.
private enum {{ t.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> Date {
        let seconds: Int64 = try reader.readInteger()
        let nanos: UInt32 = try reader.readInteger()
        let fraction = Double(nanos) / 1e9
        // Whole seconds first, then the fraction, to keep the fraction's precision.
        return Date(timeIntervalSince1970: Double(seconds)).addingTimeInterval(seconds < 0 ? -fraction : fraction)
    }

    static func write(_ value: Date, into buf: inout [UInt8]) {
        let interval = value.timeIntervalSince1970
        let magnitude = interval.magnitude
        precondition(magnitude < 9.2e18, "Date out of the range UniFFI timestamps can hold")
        let seconds = magnitude.rounded(.down)
        let nanos = min(UInt32(((magnitude - seconds) * 1e9).rounded()), 999_999_999)
        uniffiWriteInteger(interval < 0 ? -Int64(seconds) : Int64(seconds), into: &buf)
        uniffiWriteInteger(nanos, into: &buf)
    }
}
{%- else if t.kind == "duration" %}

/// `TimeInterval` on the wire: unsigned whole seconds, then nanoseconds. Negative intervals
/// cannot cross (Rust's `Duration` is unsigned).
private enum {{ t.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> TimeInterval {
        let seconds: UInt64 = try reader.readInteger()
        let nanos: UInt32 = try reader.readInteger()
        return Double(seconds) + Double(nanos) / 1e9
    }

    static func write(_ value: TimeInterval, into buf: inout [UInt8]) {
        precondition(value >= 0 && value < 1.8e19, "TimeInterval \(value) is not a valid Rust Duration")
        let seconds = value.rounded(.down)
        let nanos = min(UInt32(((value - seconds) * 1e9).rounded()), 999_999_999)
        uniffiWriteInteger(UInt64(seconds), into: &buf)
        uniffiWriteInteger(nanos, into: &buf)
    }
}
{%- else if t.kind == "external" %}

/// `{{ t.name }}` is defined by another component of this library: its own module does the work.
private enum {{ t.converter }}: UniffiBufferConverter {
    static func read(from reader: inout UniffiReader) throws -> {{ t.name }} {
        try reader.readExternal({{ t.inner[0] }}.read(from:at:))
    }

    static func write(_ value: {{ t.name }}, into buf: inout [UInt8]) {
        {{ t.inner[0] }}.write(value, into: &buf)
    }
}
{%- else if t.kind == "external_object" %}

/// `{{ t.name }}` is defined by another component of this library: its own module does the work.
private enum {{ t.converter }} {
    static func lift(_ handle: UInt64) throws -> {{ t.name }} {
        try {{ t.inner[0] }}.lift(handle)
    }

    static func lower(_ value: {{ t.name }}) -> UInt64 {
        {{ t.inner[0] }}.lower(value)
    }

    static func read(from reader: inout UniffiReader) throws -> {{ t.name }} {
        try lift(reader.readInteger())
    }

    static func write(_ value: {{ t.name }}, into buf: inout [UInt8]) {
        uniffiWriteInteger(lower(value), into: &buf)
    }

    /// Thrown objects cross as a buffer holding the handle.
    static func liftError(_ buf: RustBuffer) throws -> any Swift.Error {
        var reader = UniffiReader(uniffiTakeBuffer(buf))
        guard let error = try read(from: &reader) as Any as? any Swift.Error else {
            throw UniffiInternalError.unexpectedRustCallError
        }
        return error
    }
}
{%- else if t.kind == "custom" %}
{%- if let Some(c) = t.custom %}
{%- if let Some(target) = c.alias_of %}
{%- for line in t.doc %}
/// {{ line }}
{%- endfor %}
public typealias {{ t.name }} = {{ target }}
{%- endif %}

private enum {{ t.converter }} {
    static func lift(_ value: {{ c.ffi_type }}) throws -> {{ t.name }} {
        let builtinValue = try {{ t.inner[0] }}.lift(value)
        return {{ c.into_custom }}
    }

    static func lower(_ value: {{ t.name }}) -> {{ c.ffi_type }} {
        {{ t.inner[0] }}.lower({{ c.from_custom }})
    }

    static func read(from reader: inout UniffiReader) throws -> {{ t.name }} {
        let builtinValue = try {{ t.inner[0] }}.read(from: &reader)
        return {{ c.into_custom }}
    }

    static func write(_ value: {{ t.name }}, into buf: inout [UInt8]) {
        {{ t.inner[0] }}.write({{ c.from_custom }}, into: &buf)
    }
}
{%- endif %}
{%- endif %}
{%- endfor %}
{%- for h in hooks %}

/// `{{ h.type_name }}` on the wire, for the other UniFFI components of this library whose API
/// uses it (external types). Not meant for apps.
@_documentation(visibility: private)
public enum {{ h.name }} {
{%- if h.object %}
    public static func lift(_ handle: UInt64) throws -> {{ h.type_name }} {
        try {{ h.converter }}.lift(handle)
    }

    public static func lower(_ value: {{ h.type_name }}) -> UInt64 {
        {{ h.converter }}.lower(value)
    }
{%- else if let Some(c) = h.custom %}
    public static func fromBuiltin(_ builtinValue: {{ c.0 }}) throws -> {{ h.type_name }} {
        {{ c.1 }}
    }

    public static func toBuiltin(_ value: {{ h.type_name }}) -> {{ c.0 }} {
        {{ c.2 }}
    }
{%- else %}
    public static func read(from bytes: [UInt8], at offset: inout Int) throws -> {{ h.type_name }} {
        try UniffiReader.read(bytes, at: &offset) { try {{ h.converter }}.read(from: &$0) }
    }

    public static func write(_ value: {{ h.type_name }}, into buf: inout [UInt8]) {
        {{ h.converter }}.write(value, into: &buf)
    }
{%- endif %}
}
{%- endfor %}
