{#- A callback interface or the foreign side of a foreign trait: the protocol (callback
    interfaces; traits get theirs in object.swift), the handle map of Swift implementations
    handed to Rust, and the vtable through which Rust calls them (registered once, on first
    use). Sync methods report through the RustCallStatus; async ones run in a Task that Rust
    cancels by dropping the future (uniffiForeignAsync in async_foreign.swift). A stream trait
    also gets its adapter (`c.stream`): the vtable counts the adapter's handles (the last one
    freed closes its pump) and pulls from its pump directly. #}
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
{%- if let Some(s) = c.stream %}
                let uniffiObj = try? {{ c.converter }}Foreign.handles.remove(uniffiHandle)
                (uniffiObj as? {{ s.class_name }})?.pump.release()
{%- else %}
                _ = try? {{ c.converter }}Foreign.handles.remove(uniffiHandle)
{%- endif %}
            },
            uniffiClone: { uniffiHandle in
{%- if let Some(s) = c.stream %}
                let uniffiClone = {{ c.converter }}Foreign.handles.clone(uniffiHandle)
                (try? {{ c.converter }}Foreign.handles.get(uniffiClone) as? {{ s.class_name }})?.pump.retain()
                return uniffiClone
{%- else %}
                {{ c.converter }}Foreign.handles.clone(uniffiHandle)
{%- endif %}
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
{%- if let Some(class) = meth.stream_class %}
                        if let uniffiStream = uniffiObj as? {{ class }} {
                            return { try await uniffiStream.pump.pull() }
                        }
{%- endif %}
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
{%- if let Some(s) = c.stream %}
        (value as? {{ s.class_name }})?.pump.retain()
{%- endif %}
        return handles.insert(value)
    }
}
{%- if let Some(s) = c.stream %}

/// A Swift async sequence as a `{{ c.protocol_name }}` (made by `{{ s.adapter }}()`): each call of the
/// stream method pulls one item through the pump.
private final class {{ s.class_name }}: {{ c.protocol_name }} {
    let pump: UniffiStreamPump<{{ s.item }}>

    init(_ pump: UniffiStreamPump<{{ s.item }}>) {
        self.pump = pump
    }

    deinit {
        pump.close()
    }

{%- if s.throws %}

    {{ s.requirement }} {
        try await pump.pull()
    }
{%- else %}

    /// `nil` also when the sequence throws or the task is cancelled (Rust, which pulls through
    /// the vtable, gets the sequence's error).
    {{ s.requirement }} {
        do {
            return try await pump.pull()
        } catch {
            return nil
        }
    }
{%- endif %}
}

extension AsyncSequence where Self: Sendable, Element == {{ s.item }} {
    /// This sequence as a `{{ c.protocol_name }}` that Rust pulls from: each Rust call of the stream
    /// method runs the iterator's `next()` once, in that call's Task (nothing is read ahead);
    /// the end of the sequence is `nil` and every later call returns `nil`. An error the
    /// sequence throws ends it and reaches Rust as the method's error when it is of that type,
    /// else as an unexpected callback error. Rust dropping a pending call cancels its Task (the
    /// sequence's `next()` sees the cancellation). When Rust releases the adapter between calls,
    /// one last `next()` in a cancelled Task lets the sequence see the cancellation (an
    /// `AsyncStream`'s `onTermination` runs). One adapter is one iteration; calls may come from
    /// any thread and take turns.
    public func {{ s.adapter }}() -> any {{ c.protocol_name }} {
        {{ s.class_name }}(UniffiStreamPump(self))
    }
}
{%- endif %}
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
