{#- An object: its interface, the `AutoCloseable` class wrapping a Rust handle (methods,
    constructors, exported Rust traits), and its converter (handles.kt). -#}
{{ o.doc }}interface {{ o.interface_name }} {
{%- for d in o.interface_decls %}

{{ d }}
{%- endfor %}

    companion object
}

{{ o.doc }}open class {{ o.name }} :{% if o.error_handler.is_some() %} kotlin.Exception,{% endif %} Disposable, AutoCloseable, {{ o.interface_name }}{% for t in o.trait_impls %}, {{ t }}{% endfor %}{% if o.traits.has_cmp %}, Comparable<{{ o.name }}>{% endif %} {
    /** The Rust reference this object owns, shared with the calls in flight. */
    internal val uniffiOwner: UniffiHandleOwner
    private val uniffiCleanable: Cleaner.Cleanable?

    /** Wraps [handle], a Rust reference this object now owns. */
    @Suppress("UNUSED_PARAMETER")
    constructor(withHandle: UniffiWithHandle, handle: Long){% if o.error_handler.is_some() %} : super(){% endif %} {
        uniffiOwner = UniffiHandleOwner(handle, {{ o.converter }})
        uniffiCleanable = UNIFFI_CLEANER.register(this, uniffiOwner)
{%- if object_identity %}
        {{ o.converter }}.remember(this)
{%- endif %}
    }

    /** An object without a Rust peer, for test doubles overriding every method. */
    @Suppress("UNUSED_PARAMETER")
    constructor(noHandle: NoHandle){% if o.error_handler.is_some() %} : super(){% endif %} {
        uniffiOwner = UniffiHandleOwner(0L, {{ o.converter }})
        uniffiCleanable = null
    }
{%- if let Some(p) = o.primary %}

    {{ p.doc }}{% if let Some(e) = p.throws %}@Throws({{ e }}::class)
    {% endif %}constructor({{ p.params }}) :
        this(UniffiWithHandle, {{ p.call }})
{%- endif %}

    /** Whether [destroy] or [close] was called. */
    val uniffiIsDestroyed: Boolean
        get() = uniffiOwner.isDestroyed

    /**
     * Releases the Rust object now (once calls in flight finish) rather than when the garbage
     * collector finds this object unreachable. Later calls throw [IllegalStateException].
     */
    override fun destroy() {
        uniffiCleanable?.clean() ?: uniffiOwner.run()
    }

    /** Same as [destroy], for `use { }` blocks. */
    override fun close() = destroy()

    /** A new Rust reference to this object, for handing it to Rust (which owns it then). */
    fun uniffiCloneHandle(): Long = uniffiOwner.cloneHandle()
{%- for m in o.members %}

{{ m }}
{%- endfor %}
{%- if let Some(s) = o.stream %}
{% include "stream.kt" %}
{%- endif %}
{%- let tr = o.traits %}
{%- include "traits.kt" %}

    companion object{% if !o.companion.is_empty() %} {
{%- for c in o.companion %}
{%- if !loop.first %}
{% endif %}
{{ c }}
{%- endfor %}
    }{% endif %}
}

internal object {{ o.converter }} : UniffiObjectConverter<{{ o.type_name }}>() {
    override val typeName: String = "{{ o.name }}"

{%- if let Some(v) = o.foreign_vtable %}
    /** Kotlin implementations Rust holds, by (odd) handle. */
    val handles = UniffiHandleMap<{{ o.type_name }}>()

    init {
        {{ v }}.register()
    }

    override fun lower(value: {{ o.type_name }}): Long =
        if (value is {{ o.name }}) super.lower(value) else handles.insert(value)

    override fun lift(value: Long): {{ o.type_name }} =
        if ((value and 1L) == 1L) handles.remove(value) else super.lift(value)
{% endif %}
    override fun ownerOf(value: {{ o.type_name }}): UniffiHandleOwner =
{%- if o.type_name == o.name %} value.uniffiOwner
{%- else %}
        (value as? {{ o.name }})?.uniffiOwner
            ?: throw IllegalArgumentException("not a Rust-backed {{ o.type_name }}: $value")
{%- endif %}

    override fun create(handle: Long): {{ o.type_name }} = {{ o.name }}(UniffiWithHandle, handle)

    override fun freeRaw(handle: Long) {
        uniffiRustCall(null) { uniffiStatus -> UniffiLib.{{ o.free_symbol }}(handle, uniffiStatus) }
    }

    override fun cloneRaw(handle: Long): Long =
        uniffiRustCall(null) { uniffiStatus -> UniffiLib.{{ o.clone_symbol }}(handle, uniffiStatus) }
}
{%- if let Some(h) = o.error_handler %}

/** Error objects cross in a RustBuffer holding their handle. */
internal object {{ h }} : UniffiConverterRustBuffer<{{ o.name }}> {
    override fun read(buf: ByteBuffer): {{ o.name }} = {{ o.converter }}.read(buf)

    override fun allocationSize(value: {{ o.name }}): Long = 8L

    override fun write(value: {{ o.name }}, buf: ByteBuffer) = {{ o.converter }}.write(value, buf)
}
{%- endif %}
