{#- The FFI runtime: library loading (JNA direct mapping), RustBuffer, call status, checked
    calls and the converter interfaces. -#}
// ---- FFI runtime -------------------------------------------------------------------

/**
 * A byte buffer owned by Rust: `{ capacity: u64, len: u64, data: *mut u8 }`, passed by value.
 * JNA builds one for every buffer Rust returns; the constructor from a [Pointer] (which JNA
 * picks when there is one) and the cached field list keep that cheap, and the fields are
 * synchronized with native memory by hand instead of by reflection.
 */
@Structure.FieldOrder("capacity", "len", "data")
internal open class UniffiRustBuffer : Structure {
    @JvmField var capacity: Long = 0
    @JvmField var len: Long = 0
    @JvmField var data: Pointer? = null

    constructor() : super()

    /**
     * A copy of the buffer at [p]: JNA's constructor for values Rust returns or passes (and,
     * with a null placeholder, for computing the layout).
     */
    constructor(p: Pointer) : super() {
        if (Pointer.nativeValue(p) != 0L) {
            capacity = p.getLong(0)
            len = p.getLong(8)
            data = p.getPointer(16)
            autoWrite()
        }
    }

    class ByValue : UniffiRustBuffer, Structure.ByValue {
        constructor() : super()
        constructor(p: Pointer) : super(p)
    }

    override fun getFieldList(): List<java.lang.reflect.Field> = ArrayList(UNIFFI_RUST_BUFFER_FIELDS)

    override fun autoRead() {
        val p = pointer
        capacity = p.getLong(0)
        len = p.getLong(8)
        data = p.getPointer(16)
    }

    override fun autoWrite() {
        val p = pointer
        p.setLong(0, capacity)
        p.setLong(8, len)
        p.setPointer(16, data)
    }

    /** A big-endian view of the first [size] bytes of the buffer's memory. */
    fun asByteBuffer(size: Long = len): ByteBuffer {
        val data = this.data
        if (size == 0L || data == null) {
            return ByteBuffer.allocate(0)
        }
        return data.getByteBuffer(0, size).order(ByteOrder.BIG_ENDIAN)
    }
}

private val UNIFFI_RUST_BUFFER_FIELDS: List<java.lang.reflect.Field> =
    listOf("capacity", "len", "data").map { UniffiRustBuffer::class.java.getField(it) }

/**
 * One thread's reusable `RustCallStatus` (`{ code: i8, error_buf: RustBuffer }`): native memory
 * passed to Rust as a plain pointer (a JNA `Structure` argument costs two JNI up-calls per
 * call), with a direct-buffer view so checking the code byte after a call is a plain memory
 * read. Rust writes it only when a call fails; [uniffiThrow] resets it.
 */
internal class UniffiRustCallStatus {
    val pointer: Pointer = Memory(UNIFFI_CALL_STATUS_SIZE).also { it.clear() }
    private val view: ByteBuffer = pointer.getByteBuffer(0, UNIFFI_CALL_STATUS_SIZE)

    /** True while a call on this thread uses it (a callback may re-enter Rust meanwhile). */
    @JvmField var busy: Boolean = false

{%- if has_main_dispatch %}

    /** The main dispatcher [onMain] was computed for (on a thread's first status). */
    @JvmField var mainOf: Any? = null

    /** Whether this status's thread is the main thread of [mainOf]. */
    @JvmField var onMain: Boolean = false
{%- endif %}

    /** The status for a call made while this one is busy (made on first need, then reused). */
    private var nested: UniffiRustCallStatus? = null

    /** This status, or the first free one nested in it, marked busy. */
    fun acquire(): UniffiRustCallStatus {
        var status = this
        while (status.busy) {
            status = status.nested ?: UniffiRustCallStatus().also { status.nested = it }
        }
        status.busy = true
        return status
    }

    fun failed(): Boolean = view.get(0) != UNIFFI_CALL_SUCCESS
}

internal const val UNIFFI_CALL_STATUS_SIZE: Long = 32
internal const val UNIFFI_CALL_SUCCESS: Byte = 0
internal const val UNIFFI_CALL_ERROR: Byte = 1
internal const val UNIFFI_CALL_UNEXPECTED_ERROR: Byte = 2
internal const val UNIFFI_CALL_CANCELLED: Byte = 3

/** An unexpected failure: a panic in the Rust code, or bindings that do not match the library. */
class InternalException(message: String) : kotlin.Exception(message)

/** Each thread's call statuses; allocating native memory per call costs more than the call. */
internal val UNIFFI_CALL_STATUS: ThreadLocal<UniffiRustCallStatus> = ThreadLocal.withInitial { UniffiRustCallStatus() }

/** Calls [call] with a call status and throws what Rust reported through it. */
internal inline fun <T> uniffiRustCall(
    errorConverter: UniffiConverterRustBuffer<out kotlin.Exception>?,
    call: (Pointer) -> T,
): T {
{%- if has_main_dispatch %}
    val root = UNIFFI_CALL_STATUS.get()
    val status = root.acquire()
    val onMain = UniffiMainThread.enter(root)
    try {
        val result = call(status.pointer)
        if (status.failed()) {
            uniffiThrow(status.pointer, errorConverter)
        }
        return result
    } finally {
        status.busy = false
        if (onMain) {
            UniffiMainThread.leave()
        }
    }
{%- else %}
    val status = UNIFFI_CALL_STATUS.get().acquire()
    try {
        val result = call(status.pointer)
        if (status.failed()) {
            uniffiThrow(status.pointer, errorConverter)
        }
        return result
    } finally {
        status.busy = false
    }
{%- endif %}
}

/** Throws what Rust reported through [status] (a failed call), leaving it reset for reuse. */
internal fun uniffiThrow(
    status: Pointer,
    errorConverter: UniffiConverterRustBuffer<out kotlin.Exception>?,
): Nothing {
    val code = status.getByte(0)
    val buf = UniffiRustBuffer.ByValue(status.share(8))
    status.clear(UNIFFI_CALL_STATUS_SIZE)
    when (code) {
        UNIFFI_CALL_ERROR -> {
            if (errorConverter != null) {
                throw errorConverter.lift(buf)
            }
            uniffiBufferFree(buf)
            throw InternalException("Rust returned an error from a function that declares none")
        }
        UNIFFI_CALL_UNEXPECTED_ERROR -> {
            val message = if (buf.data == null) "" else uniffiLiftString(buf)
            throw InternalException(message.ifEmpty { "Rust panic" })
        }
        UNIFFI_CALL_CANCELLED -> throw CancellationException("the Rust future was cancelled")
        else -> throw InternalException("unexpected Rust call status $code")
    }
}

{%- if has_threads %}
/**
 * [callback]'s C function pointer for Rust, made once: JNA's direct-mode trampoline, which calls
 * the method without reflection or boxing (the public `CallbackReference.getFunctionPointer`
 * gives a proxy-mode one: `Method.invoke` with boxed arguments). JNA makes direct ones, with the
 * private `CallbackReference.getFunctionPointer(Callback, boolean)` its native code calls by
 * name, only for callback arguments of direct-mapped functions, looking them up again on every
 * call. Where that method cannot be reached (a module setup forbidding the reflection), the
 * public pointer: correct, slower. Rust threads calling it stay attached to the JVM, as daemons
 * named [threadName], instead of being attached and detached around every call; JNA detaches
 * them when they exit.
 */
internal fun uniffiCallbackPointer(callback: Callback, threadName: String): Pointer {
    Native.setCallbackThreadInitializer(callback, CallbackThreadInitializer(true, false, threadName))
    return try {
        val make = CallbackReference::class.java.getDeclaredMethod("getFunctionPointer", Callback::class.java, Boolean::class.javaPrimitiveType)
        make.isAccessible = true
        make.invoke(null, callback, true) as Pointer
    } catch (e: kotlin.Exception) {
        CallbackReference.getFunctionPointer(callback)
    }
}

{% endif -%}
/** The direct-mapped C functions of `lib{{ cdylib }}`. Loading it checks the contract. */
internal object UniffiLib {
    init {
        val name = System.getProperty("uniffi.component.{{ m.namespace }}.libraryOverride") ?: "{{ cdylib }}"
        Native.register(UniffiLib::class.java, name)
        uniffiCheckContract()
    }

    @JvmStatic external fun {{ m.contract_version_symbol }}(): Int
{%- for (symbol, _) in checksums %}
    @JvmStatic external fun {{ symbol }}(): Short
{%- endfor %}
    @JvmStatic external fun {{ m.rustbuffer.alloc }}(size: Long, uniffiStatus: Pointer): UniffiRustBuffer.ByValue
    @JvmStatic external fun {{ m.rustbuffer.free }}(buf: UniffiRustBuffer.ByValue, uniffiStatus: Pointer)
{%- for d in ffi_decls %}
    @JvmStatic external fun {{ d.symbol }}({{ d.params }}){{ d.ret }}
{%- endfor %}
}

private fun uniffiCheckContract() {
    val version = UniffiLib.{{ m.contract_version_symbol }}()
    if (version != {{ m.contract_version }}) {
        throw InternalException("UniFFI contract version mismatch: bindings expect {{ m.contract_version }}, library has $version")
    }
{%- for (symbol, value) in checksums %}
    if ((UniffiLib.{{ symbol }}().toInt() and 0xFFFF) != {{ value }}) {
        throw InternalException("UniFFI API checksum mismatch ({{ symbol }}): rebuild the bindings for this library")
    }
{%- endfor %}
}

internal fun uniffiBufferAlloc(size: Long): UniffiRustBuffer.ByValue =
    uniffiRustCall(null) { status -> UniffiLib.{{ m.rustbuffer.alloc }}(size, status) }

internal fun uniffiBufferFree(buf: UniffiRustBuffer.ByValue) {
    uniffiRustCall(null) { status -> UniffiLib.{{ m.rustbuffer.free }}(buf, status) }
}

/** Decodes a Rust-owned buffer holding bare UTF-8 and frees it. */
internal fun uniffiLiftString(buf: UniffiRustBuffer.ByValue): String {
    try {
        val len = buf.len.toInt()
        return if (len == 0) "" else buf.data!!.getByteArray(0, len).decodeToString()
    } finally {
        uniffiBufferFree(buf)
    }
}

/** Copies a string's UTF-8 into a new Rust-owned buffer (no length prefix). */
internal fun uniffiLowerString(value: String): UniffiRustBuffer.ByValue {
    val bytes = value.encodeToByteArray(throwOnInvalidSequence = true)
    val buf = uniffiBufferAlloc(bytes.size.toLong())
    if (bytes.isNotEmpty()) {
        buf.data!!.write(0, bytes, 0, bytes.size)
    }
    return buf
}

/** Moves values of type [K] across the FFI as [F], and in and out of serialized buffers. */
internal interface UniffiConverter<K, F> {
    fun lift(value: F): K
    fun lower(value: K): F
    fun read(buf: ByteBuffer): K
    /** An upper bound of the bytes [write] needs. */
    fun allocationSize(value: K): Long
    fun write(value: K, buf: ByteBuffer)
}

/** A converter for types that cross the FFI serialized in a RustBuffer. */
internal interface UniffiConverterRustBuffer<K> : UniffiConverter<K, UniffiRustBuffer.ByValue> {
    override fun lift(value: UniffiRustBuffer.ByValue): K {
        try {
            val buf = value.asByteBuffer()
            val result = read(buf)
            if (buf.hasRemaining()) {
                throw InternalException("junk data left in buffer after reading a value from Rust")
            }
            return result
        } finally {
            uniffiBufferFree(value)
        }
    }

    override fun lower(value: K): UniffiRustBuffer.ByValue {
        val rbuf = uniffiBufferAlloc(allocationSize(value))
        try {
            val buf = rbuf.asByteBuffer(rbuf.len)
            write(value, buf)
            rbuf.len = buf.position().toLong()
            return rbuf
        } catch (e: Throwable) {
            uniffiBufferFree(rbuf)
            throw e
        }
    }
}
