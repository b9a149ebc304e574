{#- All async machinery for Kotlin: the RustFuture driver, its continuation callback and the
    future families' FFI entry points. -#}
// ---- async: driving Rust futures from coroutines -----------------------------------

internal const val UNIFFI_RUST_FUTURE_POLL_READY: Byte = 0

/** The C type `void (*)(uint64_t data, int8_t poll_code)` Rust calls to report a poll. */
internal interface UniffiRustFutureContinuationCallback : Callback {
    fun callback(data: Long, pollResult: Byte)
}

/** Suspended polls waiting for their continuation, keyed by the `callback_data` handle. */
internal object UniffiContinuations {
    private val waiting = ConcurrentHashMap<Long, CancellableContinuation<Byte>>()
    private val nextHandle = AtomicLong(0)

    fun insert(continuation: CancellableContinuation<Byte>): Long {
        val handle = nextHandle.incrementAndGet()
        waiting[handle] = continuation
        return handle
    }

    fun remove(handle: Long): CancellableContinuation<Byte>? = waiting.remove(handle)

    val size: Int
        get() = waiting.size
}

/**
 * The one continuation callback: resumes the waiting coroutine, which is then dispatched by its
 * own dispatcher, so the Rust thread calling it (any thread, or the polling thread itself
 * inside `poll`) never blocks. Being an object keeps it strongly reachable for JNA.
 */
internal object UniffiContinuationCallback : UniffiRustFutureContinuationCallback {
    init {
        // Rust threads that wake futures stay attached to the JVM, as daemons, instead of being
        // attached and detached around every callback; JNA detaches them when they exit.
        Native.setCallbackThreadInitializer(this, CallbackThreadInitializer(true, false, "uniffi-rust-waker"))
    }

    override fun callback(data: Long, pollResult: Byte) {
        UniffiContinuations.remove(data)?.resume(pollResult)
    }
}

/** One RustFuture FFI family: the entry points for futures whose `complete` returns [F]. */
internal interface UniffiRustFuture<F> {
    fun poll(handle: Long, callback: UniffiRustFutureContinuationCallback, callbackData: Long)
    fun complete(handle: Long, status: UniffiRustCallStatus): F
    fun cancel(handle: Long)
    fun free(handle: Long)
}

/**
 * Polls the Rust future [handle] until it is ready, then completes it. Cancelling the calling
 * coroutine cancels the Rust future; it is freed (dropped) on every path.
 */
internal suspend fun <F> uniffiRustCallAsync(
    handle: Long,
    future: UniffiRustFuture<F>,
    errorConverter: UniffiConverterRustBuffer<out kotlin.Exception>?,
): F {
    try {
        do {
            val pollResult = suspendCancellableCoroutine { continuation ->
                future.poll(handle, UniffiContinuationCallback, UniffiContinuations.insert(continuation))
            }
        } while (pollResult != UNIFFI_RUST_FUTURE_POLL_READY)
        return uniffiRustCall(errorConverter) { status -> future.complete(handle, status) }
    } catch (e: CancellationException) {
        // Fires the pending continuation (removing it from the map) and stops the future.
        future.cancel(handle)
        throw e
    } finally {
        future.free(handle)
    }
}

/** How many polls are waiting for their continuation (0 when no Rust future is pending). */
fun uniffiLivePolls(): Int = UniffiContinuations.size
{%- for f in families %}

internal object {{ f.object }} : UniffiRustFuture<{{ f.ffi_ret }}> {
    override fun poll(handle: Long, callback: UniffiRustFutureContinuationCallback, callbackData: Long) =
        UniffiLib.{{ f.poll }}(handle, callback, callbackData)

    override fun complete(handle: Long, status: UniffiRustCallStatus): {{ f.ffi_ret }} =
        UniffiLib.{{ f.complete }}(handle, status)

    override fun cancel(handle: Long) = UniffiLib.{{ f.cancel }}(handle)

    override fun free(handle: Long) = UniffiLib.{{ f.free }}(handle)
}
{%- endfor %}
