{#- Handles: for Rust objects, the per-object owner (in-flight call counting, freeing once), the
    shared Cleaner and the converter base class (a new wrapper per handle Rust returns, as
    upstream; with `object_identity`, the live wrapper of a known handle); for Kotlin objects
    Rust holds (callback interfaces, foreign traits), the handle map and the sync call path
    (with the main-thread dispatch of `dispatch = "main"` in main_dispatch.kt). -#}
// ---- handles -----------------------------------------------------------------------
{%- if has_disposable %}

/** Something holding a Rust object that can be released before it is garbage-collected. */
interface Disposable {
    /** Releases the Rust object; later calls on this object throw. Idempotent. */
    fun destroy()

    companion object {
        /** Destroys every [Disposable] among [args], and those inside lists, sets and maps. */
        fun destroy(vararg args: Any?) {
            for (arg in args) {
                when (arg) {
                    is Disposable -> arg.destroy()
                    // Values of another component's package implement its own `Disposable`.
                    is AutoCloseable -> arg.close()
                    is Map<*, *> -> arg.values.forEach { destroy(it) }
                    is Iterable<*> -> arg.forEach { destroy(it) }
                }
            }
        }
    }
}
{%- endif %}
{%- if has_objects %}

/** Marker argument of the constructor wrapping a handle Rust gave us. */
object UniffiWithHandle

/** Marker argument of the constructor of an object without a Rust peer (for test doubles). */
object NoHandle

/** Frees the Rust objects of unreachable Kotlin objects that were never closed. */
internal val UNIFFI_CLEANER: Cleaner = {% if opts.jna_cleaner %}Cleaner.getCleaner(){% else %}Cleaner.create(){% endif %}

/**
 * Owns one Rust reference ([handle]) for one Kotlin object. Calls in flight hold it alive:
 * the reference is freed once [run] (by `close()` or by the Cleaner) has happened and the last
 * call finished. Holds nothing of the Kotlin object, so the Cleaner can still collect it.
 */
internal class UniffiHandleOwner(val handle: Long, private val kind: UniffiObjectConverter<*>) : Runnable {
    private val destroyed = AtomicBoolean(false)

    /** 1 for the object itself, plus one per call in flight; the reference is freed at 0. */
    private val holds = AtomicLong(1)

    val isDestroyed: Boolean
        get() = destroyed.get()

    /** Gives up the object's own hold. Runs once, whoever calls it. */
    override fun run() {
        if (destroyed.compareAndSet(false, true)) {
            release()
        }
    }

    /** Takes a hold unless the object was destroyed. */
    fun acquire(): Boolean {
        while (true) {
            val count = holds.get()
            if (count == 0L || destroyed.get()) {
                return false
            }
            if (holds.compareAndSet(count, count + 1)) {
                return true
            }
        }
    }

    fun release() {
        if (holds.decrementAndGet() == 0L && handle != 0L) {
            kind.free(this)
        }
    }

    /** A new Rust reference, which the callee (Rust) takes ownership of. */
    fun cloneHandle(): Long {
        if (handle == 0L) {
            throw InternalException("this object was made with NoHandle and has no Rust peer")
        }
        if (!acquire()) {
            throw IllegalStateException("${kind.typeName} object has already been destroyed")
        }
        try {
            return kind.cloneRaw(handle)
        } finally {
            release()
        }
    }
}

{%- if object_identity %}
/**
 * Converts objects of type [T] to and from handles. Remembers the live Kotlin object of each
 * handle (weakly): when Rust returns an object the Kotlin side already has, that same instance
 * comes back and the extra Rust reference is released (`object_identity = true`).
 */
internal abstract class UniffiObjectConverter<T : Any> : UniffiConverter<T, Long> {
    private val live = ConcurrentHashMap<Long, WeakReference<T>>()

    /** The class name, for error messages. */
    abstract val typeName: String

    /** The owner of a Rust-backed [value]; throws for values Rust cannot take. */
    abstract fun ownerOf(value: T): UniffiHandleOwner

    /** A new Kotlin object owning [handle]; its constructor calls [remember]. */
    abstract fun create(handle: Long): T

    abstract fun freeRaw(handle: Long)

    abstract fun cloneRaw(handle: Long): Long

    fun remember(value: T) {
        live[ownerOf(value).handle] = WeakReference(value)
    }

    /** Forgets [owner]'s object, then frees its Rust reference. */
    fun free(owner: UniffiHandleOwner) {
        live.computeIfPresent(owner.handle) { _, ref ->
            val value = ref.get()
            if (value == null || ownerOf(value) === owner) null else ref
        }
        freeRaw(owner.handle)
    }

    override fun lift(value: Long): T {
        val existing = live[value]?.get()
        if (existing != null) {
            val owner = ownerOf(existing)
            if (owner.acquire()) {
                try {
                    freeRaw(value) // the existing object already owns a reference
                } finally {
                    owner.release()
                }
                return existing
            }
        }
        return create(value)
    }
{%- else %}
/**
 * Converts objects of type [T] to and from handles. Every handle Rust returns becomes a new
 * Kotlin object owning that reference (as upstream UniFFI does), so closing one wrapper never
 * closes another.
 */
internal abstract class UniffiObjectConverter<T : Any> : UniffiConverter<T, Long> {
    /** The class name, for error messages. */
    abstract val typeName: String

    /** The owner of a Rust-backed [value]; throws for values Rust cannot take. */
    abstract fun ownerOf(value: T): UniffiHandleOwner

    /** A new Kotlin object owning [handle]. */
    abstract fun create(handle: Long): T

    abstract fun freeRaw(handle: Long)

    abstract fun cloneRaw(handle: Long): Long

    /** Frees [owner]'s Rust reference. */
    fun free(owner: UniffiHandleOwner) = freeRaw(owner.handle)

    override fun lift(value: Long): T = create(value)
{%- endif %}

    override fun lower(value: T): Long = ownerOf(value).cloneHandle()

    override fun read(buf: ByteBuffer): T = lift(buf.getLong())

    override fun allocationSize(value: T): Long = 8L

    override fun write(value: T, buf: ByteBuffer) {
        buf.putLong(lower(value))
    }
}
{%- endif %}
{%- if has_foreign %}

/** Next handle for a Kotlin object handed to Rust: odd, so Rust tells them from its own. */
internal val UNIFFI_NEXT_FOREIGN_HANDLE = AtomicLong(1)

/** Kotlin objects (or jobs) Rust holds, by handle. */
internal class UniffiHandleMap<T : Any> {
    private val map = ConcurrentHashMap<Long, T>()

    fun insert(value: T): Long {
{%- if has_stream_sources %}
        (value as? UniffiFlowSource<*>)?.uniffiRetain()
{%- endif %}
        val handle = UNIFFI_NEXT_FOREIGN_HANDLE.getAndAdd(2)
        map[handle] = value
        return handle
    }

    fun get(handle: Long): T = map[handle] ?: throw InternalException("no Kotlin object has handle $handle")

    /** Removes and returns the object, or null if the handle is unknown (already taken). */
    fun take(handle: Long): T? = map.remove(handle){% if has_stream_sources %}?.also { (it as? UniffiFlowSource<*>)?.uniffiRelease() }{% endif %}

    fun remove(handle: Long): T = take(handle) ?: throw InternalException("no Kotlin object has handle $handle")

    /** A second handle for the same object (Rust cloned its reference). */
    fun clone(handle: Long): Long = insert(get(handle))

    val size: Int
        get() = map.size
}

/**
 * How many Kotlin objects Rust holds, plus the foreign calls Rust is awaiting: 0 when nothing
 * leaked (for tests).
 */
fun uniffiLiveForeignHandles(): Int =
    {% for c in foreigns %}{{ c.converter }}.handles.size + {% endfor %}{% if has_foreign_futures %}UNIFFI_FOREIGN_FUTURES.size{% else %}0{% endif %}

/** `void (*)(uint64_t handle)`: Rust dropped its reference to a Kotlin object. */
internal interface UniffiCallbackInterfaceFree : Callback {
    fun callback(handle: Long)
}

/** `uint64_t (*)(uint64_t handle)`: Rust cloned its reference to a Kotlin object. */
internal interface UniffiCallbackInterfaceClone : Callback {
    fun callback(handle: Long): Long
}

/** Writes a RustBuffer (`capacity`, `len`, `data`) into native memory at [offset]. */
internal fun uniffiWriteRustBuffer(ptr: Pointer, offset: Long, buf: UniffiRustBuffer.ByValue) {
    ptr.setLong(offset, buf.capacity)
    ptr.setLong(offset + 8, buf.len)
    ptr.setPointer(offset + 16, buf.data)
}

/** A `RustCallStatus` built by Kotlin, for Rust to read. */
@Structure.FieldOrder("code", "errorBuf")
internal class UniffiForeignCallStatus : Structure() {
    @JvmField var code: Byte = UNIFFI_CALL_SUCCESS
    @JvmField var errorBuf: UniffiRustBuffer.ByValue = UniffiRustBuffer.ByValue()
}

/**
 * What Rust should see when a Kotlin implementation threw [e]: its declared error (lowered by
 * [lowerError]), or an unexpected error carrying `e.toString()`, which Rust turns into its
 * `UnexpectedUniFFICallbackError`.
 */
internal fun uniffiForeignFailure(e: Throwable, lowerError: (Throwable) -> UniffiRustBuffer.ByValue?): UniffiForeignCallStatus {
    val status = UniffiForeignCallStatus()
    val declared = lowerError(e)
    if (declared != null) {
        status.code = UNIFFI_CALL_ERROR
        status.errorBuf = declared
    } else {
        status.code = UNIFFI_CALL_UNEXPECTED_ERROR
        status.errorBuf = uniffiLowerString(e.toString())
    }
    return status
}

/**
 * Runs a sync method Rust called, reporting a throw through the caller's `RustCallStatus`
 * ([status]); with [onMain] (the method's name), on [UniffiAsyncConfig.mainDispatcher] while the
 * Rust thread waits.
 */
internal fun uniffiCallForeign(
    status: Pointer,
    onMain: String?,
    lowerError: (Throwable) -> UniffiRustBuffer.ByValue?,
    body: () -> kotlin.Unit,
) {
    try {
        if (onMain != null) uniffiRunOnMain(onMain, body) else body()
    } catch (e: Throwable) {
        val failure = uniffiForeignFailure(e, lowerError)
        status.setByte(0, failure.code)
        uniffiWriteRustBuffer(status, 8, failure.errorBuf)
    }
}
{%- include "main_dispatch.kt" %}
{%- endif %}
