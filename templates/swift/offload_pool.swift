{#- The `offload` annotation: a pool of worker threads of our own that run blocking Rust calls
    off Swift's cooperative pool, each call handed over and back without a thread wake-up while
    the threads are busy (spin, then park). #}
// MARK: - async: offloaded blocking calls

/// A small state word any thread may read and update atomically (through the C header).
private final class UniffiAtomicState: @unchecked Sendable {
    // @unchecked Sendable: the word is only read and written by the atomic C functions.
    private let word: UnsafeMutablePointer<Int32>

    init(_ value: Int32) {
        word = .allocate(capacity: 1)
        word.initialize(to: value)
    }

    deinit {
        word.deallocate()
    }

    var value: Int32 {
        uniffi_{{ m.namespace }}_swift_state_load(word)
    }

    /// Stores `value` and returns the previous one.
    func exchange(_ value: Int32) -> Int32 {
        uniffi_{{ m.namespace }}_swift_state_exchange(word, value)
    }

    /// Replaces `expected` by `value`; false (and nothing changed) if the word was not `expected`.
    func replace(_ expected: Int32, with value: Int32) -> Bool {
        uniffi_{{ m.namespace }}_swift_state_replace(word, expected, value)
    }

    /// Spins until the word is no longer `value` or `nanoseconds` passed; true if it changed.
    /// `partner` holds the CPU the thread that will change it last ran on (-1: unknown).
    /// Spinning only helps while that thread runs on another CPU: on the same one (a loaded
    /// machine), or after a few rounds, each round yields the CPU instead.
    func spin(whileEqualTo value: Int32, nanoseconds: UInt64, partner: UniffiAtomicState?) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        var rounds = 0
        while self.value == value {
            if DispatchTime.now().uptimeNanoseconds &- start > nanoseconds {
                return false
            }
            if rounds < 32, !Self.onSameCPU(as: partner) {
                rounds += 1
                uniffi_{{ m.namespace }}_swift_spin_pause()
            } else {
                sched_yield()
            }
        }
        return true
    }

    private static func onSameCPU(as partner: UniffiAtomicState?) -> Bool {
        guard let cpu = partner?.value, cpu >= 0 else {
            return false
        }
        return cpu == uniffiCurrentCPU()
    }
}

/// The CPU the calling thread runs on (-1 where the platform does not tell).
private func uniffiCurrentCPU() -> Int32 {
    uniffi_{{ m.namespace }}_swift_current_cpu()
}

/// One thread of the offload pool. Between jobs it spins briefly (a job posted then starts
/// without a wake-up), then parks on a semaphore until `post` signals it.
private final class UniffiOffloadWorker: @unchecked Sendable {
    // @unchecked Sendable: `job` is written by `post` before `state` becomes `posted` and read by
    // the worker thread only after it saw `posted`; the atomic state orders the two, and the
    // worker is in no one's hands but its thread's until it is given back to the pool.
    private static let idle: Int32 = 0
    private static let posted: Int32 = 1
    private static let parked: Int32 = 2
    /// How long an idle worker spins before it parks.
    private static let idleSpinNanoseconds: UInt64 = 50_000

    private let state = UniffiAtomicState(UniffiOffloadWorker.idle)
    /// The CPU this worker runs its call on, and the one its last caller posted from.
    let cpu = UniffiAtomicState(-1)
    private let posterCPU = UniffiAtomicState(-1)
    private let wakeUp = DispatchSemaphore(value: 0)
    private var job: UniffiOffloadJob?

    /// Starts a thread that runs the jobs posted to this worker until the pool lets it go.
    static func start(_ pool: UniffiOffloadPool) -> UniffiOffloadWorker {
        let worker = UniffiOffloadWorker()
        let thread = Thread { worker.run(pool) }
        thread.name = "uniffi.offload"
        thread.start()
        return worker
    }

    /// Hands `job` to the worker, which must be idle (taken from the pool).
    func post(_ job: @escaping UniffiOffloadJob) {
        self.job = job
        _ = posterCPU.exchange(uniffiCurrentCPU())
        if state.exchange(Self.posted) == Self.parked {
            wakeUp.signal()
        }
    }

    private func run(_ pool: UniffiOffloadPool) {
        while true {
            if !state.spin(whileEqualTo: Self.idle, nanoseconds: Self.idleSpinNanoseconds, partner: posterCPU),
               state.replace(Self.idle, with: Self.parked) {
                wakeUp.wait()
            }
            // Where the caller's spin looks while this thread runs the call.
            _ = cpu.exchange(uniffiCurrentCPU())
            let job = self.job
            self.job = nil
            _ = state.exchange(Self.idle)
            let report = job?()
            // Back in the pool before reporting, so the caller's next call finds this thread
            // still spinning rather than waking a parked one.
            let kept = pool.giveBack(self)
            report?()
            if !kept {
                return
            }
        }
    }
}

/// Runs an offloaded call and returns how to report its outcome (done once the worker is ready
/// for the next call).
private typealias UniffiOffloadJob = @Sendable () -> @Sendable () -> Swift.Void

/// The worker threads not running a call, most recently used last (the one likely spinning).
private final class UniffiOffloadPool: @unchecked Sendable {
    // @unchecked Sendable: `custom` and `idle` are only read and written while holding `lock`.
    private let lock = UniffiLock()
    private var custom: DispatchQueue?
    private var idle: [UniffiOffloadWorker] = []
    /// At most this many idle threads are kept (more were only needed for a burst).
    private let maxIdle = 16

    func setCustom(_ queue: DispatchQueue?) {
        lock.withLock { custom = queue }
    }

    /// Runs `job` on the custom queue if one is set, else on an idle worker (or a new one when
    /// all are busy, so calls always overlap); returns the worker.
    func run(_ job: @escaping UniffiOffloadJob) -> UniffiOffloadWorker? {
        let (queue, worker): (DispatchQueue?, UniffiOffloadWorker?) = lock.withLock {
            (custom, custom == nil ? idle.popLast() : nil)
        }
        if let queue {
            queue.async { job()() }
            return nil
        }
        let taken = worker ?? UniffiOffloadWorker.start(self)
        taken.post(job)
        return taken
    }

    /// Takes a worker back after its job; false when enough are idle (its thread then ends).
    func giveBack(_ worker: UniffiOffloadWorker) -> Bool {
        lock.withLock {
            guard idle.count < maxIdle else {
                return false
            }
            idle.append(worker)
            return true
        }
    }
}

private let uniffiOffloadPool = UniffiOffloadPool()

/// Makes the `offload`ed functions and methods of this module run their blocking Rust call on
/// `queue`; `nil` (the default) restores the pool of worker threads. A concurrent queue of your
/// own caps how many blocking calls run at once at its width, and shares libdispatch's per-core
/// threads with Swift's cooperative pool: prefer a serial queue, or a few of them.
public func uniffiSetOffloadQueue{{ namespace_suffix }}(_ queue: DispatchQueue?) {
    uniffiOffloadPool.setCustom(queue)
}

/// One offloaded call: its outcome, and the task waiting for it once it stopped spinning.
private final class UniffiOffloadCall<T: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `result` is written once before `state` becomes `done`, and read only
    // after seeing `done`; `continuation` is written before `state` becomes `waiting` and read
    // only by `finish` after seeing `waiting`. The atomic state orders each pair.
    private static var running: Int32 { 0 }
    private static var done: Int32 { 1 }
    private static var waiting: Int32 { 2 }
    /// How long the calling task spins for a quick call before it suspends.
    private static var spinNanoseconds: UInt64 { 3_000 }

    private let state = UniffiAtomicState(UniffiOffloadCall.running)
    private var result: Swift.Result<T, any Swift.Error>?
    private var continuation: UnsafeContinuation<T, any Swift.Error>?

    /// Called on the worker with the call's outcome: resumes the task if it already waits.
    func finish(_ result: Swift.Result<T, any Swift.Error>) {
        self.result = result
        if state.exchange(Self.done) == Self.waiting {
            continuation?.resume(with: result)
        }
    }

    /// The outcome: at once if the call finishes within the spin, else after suspending.
    func outcome(from worker: UniffiOffloadWorker?) async throws -> T {
        if state.spin(whileEqualTo: Self.running, nanoseconds: Self.spinNanoseconds, partner: worker?.cpu),
           let result {
            return try result.get()
        }
        return try await withUnsafeThrowingContinuation { continuation in
            self.continuation = continuation
            if !state.replace(Self.running, with: Self.waiting), let result {
                continuation.resume(with: result)
            }
        }
    }
}

/// Runs a blocking FFI call (`offload` annotation) on a thread of the offload pool, never on
/// Swift's cooperative pool, and suspends the calling task until it returns (a call done within
/// a few microseconds is picked up without suspending). The Rust call cannot be interrupted:
/// cancelling the task does not stop it, and its result is still returned.
private func uniffiOffload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let call = UniffiOffloadCall<T>()
    let worker = uniffiOffloadPool.run {
        let result = Swift.Result { try body() }
        return { call.finish(result) }
    }
    return try await call.outcome(from: worker)
}
