{#- The `offload` annotation: a pool of daemon worker threads of our own that run blocking Rust
    calls, each call handed over and back without a thread wake-up while the threads are busy
    (spin, then park). A dispatcher set in `UniffiAsyncConfig.offloadDispatcher` replaces it. -#}
// ---- async: offloaded blocking calls -----------------------------------------------

/** A job for an offload worker: [run] on the worker, then [report] once it is back in the pool. */
internal interface UniffiOffloadJob {
    fun run()

    fun report()
}

/**
 * How many rounds a spin pauses ([Thread.onSpinWait]) before it yields the CPU at each round.
 * Few: on a loaded machine (both threads sharing a CPU) the thread that will change the word
 * only runs once this one yields.
 */
private const val SPIN_PAUSE_ROUNDS = 8

/** Spins until this word is no longer [value] or [nanos] passed; true if it changed. */
private fun AtomicInteger.uniffiSpinWhile(value: Int, nanos: Long): Boolean {
    if (get() != value) return true
    val start = System.nanoTime()
    var rounds = 0
    while (get() == value) {
        if (System.nanoTime() - start > nanos) return false
        if (rounds < SPIN_PAUSE_ROUNDS) {
            rounds++
            Thread.onSpinWait()
        } else {
            Thread.yield()
        }
    }
    return true
}

/**
 * One daemon thread of the offload pool. Between jobs it spins briefly (a job posted then starts
 * without a wake-up), then parks until [post] unparks it.
 */
private class UniffiOffloadWorker : Runnable {
    private val state = AtomicInteger(IDLE)
    // Written by `post` before `state` becomes POSTED; read by the worker after it saw POSTED.
    private var job: UniffiOffloadJob? = null
    private val thread = Thread(this, "uniffi-offload").apply { isDaemon = true }

    /** Hands [job] to this worker, which must be idle (taken from the pool). */
    fun post(job: UniffiOffloadJob) {
        this.job = job
        if (state.getAndSet(POSTED) == PARKED) LockSupport.unpark(thread)
    }

    override fun run() {
        while (true) {
            if (!state.uniffiSpinWhile(IDLE, IDLE_SPIN_NANOS) && state.compareAndSet(IDLE, PARKED)) {
                while (state.get() == PARKED) LockSupport.park(this)
            }
            val job = checkNotNull(this.job)
            this.job = null
            state.set(IDLE)
            job.run()
            // Back in the pool before reporting, so the caller's next call finds this thread
            // still spinning rather than parked.
            val kept = UniffiOffloadPool.giveBack(this)
            job.report()
            if (!kept) return
        }
    }

    companion object {
        private const val IDLE = 0
        private const val POSTED = 1
        private const val PARKED = 2
        /** How long an idle worker spins before it parks. */
        private const val IDLE_SPIN_NANOS = 50_000L

        /** A worker whose thread runs [job] first. */
        fun start(job: UniffiOffloadJob): UniffiOffloadWorker =
            UniffiOffloadWorker().also {
                it.post(job)
                it.thread.start()
            }
    }
}

/**
 * The default [UniffiAsyncConfig.offloadDispatcher]: runs each block on an idle worker thread
 * (the most recently used, likely still spinning) or on a new one when all are busy, so
 * offloaded calls always overlap; at most [MAX_IDLE] idle threads are kept.
 */
private object UniffiOffloadPool : CoroutineDispatcher() {
    private const val MAX_IDLE = 16
    private val idle = ArrayList<UniffiOffloadWorker>() // guarded by itself

    fun run(job: UniffiOffloadJob) {
        val worker = synchronized(idle) { idle.removeLastOrNull() }
        if (worker != null) worker.post(job) else UniffiOffloadWorker.start(job)
    }

    /** Takes a worker back after its job; false when enough are idle (its thread then ends). */
    fun giveBack(worker: UniffiOffloadWorker): Boolean =
        synchronized(idle) { idle.size < MAX_IDLE && idle.add(worker) }

    override fun dispatch(context: CoroutineContext, block: Runnable) =
        run(object : UniffiOffloadJob {
            override fun run() = block.run()

            override fun report() {}
        })

    override fun toString(): String = "UniffiOffloadPool"
}

/** One offloaded call on the pool: its outcome, and the coroutine waiting once it stopped spinning. */
private class UniffiOffloadCall<T>(private val body: () -> T) : UniffiOffloadJob {
    private val state = AtomicInteger(RUNNING)
    // Written once before `state` becomes DONE, read only after seeing DONE.
    private var result: Result<T>? = null
    // Written before `state` becomes WAITING, read by `report` only after seeing WAITING.
    private var continuation: Continuation<T>? = null

    override fun run() {
        result = runCatching(body)
    }

    /** On the worker, once it is back in the pool: resumes the coroutine if it already waits. */
    override fun report() {
        if (state.getAndSet(DONE) == WAITING) checkNotNull(continuation).resumeWith(checkNotNull(result))
    }

    /** The outcome: at once if the call finishes within the spin, else after suspending. */
    suspend fun outcome(): T {
        if (state.uniffiSpinWhile(RUNNING, SPIN_NANOS)) return checkNotNull(result).getOrThrow()
        return suspendCoroutine { continuation ->
            this.continuation = continuation
            if (!state.compareAndSet(RUNNING, WAITING)) continuation.resumeWith(checkNotNull(result))
        }
    }

    companion object {
        private const val RUNNING = 0
        private const val DONE = 1
        private const val WAITING = 2
        /** How long the calling coroutine spins for a quick call before it suspends. */
        private const val SPIN_NANOS = 3_000L
    }
}

/**
 * Runs a blocking FFI call (`offload` annotation) on [UniffiAsyncConfig.offloadDispatcher] and
 * suspends the caller until it returns, like `withContext` (a call done within a few
 * microseconds on the default pool is picked up without suspending). The Rust call cannot be
 * interrupted: a coroutine cancelled meanwhile waits for it, then throws `CancellationException`.
 */
internal suspend fun <T> uniffiOffload(body: () -> T): T {
    val dispatcher = UniffiAsyncConfig.offloadDispatcher
    if (dispatcher !== UniffiOffloadPool) return withContext(dispatcher) { body() }
    val context = currentCoroutineContext()
    context.ensureActive()
    val call = UniffiOffloadCall(body)
    UniffiOffloadPool.run(call)
    val value = call.outcome()
    context.ensureActive()
    return value
}
