{#- A callback interface or the foreign side of a foreign trait: the protocol (callback
    interfaces; traits get theirs in object.swift), the handle map of Swift implementations
    handed to Rust, and the vtable through which Rust calls them (registered once, on first
    use). Sync methods report through the RustCallStatus; async ones run in a Task that Rust
    cancels by dropping the future (uniffiForeignAsync in async_foreign.swift). #}
{%- if c.render_protocol %}
{%- for line in c.doc %}
/// {{ line }}
{%- endfor %}
public protocol {{ c.protocol_name }}: AnyObject, Sendable {
{%- for r in c.requirements %}
    {{ r }}
{%- endfor %}
}
{%- endif %}

private enum {{ c.converter }}Foreign {
    /// The Swift implementations Rust holds, by handle.
    static let handles = UniffiHandleMap<any {{ c.protocol_name }}>()

    /// Registers the vtable with Rust, once. It stays allocated for the life of the process, as
    /// Rust keeps the pointer.
    static let vtableRegistered: Bool = {
        let vtable = UnsafeMutablePointer<{{ c.vtable_struct }}>.allocate(capacity: 1)
        vtable.initialize(to: {{ c.vtable_struct }}(
            uniffiFree: { uniffiHandle in
                _ = try? {{ c.converter }}Foreign.handles.remove(uniffiHandle)
            },
            uniffiClone: { uniffiHandle in
                {{ c.converter }}Foreign.handles.clone(uniffiHandle)
            }{% for meth in c.methods %},
            {{ meth.field }}: { {{ meth.params }} in
{%- if meth.is_async %}
                uniffiForeignAsync(
                    onMain: {{ c.dispatch_main }},
                    outDropped: uniffiOutDropped,
                    callback: uniffiFutureCallback,
                    callbackData: uniffiCallbackData,
                    makeCall: {
                        let uniffiObj = try {{ c.converter }}Foreign.handles.get(uniffiHandle)
{%- for lift in meth.lifts %}
                        {{ lift }}
{%- endfor %}
                        return { {{ meth.async_call }} }
                    },
                    complete: { uniffiFutureCallback, uniffiCallbackData, uniffiResult in
                        let (uniffiValue, uniffiStatus) = uniffiForeignStatus(uniffiResult, lowerError: {{ meth.lower_error }})
{%- if meth.lower.is_none() %}
                        _ = uniffiValue
{%- endif %}
                        uniffiFutureCallback(uniffiCallbackData, {{ meth.result_struct }}(
{%- if let Some(lower) = meth.lower %}
                            returnValue: uniffiValue.map({{ lower }}) ?? .init(),
{%- endif %}
                            callStatus: uniffiStatus
                        ))
                    }
                )
{%- else %}
{%- if c.dispatch_main %}
                uniffiForeignCallOnMain(uniffiCallStatus, method: "{{ meth.method }}", lowerError: {{ meth.lower_error }}) {
{%- else %}
                uniffiForeignCall(uniffiCallStatus, lowerError: {{ meth.lower_error }}) {
{%- endif %}
                    let uniffiObj = try {{ c.converter }}Foreign.handles.get(uniffiHandle)
{%- if let Some(lower) = meth.lower %}
                    uniffiOutReturn.pointee = {{ lower }}({{ meth.call }})
{%- else %}
                    _ = uniffiOutReturn
                    {{ meth.call }}
{%- endif %}
                }
{%- endif %}
            }
{%- endfor %}
        ))
        {{ c.init_symbol }}(vtable)
        return true
    }()

    /// A new handle for `value`, which Rust owns from now on.
    static func lower(_ value: any {{ c.protocol_name }}) -> UInt64 {
        _ = vtableRegistered
        return handles.insert(value)
    }
}
{%- if c.render_protocol %}

private enum {{ c.converter }} {
    static func lift(_ handle: UInt64) throws -> any {{ c.protocol_name }} {
        try {{ c.converter }}Foreign.handles.remove(handle)
    }

    static func lower(_ value: any {{ c.protocol_name }}) -> UInt64 {
        {{ c.converter }}Foreign.lower(value)
    }

    static func read(from reader: inout UniffiReader) throws -> any {{ c.protocol_name }} {
        try lift(reader.readInteger())
    }

    static func write(_ value: any {{ c.protocol_name }}, into buf: inout [UInt8]) {
        uniffiWriteInteger(lower(value), into: &buf)
    }
}
{%- endif %}
