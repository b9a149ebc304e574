{#- An object: its protocol, a final class owning one strong reference to the Rust object
    (released in `deinit`), its constructors and methods, the Rust trait impls as Swift protocol
    conformances (traits.swift), a stream's `AsyncSequence` conformance (stream.swift), and the
    converter, which keeps one Swift instance per Rust object (see UniffiObjectMap). #}
{%- for line in o.doc %}
/// {{ line }}
{%- endfor %}
public protocol {{ o.protocol_name }}: AnyObject, Sendable {
{%- for r in o.requirements %}
    {{ r }}
{%- endfor %}
}
{% for line in o.doc %}
/// {{ line }}
{%- endfor %}
public final class {{ o.class_name }}: {{ o.protocol_name }}{{ o.conformances }}, @unchecked Sendable {
    // @unchecked Sendable: the only stored property is the immutable handle, and the Rust object
    // behind it is `Send + Sync` (UniFFI requires that of exported objects), so any thread may
    // call its methods at any time.
    fileprivate let handle: UInt64

    /// Adopts a handle from Rust (one strong reference, released in `deinit`). `register`
    /// makes this the instance later returns of the same Rust object map to.
    fileprivate init(uniffiHandle handle: UInt64, register: Bool = true) {
        self.handle = handle
        if register {
            {{ o.converter }}.instances.register(self, handle: handle)
        }
    }

    deinit {
        {{ o.converter }}.instances.forget(handle: handle, instance: ObjectIdentifier(self))
        {{ o.converter }}.release(handle)
    }

    /// A new strong reference to the Rust object, for Rust to take over.
    public func uniffiCloneHandle() -> UInt64 {
        uniffiInfallible { try uniffiRustCall(nil) { {{ o.clone_symbol }}(handle, $0) } }
    }
{%- let t = o.traits %}
{%- include "traits.swift" %}
{%- if o.localized %}

    public var errorDescription: String? {
        String(reflecting: self)
    }
{%- endif %}
}

{%- for t in o.trait_impls %}

extension {{ o.class_name }}: {{ t }} {}
{%- endfor %}
{%- if let Some(s) = o.stream %}
{% include "stream.swift" %}
{%- endif %}

private enum {{ o.converter }} {
    /// The live Swift instances, so the same Rust object always comes back as the same instance.
    static let instances = UniffiObjectMap<{{ o.class_name }}>()

    /// Releases one strong reference to the Rust object.
    static func release(_ handle: UInt64) {
        uniffiInfallible { try uniffiRustCall(nil) { {{ o.free_symbol }}(handle, $0) } }
    }

    static func lift(_ handle: UInt64) throws -> {{ o.type_name }} {
{%- if o.has_foreign %}
        // Odd handles are Swift implementations coming back from Rust.
        if handle & 1 == 1 {
            return try {{ o.converter }}Foreign.handles.remove(handle)
        }
{%- endif %}
        return instances.lift(handle, make: { {{ o.class_name }}(uniffiHandle: $0, register: false) }, release: release)
    }

    static func lower(_ value: {{ o.type_name }}) -> UInt64 {
{%- if o.type_name == o.class_name %}
        value.uniffiCloneHandle()
{%- else if o.has_foreign %}
        if let value = value as? {{ o.class_name }} {
            return value.uniffiCloneHandle()
        }
        return {{ o.converter }}Foreign.lower(value)
{%- else %}
        guard let value = value as? {{ o.class_name }} else {
            fatalError("{{ o.type_name }} is implemented in Rust only; Swift types cannot be passed to Rust as one")
        }
        return value.uniffiCloneHandle()
{%- endif %}
    }

    static func read(from reader: inout UniffiReader) throws -> {{ o.type_name }} {
        try lift(reader.readInteger())
    }

    static func write(_ value: {{ o.type_name }}, into buf: inout [UInt8]) {
        uniffiWriteInteger(lower(value), into: &buf)
    }
{%- if o.is_error %}

    /// Thrown objects cross as a buffer holding the handle. A trait object is thrown as its
    /// Rust-backed class, which is the one conforming to `Swift.Error`.
    static func liftError(_ buf: RustBuffer) throws -> any Swift.Error {
        var reader = UniffiReader(uniffiTakeBuffer(buf))
{%- if o.has_protocol_type %}
        guard let error = try read(from: &reader) as? any Swift.Error else {
            throw UniffiInternalError.unexpectedRustCallError
        }
        return error
{%- else %}
        return try read(from: &reader)
{%- endif %}
    }
{%- endif %}
}
