{#- The main-thread dispatch of callback interfaces and foreign traits declared
    `dispatch = "main"` (included by handles.kt, after the sync call path `uniffiCallForeign`):
    `uniffiRunOnMain` runs a sync method on `UniffiAsyncConfig.mainDispatcher` while the Rust
    thread waits, and `UniffiMainThread` tracks the main thread's sync calls into Rust so that a
    callback waiting for a main thread blocked in one of them fails instead of deadlocking. With
    no such interface, `uniffiRunOnMain` just runs the method. -#}
{%- if has_main_dispatch %}

/**
 * The dispatcher deciding whether the calling thread already is the main thread: the
 * `immediate` one of a [MainCoroutineDispatcher] (Android's `Dispatchers.Main` says a dispatch
 * is needed even on the main thread; its `immediate` checks the thread), else [main] itself.
 */
internal fun uniffiImmediate(main: CoroutineDispatcher): CoroutineDispatcher =
    try {
        (main as? MainCoroutineDispatcher)?.immediate ?: main
    } catch (e: UnsupportedOperationException) {
        main
    }

/** How long a main-dispatched callback waits while the main thread stays in one sync Rust call. */
internal const val UNIFFI_MAIN_BLOCKED_MILLIS: Long = 500

/**
 * Tracks the synchronous calls into Rust the main thread is in (only the main thread writes):
 * a `dispatch = "main"` callback waiting for a main thread that stays blocked in one of them
 * fails instead of hanging (that call may well be waiting for the callback).
 */
internal object UniffiMainThread {
    private var depth = 0
    private var calls = 0L

    /** The outermost sync Rust call the main thread is in (a serial number), or 0. */
    @Volatile
    @JvmField
    var call: Long = 0

    /** Before a sync call into Rust: true if on the main thread (then call [leave] after it). */
    fun enter(root: UniffiRustCallStatus): Boolean {
        val main = UniffiAsyncConfig.mainDispatcher ?: return false
        if (root.mainOf !== main) {
            root.onMain = !uniffiImmediate(main).isDispatchNeeded(EmptyCoroutineContext)
            root.mainOf = main
        }
        if (!root.onMain) {
            return false
        }
        if (depth++ == 0) {
            call = ++calls
        }
        return true
    }

    fun leave() {
        if (--depth == 0) {
            call = 0
        }
    }
}

/**
 * Runs [block] (the method [name]) on [UniffiAsyncConfig.mainDispatcher] and waits for it,
 * rethrowing what it threw: inline when already on the main thread (the dispatcher's
 * `immediate` says no dispatch is needed) or when there is none. If the main thread stays inside
 * one synchronous call into Rust for [UNIFFI_MAIN_BLOCKED_MILLIS] while [block] waits for it, it
 * cannot come (that call is most likely waiting for this one): [block] is dropped and this throws
 * an [IllegalStateException] saying so, which Rust receives as an unexpected callback error.
 */
internal fun uniffiRunOnMain(name: String, block: () -> kotlin.Unit) {
    val main = UniffiAsyncConfig.mainDispatcher
    if (main == null || !uniffiImmediate(main).isDispatchNeeded(EmptyCoroutineContext)) {
        block()
        return
    }
    val done = CountDownLatch(1)
    val claimed = AtomicBoolean(false)
    var failure: Throwable? = null
    main.dispatch(EmptyCoroutineContext, Runnable {
        if (claimed.compareAndSet(false, true)) {
            try {
                block()
            } catch (e: Throwable) {
                failure = e
            } finally {
                done.countDown()
            }
        }
    })
    var seenCall = 0L
    var seenAt = 0L
    while (!done.await(UNIFFI_MAIN_BLOCKED_MILLIS / 10, TimeUnit.MILLISECONDS)) {
        val call = UniffiMainThread.call
        val now = System.nanoTime()
        if (call == 0L || call != seenCall) {
            seenCall = call
            seenAt = now
        } else if (now - seenAt >= UNIFFI_MAIN_BLOCKED_MILLIS * 1_000_000 && claimed.compareAndSet(false, true)) {
            throw IllegalStateException(
                "dispatch = \"main\": $name cannot run on the main thread, which is blocked in a " +
                    "synchronous call into Rust (waiting for this callback?); make that call `offload` " +
                    "([bindings.async] offload) or call it from another thread",
            )
        }
    }
    failure?.let { throw it }
}
{%- else %}

/** Runs [block] on [UniffiAsyncConfig.mainDispatcher] (no interface of this module uses it). */
internal fun uniffiRunOnMain(@Suppress("UNUSED_PARAMETER") name: String, block: () -> kotlin.Unit) = block()
{%- endif %}
