{#- Rust awaiting `suspend` methods of foreign traits (included by async.kt, which holds the
    rest of the async machinery): where they start (`UniffiPolling`, the rule of
    `UniffiAsyncConfig.foreignDispatcher`), the jobs Rust can cancel, the result structs
    handed to Rust's completion callback, and the Flow Rust pulls a stream trait's items from. -#}
/** The scope running `suspend` foreign methods; a failing call does not cancel the others. */
internal val UNIFFI_FOREIGN_SCOPE = CoroutineScope(SupervisorJob() + CoroutineName("uniffi-foreign-future"))

/** Jobs of foreign methods Rust is awaiting, by the handle Rust gives back when it drops them. */
internal val UNIFFI_FOREIGN_FUTURES = UniffiHandleMap<Job>()

/** How many foreign futures Rust is still awaiting (upstream's name): 0 once all were cleaned up. */
fun uniffiForeignFutureHandleCount(): Int = UNIFFI_FOREIGN_FUTURES.size

/** `void (*)(uint64_t handle)`: Rust dropped the future of a foreign method call. */
internal interface UniffiForeignFutureDroppedCallback : Callback {
    fun callback(handle: Long)
}

/** Cancels the job when Rust drops its future (after completion too: then nothing is left). */
internal object UniffiForeignFutureDropped : UniffiForeignFutureDroppedCallback {
    /** The C function pointer Rust calls. */
    val pointer: Pointer = uniffiCallbackPointer(this, "uniffi-rust-caller")

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

/** Where the Kotlin thread polling a Rust future right now would continue a foreign method. */
internal object UniffiPolling {
    private val context = ThreadLocal<CoroutineContext?>()

    fun current(): CoroutineContext? = context.get()

    inline fun during(continueOn: CoroutineContext, poll: () -> kotlin.Unit) {
        val previous = current()
        set(continueOn)
        try {
            poll()
        } finally {
            set(previous)
        }
    }

    fun set(value: CoroutineContext?) = context.set(value)
}

/**
 * Starts a `suspend` method Rust called as a job in [UNIFFI_FOREIGN_SCOPE] (where: see
 * [UniffiAsyncConfig.foreignDispatcher]) and returns once it finished or suspended. [call] runs
 * the method and lowers its result; [complete] hands Rust that value or the failure (also for a
 * job cancelled before it ran: an unexpected error), exactly once. A job still running when
 * this returns is registered in the dropped-callback struct Rust passed ([outDropped]), so that
 * Rust dropping the future cancels it.
 */
internal fun <F> uniffiCallForeignAsync(
    outDropped: Pointer,
    onMain: Boolean,
    lowerError: (Throwable) -> UniffiRustBuffer.ByValue?,
    call: suspend () -> F,
    complete: (F?, UniffiForeignCallStatus?) -> kotlin.Unit,
) {
    val configured = (if (onMain) UniffiAsyncConfig.mainDispatcher else null) ?: UniffiAsyncConfig.foreignDispatcher
    val polling = if (configured == null) UniffiPolling.current() else null
    var value: F? = null
    var failure: UniffiForeignCallStatus? = null
    val job = UNIFFI_FOREIGN_SCOPE.launch(
        configured ?: polling ?: Dispatchers.Default,
        if (polling != null) CoroutineStart.UNDISPATCHED else CoroutineStart.DEFAULT,
    ) {
        try {
            value = call()
        } catch (e: CancellationException) {
            throw e
        } catch (e: Throwable) {
            failure = uniffiForeignFailure(e, lowerError)
        }
    }
    val finish = { cause: Throwable? ->
        val result = value
        complete(result, failure ?: if (result == null) uniffiForeignFailure(cause ?: CancellationException("no result"), lowerError) else null)
    }
    if (job.isCompleted) {
        finish(null) // finished (or was cancelled) without suspending: nothing left to cancel
        return
    }
    val handle = UNIFFI_FOREIGN_FUTURES.insert(job)
    outDropped.setLong(0, handle)
    outDropped.setPointer(8, UniffiForeignFutureDropped.pointer)
    // Runs on the thread finishing the job, or here if it just did; if that is Rust's own
    // dropped callback (a dispatcher running resumptions inline), the completion is handed to
    // another thread rather than re-entering Rust.
    job.invokeOnCompletion { cause ->
        UNIFFI_FOREIGN_FUTURES.take(handle)
        if (UniffiForeignFutureDropped.dropping.get()) Thread({ finish(cause) }, "uniffi-foreign-complete").start() else finish(cause)
    }
}

{%- if has_stream_sources %}
/**
 * Where the flows of `Flow<T>.as<Trait>()` adapters run: in place on a thread that is handing an
 * item to Rust ([UniffiFlowSource.pull], so a ready item costs no thread switch), anywhere else
 * on [UniffiAsyncConfig.foreignDispatcher], else [Dispatchers.Default] (never on a Rust thread
 * that woke the flow, nor on the thread freeing the adapter).
 */
internal object UniffiFlowSourceDispatcher : CoroutineDispatcher() {
    /** Set on a thread while a pull takes an item: the flow it resumes continues in place. */
    val pulling: ThreadLocal<Boolean> = ThreadLocal.withInitial { false }

    override fun isDispatchNeeded(context: CoroutineContext): Boolean = !pulling.get()

    override fun dispatch(context: CoroutineContext, block: Runnable) =
        (UniffiAsyncConfig.foreignDispatcher ?: Dispatchers.Default).dispatch(context, block)

    /** Runs [take] with this thread marked as pulling. */
    inline fun <R> inPlace(take: () -> R): R {
        val previous = pulling.get()
        pulling.set(true)
        try {
            return take()
        } finally {
            pulling.set(previous)
        }
    }
}

/**
 * A Flow Rust pulls items from (`[bindings.async] streams` on a foreign trait: the
 * `Flow<T>.as<Trait>()` adapters). The first [pull] starts collecting the flow in a job of
 * [UNIFFI_FOREIGN_SCOPE] on [UniffiFlowSourceDispatcher] that hands each item over a rendezvous
 * channel: the flow runs at most one item ahead of Rust (the one waiting in `send`).
 * [UniffiHandleMap] counts the handles Rust holds; when the last is freed, the collection is
 * cancelled (the flow's `finally` / `onCompletion` run) and later pulls return null.
 */
internal abstract class UniffiFlowSource<T : Any>(private val flow: kotlinx.coroutines.flow.Flow<T>) {
    /** 0: not collected yet, 1: collecting, 2: closed. */
    private val state = AtomicInteger(0)

    /** The handles Rust holds. */
    private val handles = AtomicLong(0)

    /** An item a cancelled pull received but could not return: the next pull's. */
    private val undelivered = AtomicReference<T?>(null)

    private val items = kotlinx.coroutines.channels.Channel<T>(kotlinx.coroutines.channels.Channel.RENDEZVOUS) {
        if (state.get() != 2) undelivered.set(it)
    }

    @Volatile
    private var collector: Job? = null

    /** The next item, or null at the end of the flow (and once closed); rethrows what the flow threw. */
    suspend fun pull(): T? {
        when (state.get()) {
            0 -> if (state.compareAndSet(0, 1)) UniffiFlowSourceDispatcher.inPlace { start() }
            2 -> return null
        }
        undelivered.getAndSet(null)?.let { return it }
        // An item the flow is waiting to hand over: taking it resumes the flow here, in place.
        var result = UniffiFlowSourceDispatcher.inPlace { items.tryReceive() }
        if (!result.isSuccess && !result.isClosed) {
            result = items.receiveCatching()
        }
        if (result.isSuccess) {
            return result.getOrThrow()
        }
        val cause = result.exceptionOrNull()
        if (cause == null || state.get() == 2) {
            return null
        }
        throw cause
    }

    private fun start() {
        val job = UNIFFI_FOREIGN_SCOPE.launch(UniffiFlowSourceDispatcher) {
            val failure = try {
                flow.collect { items.send(it) }
                null
            } catch (e: Throwable) {
                e
            }
            items.close(failure)
        }
        collector = job
        if (state.get() == 2) {
            job.cancel() // closed while starting
        }
    }

    /** Rust took a handle to this source. */
    fun uniffiRetain() {
        handles.incrementAndGet()
    }

    /** Rust freed a handle to this source: closes it when none is left. */
    fun uniffiRelease() {
        if (handles.decrementAndGet() == 0L) {
            state.set(2)
            // Off the freeing thread (a Rust thread inside a drop, maybe inside a pull).
            UNIFFI_FOREIGN_SCOPE.launch(UniffiAsyncConfig.foreignDispatcher ?: Dispatchers.Default) {
                items.cancel()
                collector?.cancel()
            }
        }
    }
}

{% endif -%}
/**
 * The `ForeignFutureResult` struct passed by value to Rust's completion callback: one per result
 * type and thread, reused, its memory written by hand instead of by JNA's reflection.
 */
internal abstract class UniffiForeignFutureResult<F> : Structure(), Structure.ByValue {
    private var function: Function? = null

    init {
        autoRead = false
        autoWrite = false
    }

    /** Writes the returned value at offset 0. */
    abstract fun writeValue(value: F)

    /** Calls the completion [callback] with [data] and this struct holding [value] or [failure]. */
    fun send(callback: Pointer, data: Long, value: F?, failure: UniffiForeignCallStatus?) {
        val status = fieldOffset("callStatus").toLong()
        val p = pointer
        p.clear(size().toLong())
        if (failure == null) {
            @Suppress("UNCHECKED_CAST")
            writeValue(value as F)
        } else {
            p.setByte(status, failure.code)
            uniffiWriteRustBuffer(p, status + 8, failure.errorBuf)
        }
        val cached = function
        val f = if (cached != null && Pointer.nativeValue(cached) == Pointer.nativeValue(callback)) cached else Function.getFunction(callback).also { function = it }
        f.invokeVoid(arrayOf(data, this))
    }
}
{%- for r in result_structs %}

/** The result Kotlin hands to a foreign future's completion callback. */
@Structure.FieldOrder({% if r.ffi.is_some() %}"returnValue", {% endif %}"callStatus")
internal class {{ r.name }} : UniffiForeignFutureResult<{{ r.value_type }}>() {
{%- if let Some(t) = r.ffi %}
    @JvmField var returnValue: {{ t }} = {{ r.zero }}
{%- endif %}
    @JvmField var callStatus: UniffiForeignCallStatus = UniffiForeignCallStatus()

    override fun writeValue(value: {{ r.value_type }}) {
        {{ r.write_value }}
    }

    companion object {
        private val perThread = ThreadLocal.withInitial { {{ r.name }}() }

        fun forThread(): {{ r.name }} = perThread.get()
    }
}
{%- endfor %}
