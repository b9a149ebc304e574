{#- A callback interface or foreign trait implemented in Kotlin: (for callback interfaces) the
    public interface and its handle-map converter; then the vtable Rust calls through, with one
    JNA callback object per method. The JNA callbacks live in objects and the vtable in an
    object field, so all stay strongly reachable for as long as Rust may call them. A stream
    trait (`[bindings.async] streams`) also gets its `Flow<T>.as<Trait>()` adapter. -#}
{%- if !c.interface_decls.is_empty() -%}
{{ c.doc }}interface {{ c.interface_name }} {
{%- for d in c.interface_decls %}

{{ d }}
{%- endfor %}

    companion object
}

internal object {{ c.converter }} : UniffiConverter<{{ c.interface_name }}, Long> {
    /** The implementations Rust holds, by handle. */
    val handles = UniffiHandleMap<{{ c.interface_name }}>()

    init {
        {{ c.vtable }}.register()
    }

    override fun lift(value: Long): {{ c.interface_name }} = handles.get(value)

    override fun lower(value: {{ c.interface_name }}): Long = handles.insert(value)

    override fun read(buf: ByteBuffer): {{ c.interface_name }} = lift(buf.getLong())

    override fun allocationSize(value: {{ c.interface_name }}): Long = 8L

    override fun write(value: {{ c.interface_name }}, buf: ByteBuffer) {
        buf.putLong(lower(value))
    }
}

{% endif -%}
{%- for m in c.methods -%}
internal interface {{ m.object }}Fn : Callback {
    fun callback({{ m.params }})
}

internal object {{ m.object }} : {{ m.object }}Fn {
    override fun callback({{ m.params }}) {
{%- if m.is_async %}
        val uniffiObj = {{ c.converter }}.handles.get(uniffiHandle)
        uniffiCallForeignAsync(uniffiOutDropped, {{ m.on_main }}, {{ m.lower_error }}, { {{ m.call_lowered }} }) { value, failure ->
            {{ m.result }}.forThread().send(uniffiFutureCallback, uniffiCallbackData, value, failure)
        }
{%- else %}
        uniffiCallForeign(uniffiStatus, {{ m.main_name }}, {{ m.lower_error }}) {
            val uniffiObj = {{ c.converter }}.handles.get(uniffiHandle)
{%- if m.write_return.is_empty() %}
            {{ m.call }}
{%- else %}
            val value = {{ m.call }}
            {{ m.write_return }}
{%- endif %}
        }
{%- endif %}
    }
}

{% endfor -%}
internal object {{ c.vtable }}Free : UniffiCallbackInterfaceFree {
    override fun callback(handle: Long) {
        {{ c.converter }}.handles.take(handle)
    }
}

internal object {{ c.vtable }}Clone : UniffiCallbackInterfaceClone {
    override fun callback(handle: Long): Long = {{ c.converter }}.handles.clone(handle)
}

/** The vtable: `uniffi_free`, `uniffi_clone`, then the methods in declaration order. */
@Structure.FieldOrder("uniffiFree", "uniffiClone"{% for m in c.methods %}, "{{ m.field }}"{% endfor %})
internal class {{ c.vtable }}Struct : Structure() {
    @JvmField var uniffiFree: Pointer = uniffiCallbackPointer({{ c.vtable }}Free, "uniffi-rust-caller")
    @JvmField var uniffiClone: Pointer = uniffiCallbackPointer({{ c.vtable }}Clone, "uniffi-rust-caller")
{%- for m in c.methods %}
    @JvmField var {{ m.field_ident }}: Pointer = uniffiCallbackPointer({{ m.object }}, "uniffi-rust-caller")
{%- endfor %}
}

/** Hands the vtable to Rust once; this object keeps it alive for good (its callbacks are objects). */
internal object {{ c.vtable }} {
    private val vtable = {{ c.vtable }}Struct()

    init {
        UniffiLib.{{ c.init_symbol }}(vtable)
    }

    /** Runs the registration above, once. */
    fun register() = kotlin.Unit
}

{%- if let Some(s) = c.source %}

/**
 * This flow as a [{{ c.interface_name }}] Rust can consume: each call of
 * [{{ c.interface_name }}.{{ s.next }}] by Rust returns the flow's next item, and `null` once the flow
 * completed (then always `null`).
 *
 * The first call starts collecting the flow in a coroutine of the bindings that hands each item
 * over a rendezvous channel: the flow runs at most one item ahead of Rust, suspended in `emit`
 * until Rust asks for it. A call taking a waiting item resumes the flow in place, on the thread
 * the call runs on (see [UniffiAsyncConfig.foreignDispatcher]), up to its next `emit`; a flow
 * resumed by anything else (a `delay`, a Rust future) continues on
 * [UniffiAsyncConfig.foreignDispatcher], else [Dispatchers.Default]. Use `flowOn` to choose.
{%- if let Some(e) = s.throws %} A [{{ e }}] the flow throws reaches Rust as the method's error,
 * any other exception as an unexpected callback error (`UnexpectedUniFFICallbackError`).
{%- else %} An exception the flow throws reaches Rust as an unexpected callback error, which
 * makes Rust panic (the method declares no error).
{%- endif %}
 * When Rust drops its last reference to the returned object, the collection is cancelled (the
 * flow's `finally` blocks and `onCompletion` run, off Rust's thread); Rust dropping a pending
 * call (a timeout) cancels that call only. The returned object is single-use: once Rust dropped
 * it, it yields nothing more. Rust may call it from any thread.
 */
fun kotlinx.coroutines.flow.Flow<{{ s.item }}>.{{ s.adapter }}(): {{ c.interface_name }} = {{ s.class }}(this)

/** The [{{ c.interface_name }}] of a flow: see [{{ s.adapter }}]. */
private class {{ s.class }}(flow: kotlinx.coroutines.flow.Flow<{{ s.item }}>) :
    UniffiFlowSource<{{ s.item }}>(flow), {{ c.interface_name }} {
    override suspend fun {{ s.next }}(): {{ s.item }}? = pull()
}
{%- endif %}
