{#- Foreign futures: async methods of Swift implementations that Rust awaits. Each runs in a
    Task; one started while a probe polls Rust runs its first step on the probing thread right
    after that poll, so a method done at once completes without a thread hop or a suspension. #}
// MARK: - async: foreign futures

/// The async-method Tasks Rust started during a probe on this thread (the first step of each),
/// run on this thread as soon as the probe's poll returns and before the probe reads its outcome.
/// Such a method that completes without suspending reports to Rust, which wakes the probed
/// future: the probe then sees the wake and polls again at once, with no Task switch at all. Jobs
/// enqueued at any other time (later steps of those Tasks) go to the global executor.
private enum UniffiProbeJobs {
    /// Runs `poll`, taking the jobs started meanwhile, then runs them.
    static func during(_ thread: UnsafeMutablePointer<UniffiProbeThread>, _ poll: () -> Swift.Void) {
        let outer = thread.pointee.accepting
        thread.pointee.accepting = true
        poll()
        thread.pointee.accepting = outer
        if let job = thread.pointee.first {
            thread.pointee.first = nil
            let more = thread.pointee.more
            if !more.isEmpty {
                thread.pointee.more = []
            }
            run(job)
            more.forEach(run)
        }
    }

    /// Takes `job` if a probe is polling Rust on this thread; false otherwise.
    static func take(_ job: UnownedJob) -> Bool {
        guard let thread = UniffiProbeThread.existing, thread.pointee.accepting else {
            return false
        }
        if thread.pointee.first == nil {
            thread.pointee.first = job
        } else {
            thread.pointee.more.append(job)
        }
        return true
    }

    private static func run(_ job: UnownedJob) {
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
            job.runSynchronously(on: UniffiProbeExecutor.shared.asUnownedTaskExecutor())
        }
    }
}

/// What a thread's probes share, reached through one thread-local key (made on the thread's
/// first probe, freed when the thread ends): the probe slot of `UniffiProbe` and the jobs taken
/// by `UniffiProbeJobs`. Only its own thread touches it.
private struct UniffiProbeThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        guard pthread_key_create(&key, { uniffiReleaseProbeThread($0) }) == 0 else {
            fatalError("UniFFI: cannot create a thread-local key")
        }
        return key
    }()

    /// The probed future's handle, replaced by the outcome once its callback ran; kept by an
    /// outer probe while a nested one runs.
    var slot: UInt = 0
    /// Whether a probe is polling Rust on this thread right now.
    var accepting = false
    /// The jobs taken: nearly always one, so the first needs no array.
    var first: UnownedJob?
    var more: [UnownedJob] = []

    /// This thread's state if it probed before (never on Rust's own threads).
    static var existing: UnsafeMutablePointer<UniffiProbeThread>? {
        pthread_getspecific(key)?.assumingMemoryBound(to: UniffiProbeThread.self)
    }

    /// This thread's state, made on its first probe.
    static var current: UnsafeMutablePointer<UniffiProbeThread> {
        if let thread = existing {
            return thread
        }
        let thread = UnsafeMutablePointer<UniffiProbeThread>.allocate(capacity: 1)
        thread.initialize(to: UniffiProbeThread())
        pthread_setspecific(key, thread)
        return thread
    }
}

/// The thread-exit destructor of `UniffiProbeThread.key`.
private func uniffiReleaseProbeThread(_ pointer: UnsafeMutableRawPointer?) {
    if let thread = pointer?.assumingMemoryBound(to: UniffiProbeThread.self) {
        thread.deinitialize(count: 1)
        thread.deallocate()
    }
}

/// The executor preferred by async-method Tasks: hands a job to `UniffiProbeJobs` during a probe
/// on the enqueuing thread, else to the global concurrent executor (where Tasks run by default).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
private final class UniffiProbeExecutor: TaskExecutor {
    static let shared = UniffiProbeExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        if !UniffiProbeJobs.take(unowned) {
            globalConcurrentExecutor.enqueue(unowned)
        }
    }
}

/// How many foreign futures Rust has not dropped yet.
private let uniffiLiveForeignFutures = UniffiCounter()

/// The task running an async method of a Swift implementation for Rust (a foreign future). Rust
/// holds it through the handle of its dropped-callback struct: the object's address, retained
/// until Rust drops the future.
private final class UniffiForeignFuture {
    let task: Task<Swift.Void, Never>

    init(_ task: Task<Swift.Void, Never>) {
        self.task = task
    }

    /// The dropped callback: cancels the task (a no-op once it finished) and releases it.
    static let dropped: UniffiForeignFutureDroppedCallback = { handle in
        uniffiLiveForeignFutures.add(-1)
        let pointer = UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: handle))!
        Unmanaged<UniffiForeignFuture>.fromOpaque(pointer).takeRetainedValue().task.cancel()
    }
}

/// Starts an async method of a Swift implementation for Rust. `makeCall` finds the object and
/// lifts the arguments right away (Rust's buffers are only valid during this call) and returns
/// the call to make; the call runs in a new Task (on the main actor for `dispatch = "main"`;
/// started by `UniffiProbeJobs` when Rust starts it during a probe),
/// and `complete` hands its outcome to Rust's `callback` exactly once. When Rust drops the
/// future (on completion, or early: a timeout, a cancelled Rust task), it calls the dropped
/// callback, which cancels the Task: the Swift implementation sees `Task.isCancelled` /
/// `CancellationError`.
private func uniffiForeignAsync<T: Sendable, Callback: Sendable>(
    onMain: Bool,
    outDropped: UnsafeMutablePointer<UniffiForeignFutureDroppedCallbackStruct>,
    callback: Callback,
    callbackData: UInt64,
    makeCall: () throws -> @Sendable () async throws -> T,
    complete: @escaping @Sendable (Callback, UInt64, Swift.Result<T, any Swift.Error>) -> Swift.Void
) {
    let call: @Sendable () async throws -> T
    do {
        call = try makeCall()
    } catch {
        complete(callback, callbackData, .failure(error))
        return
    }
    let task: Task<Swift.Void, Never>
    if onMain {
        task = Task { @MainActor in complete(callback, callbackData, await uniffiCatching(call)) }
    } else if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
        task = Task(executorPreference: UniffiProbeExecutor.shared) {
            complete(callback, callbackData, await uniffiCatching(call))
        }
    } else {
        task = Task { complete(callback, callbackData, await uniffiCatching(call)) }
    }
    uniffiLiveForeignFutures.add(1)
    outDropped.pointee = UniffiForeignFutureDroppedCallbackStruct(
        handle: UInt64(UInt(bitPattern: Unmanaged.passRetained(UniffiForeignFuture(task)).toOpaque())),
        free: UniffiForeignFuture.dropped
    )
}

/// Runs an async throwing body and captures its outcome.
private func uniffiCatching<T>(_ body: () async throws -> T) async -> Swift.Result<T, any Swift.Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
