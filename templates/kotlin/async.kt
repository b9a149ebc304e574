{#- All async machinery for Kotlin: the RustFuture drivers (suspending, and blocking for
    `blocking` twins) and their cancellation (a cancelled coroutine or an interrupted thread
    cancels the Rust future), their shared continuation callback, the future families' FFI entry points
    and `UniffiAsyncConfig`; foreign futures (Rust awaiting Kotlin) in async_foreign.kt, the
    `offload` worker pool in offload_pool.kt. -#}
// ---- async: driving Rust futures from coroutines -----------------------------------
{%- if has_futures %}

internal const val UNIFFI_RUST_FUTURE_POLL_READY: Byte = 0

/** The C type `void (*)(uint64_t data, int8_t poll_code)` Rust calls to report a poll. */
internal interface UniffiRustFutureContinuationCallback : Callback {
    fun callback(data: Long, pollResult: Byte)
}

/** Whoever waits for one poll's continuation: a suspended coroutine or a blocked thread. */
internal fun interface UniffiPollWaiter {
    /** Called once, on whatever thread Rust fires the continuation from. */
    fun wake(pollResult: Byte)
}

/** Pending polls waiting for their continuation, keyed by the `callback_data` handle. */
internal object UniffiContinuations {
    private val waiting = ConcurrentHashMap<Long, UniffiPollWaiter>()
    private val nextHandle = AtomicLong(0)

    fun insert(waiter: UniffiPollWaiter): Long {
        val handle = nextHandle.incrementAndGet()
        waiting[handle] = waiter
        return handle
    }

    fun remove(handle: Long): UniffiPollWaiter? = waiting.remove(handle)

    val size: Int
        get() = waiting.size
}

/**
 * The one continuation callback: wakes the waiter of that poll. A coroutine is then dispatched
 * by its own dispatcher and a blocked thread is released, so the Rust thread calling this (any
 * thread, or the polling thread itself inside `poll`) never blocks. Being an object keeps it
 * strongly reachable for JNA.
 */
internal object UniffiContinuationCallback : UniffiRustFutureContinuationCallback {
    /** Passed to every poll; Rust threads waking futures stay attached (see the function). */
    val pointer: Pointer = uniffiCallbackPointer(this, "uniffi-rust-waker")

    override fun callback(data: Long, pollResult: Byte) {
        UniffiContinuations.remove(data)?.wake(pollResult)
    }
}

/** One RustFuture FFI family: the entry points for futures whose `complete` returns [F]. */
internal interface UniffiRustFuture<F> {
    fun poll(handle: Long, callback: Pointer, callbackData: Long)
    fun complete(handle: Long, status: Pointer): F
    fun cancel(handle: Long)
    fun free(handle: Long)
}

/**
 * A coroutine waiting for one poll's continuation: holds the poll code if the continuation fired
 * first (often inside `poll` itself, and then the coroutine does not suspend at all), else the
 * suspended coroutine's continuation.
 */
internal class UniffiSuspendingPoll : AtomicReference<Any?>(null), UniffiPollWaiter {
    override fun wake(pollResult: Byte) {
        val waiting = getAndSet(pollResult)
        if (waiting != null) {
            @Suppress("UNCHECKED_CAST")
            (waiting as CancellableContinuation<Byte>).resume(pollResult)
        }
    }

    suspend fun await(): Byte {
        (get() as? Byte)?.let { return it }
        return suspendCancellableCoroutine { continuation ->
            if (!compareAndSet(null, continuation)) {
                continuation.resume(get() as Byte)
            }
        }
    }
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
            val waiter = UniffiSuspendingPoll()
{%- if has_foreign_futures %}
            UniffiPolling.during(coroutineContext[ContinuationInterceptor] ?: Dispatchers.Default) {
                future.poll(handle, UniffiContinuationCallback.pointer, UniffiContinuations.insert(waiter))
            }
{%- else %}
            future.poll(handle, UniffiContinuationCallback.pointer, UniffiContinuations.insert(waiter))
{%- endif %}
            val pollResult = waiter.await()
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

{%- if has_blocking %}

/** A thread blocked in [uniffiRustCallBlocking] until one poll's continuation fires. */
internal class UniffiBlockingPoll : UniffiPollWaiter {
    private val latch = CountDownLatch(1)

    @Volatile
    private var pollResult: Byte = UNIFFI_RUST_FUTURE_POLL_READY

    override fun wake(pollResult: Byte) {
        this.pollResult = pollResult
        latch.countDown()
    }

    /** Blocks until [wake] ran (at once if it already did, e.g. inside `poll`). */
    fun await(): Byte {
        latch.await()
        return pollResult
    }
}

/**
 * Polls the Rust future [handle] until it is ready, blocking the calling thread (any thread,
 * no coroutine or event loop needed), then completes it. Interrupting the thread cancels the
 * Rust future and throws [InterruptedException]; it is freed (dropped) on every path.
 */
internal fun <F> uniffiRustCallBlocking(
    handle: Long,
    future: UniffiRustFuture<F>,
    errorConverter: UniffiConverterRustBuffer<out kotlin.Exception>?,
): F {
{%- if has_main_dispatch %}
    val onMain = UniffiMainThread.enter(UNIFFI_CALL_STATUS.get())
{%- endif %}
    try {
        do {
            val waiter = UniffiBlockingPoll()
{%- if has_foreign_futures %}
            // This thread blocks meanwhile: foreign methods continue on Dispatchers.Default.
            UniffiPolling.during(Dispatchers.Default) {
                future.poll(handle, UniffiContinuationCallback.pointer, UniffiContinuations.insert(waiter))
            }
{%- else %}
            future.poll(handle, UniffiContinuationCallback.pointer, UniffiContinuations.insert(waiter))
{%- endif %}
            val pollResult = try {
                waiter.await()
            } catch (e: InterruptedException) {
                // Fires the pending continuation (removing it from the map) and stops the future.
                future.cancel(handle)
                throw e
            }
        } while (pollResult != UNIFFI_RUST_FUTURE_POLL_READY)
        return uniffiRustCall(errorConverter) { status -> future.complete(handle, status) }
    } finally {
        future.free(handle)
{%- if has_main_dispatch %}
        if (onMain) {
            UniffiMainThread.leave()
        }
{%- endif %}
    }
}
{%- endif %}

/** How many polls are waiting for their continuation (0 when no Rust future is pending). */
fun uniffiLivePolls(): Int = UniffiContinuations.size
{%- endif %}
{%- if has_offload || has_foreign %}

/** Settings for how the generated code of this package switches threads. */
object UniffiAsyncConfig {
{%- if has_offload %}
    /**
     * The dispatcher `offload`ed functions (blocking Rust calls exposed as `suspend fun`) run
     * their Rust call on, so the calling thread or dispatcher keeps running meanwhile. By default
     * a pool of daemon threads of the bindings' own, which hands quick calls over and back
     * without a thread wake-up; set it (e.g. to [Dispatchers.IO]) before the calls it should
     * apply to.
     */
    @Volatile
    var offloadDispatcher: CoroutineDispatcher = UniffiOffloadPool
{%- endif %}
{%- if has_foreign %}

    /**
     * Where methods of interfaces with `dispatch = "main"` run when Rust calls them: the app's
     * main thread. [Dispatchers.Main] when the app has one (Android, Swing, JavaFX), else null
     * until the app sets one (e.g. a single-thread dispatcher running its event loop); with
     * null, such methods run on the calling thread. A method Rust calls on the main thread
     * itself (decided by the dispatcher's `immediate` when it is a [MainCoroutineDispatcher],
     * else by its own `isDispatchNeeded`) runs inline, so calls made from the main thread cannot
     * deadlock. Sync methods block the calling Rust thread until done; one whose main thread
     * stays blocked in a synchronous call into Rust fails instead (`offload` that call).
     */
    @Volatile
    var mainDispatcher: CoroutineDispatcher? = uniffiDefaultMainDispatcher()
{%- if has_foreign_futures %}

    /**
     * Where `suspend` methods of foreign traits run when Rust awaits them (in a scope the
     * bindings own; Rust dropping the future cancels the job). When set, they always run on it
     * (inline only when its `isDispatchNeeded` is false). When null (the default), a method Rust
     * calls from inside the poll of a Kotlin coroutine awaiting a Rust future starts at once on
     * that thread and continues on that coroutine's dispatcher, as if the coroutine had called
     * it; one Rust calls from any other thread (a Rust thread) is dispatched to
     * [Dispatchers.Default].
     */
    @Volatile
    var foreignDispatcher: CoroutineDispatcher? = null
{%- endif %}
{%- endif %}
}
{%- endif %}
{%- if has_foreign %}

private fun uniffiDefaultMainDispatcher(): CoroutineDispatcher? =
    try {
        Dispatchers.Main.also { it.isDispatchNeeded(EmptyCoroutineContext) }
    } catch (e: IllegalStateException) {
        null // no main dispatcher module on the classpath
    } catch (e: UnsupportedOperationException) {
        null
    }
{%- endif %}
{%- if has_offload %}

{% include "offload_pool.kt" %}
{%- endif %}
{%- if has_foreign_futures %}

{% include "async_foreign.kt" %}
{%- endif %}
{%- for f in families %}

internal object {{ f.object }} : UniffiRustFuture<{{ f.ffi_ret }}> {
    override fun poll(handle: Long, callback: Pointer, callbackData: Long) =
        UniffiLib.{{ f.poll }}(handle, callback, callbackData)

    override fun complete(handle: Long, status: Pointer): {{ f.ffi_ret }} =
        UniffiLib.{{ f.complete }}(handle, status)

    override fun cancel(handle: Long) = UniffiLib.{{ f.cancel }}(handle)

    override fun free(handle: Long) = UniffiLib.{{ f.free }}(handle)
}
{%- endfor %}
