{#- All async machinery for Kotlin: the RustFuture drivers (suspending, and blocking for
    `blocking` twins), their shared continuation callback, the future families' FFI entry points
    and `UniffiAsyncConfig` (the `offload` dispatcher). -#}
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
    init {
        // Rust threads that wake futures stay attached to the JVM, as daemons, instead of being
        // attached and detached around every callback; JNA detaches them when they exit.
        Native.setCallbackThreadInitializer(this, CallbackThreadInitializer(true, false, "uniffi-rust-waker"))
    }

    override fun callback(data: Long, pollResult: Byte) {
        UniffiContinuations.remove(data)?.wake(pollResult)
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
                val waiter = UniffiPollWaiter { pollResult -> continuation.resume(pollResult) }
                future.poll(handle, UniffiContinuationCallback, UniffiContinuations.insert(waiter))
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
    try {
        do {
            val waiter = UniffiBlockingPoll()
            future.poll(handle, UniffiContinuationCallback, UniffiContinuations.insert(waiter))
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
     * their Rust call on, so the calling thread or dispatcher keeps running meanwhile.
     * [Dispatchers.IO] by default; set it before the calls it should apply to.
     */
    @Volatile
    var offloadDispatcher: CoroutineDispatcher = Dispatchers.IO
{%- endif %}
{%- if has_foreign %}

    /**
     * Where methods of interfaces with `dispatch = "main"` run when Rust calls them: the app's
     * main thread. [Dispatchers.Main] when the app has one (Android, Swing, JavaFX), else null
     * until the app sets one (e.g. a single-thread dispatcher running its event loop); with
     * null, such methods run on the calling thread. A method Rust calls from a thread on which
     * the dispatcher's `isDispatchNeeded` is false runs inline, so calls made from the main
     * thread itself cannot deadlock. Sync methods block the calling Rust thread until done.
     */
    @Volatile
    var mainDispatcher: CoroutineDispatcher? = uniffiDefaultMainDispatcher()
{%- if has_foreign_futures %}

    /**
     * The dispatcher `suspend` methods of foreign traits run on when Rust awaits them, in a
     * scope the bindings own; Rust dropping the future cancels the job. [Dispatchers.Default]
     * by default.
     */
    @Volatile
    var foreignDispatcher: CoroutineDispatcher = Dispatchers.Default
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
{%- if has_foreign_futures %}

/** The scope running `suspend` foreign methods; a failing call does not cancel the others. */
internal val UNIFFI_FOREIGN_SCOPE = CoroutineScope(SupervisorJob() + CoroutineName("uniffi-foreign-future"))

/** Jobs of foreign methods Rust is awaiting, by the handle Rust gives back when it drops them. */
internal val UNIFFI_FOREIGN_FUTURES = UniffiHandleMap<Job>()

/** `void (*)(uint64_t handle)`: Rust dropped the future of a foreign method call. */
internal interface UniffiForeignFutureDroppedCallback : Callback {
    fun callback(handle: Long)
}

/** Cancels the job when Rust drops its future (after completion too: then nothing is left). */
internal object UniffiForeignFutureDropped : UniffiForeignFutureDroppedCallback {
    init {
        uniffiKeepThreadsAttached(this)
    }

    /** Set while Rust is dropping a future on this thread: completing it now could re-enter. */
    val dropping: ThreadLocal<Boolean> = ThreadLocal.withInitial { false }

    override fun callback(handle: Long) {
        val job = UNIFFI_FOREIGN_FUTURES.take(handle) ?: return
        dropping.set(true)
        try {
            job.cancel()
        } finally {
            dropping.set(false)
        }
    }
}

/**
 * Starts a `suspend` method Rust called as a job in [UNIFFI_FOREIGN_SCOPE] and returns at once.
 * The Rust future is completed exactly once through [complete] when the job is done, with [ok]
 * of the result or [err] of the failure (a cancelled job, even one cancelled before it ran,
 * reports an unexpected error). The dropped-callback struct Rust passed ([outDropped]) is filled
 * so that Rust dropping the future cancels the job.
 */
internal fun <T, R : Structure> uniffiCallForeignAsync(
    outDropped: Pointer,
    onMain: Boolean,
    lowerError: (Throwable) -> UniffiRustBuffer.ByValue?,
    call: suspend () -> T,
    ok: (T) -> R,
    err: (UniffiForeignCallStatus) -> R,
    complete: (R) -> kotlin.Unit,
) {
    val dispatcher = (if (onMain) UniffiAsyncConfig.mainDispatcher else null) ?: UniffiAsyncConfig.foreignDispatcher
    var outcome: R? = null
    val job = UNIFFI_FOREIGN_SCOPE.launch(dispatcher, CoroutineStart.LAZY) {
        outcome = try {
            ok(call())
        } catch (e: CancellationException) {
            throw e
        } catch (e: Throwable) {
            err(uniffiForeignFailure(e, lowerError))
        }
    }
    val handle = UNIFFI_FOREIGN_FUTURES.insert(job)
    outDropped.setLong(0, handle)
    outDropped.setPointer(8, CallbackReference.getFunctionPointer(UniffiForeignFutureDropped))
    // Runs on the thread finishing the job: the dispatcher's, also when it was cancelled before
    // it ran; if that is Rust's own dropped callback (a dispatcher running resumptions inline),
    // the completion is handed to another thread rather than re-entering Rust.
    job.invokeOnCompletion { cause ->
        UNIFFI_FOREIGN_FUTURES.take(handle)
        val finish = {
            complete(outcome ?: err(uniffiForeignFailure(cause ?: CancellationException("no result"), lowerError)))
        }
        if (UniffiForeignFutureDropped.dropping.get()) Thread(finish, "uniffi-foreign-complete").start() else finish()
    }
    job.start()
}
{%- for r in result_structs %}

/** The result Kotlin hands to a foreign future's completion callback. */
@Structure.FieldOrder({% if r.ffi.is_some() %}"returnValue", {% endif %}"callStatus")
internal class {{ r.name }}(
{%- if let Some(t) = r.ffi %}
    @JvmField var returnValue: {{ t }} = {{ r.zero }},
{%- endif %}
    @JvmField var callStatus: UniffiForeignCallStatus = UniffiForeignCallStatus(),
) : Structure(), Structure.ByValue
{%- endfor %}
{%- endif %}
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
