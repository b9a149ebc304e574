{#- All async machinery for Swift: the lock and atomic counter, the RustFuture driver (a
    synchronous probe per poll, a late-callback meeting point for pending futures, cancellation),
    its blocking twin, the offload queue pool and foreign futures. #}
// MARK: - async: driving Rust futures from Swift concurrency

private let UNIFFI_RUST_FUTURE_POLL_READY: Int8 = 0
private let UNIFFI_RUST_FUTURE_POLL_WAKE: Int8 = 1

/// A mutex usable from any thread. The pthread mutex lives on the heap so its address never
/// changes (a pthread mutex must not be moved).
private final class UniffiLock: @unchecked Sendable {
    // @unchecked Sendable: the only state is the mutex itself, which is made to be shared; it
    // is created in `init`, destroyed in `deinit` and otherwise only used through
    // pthread_mutex_lock/unlock.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A counter any thread may update without a lock (relaxed atomics through the C header).
private final class UniffiCounter: @unchecked Sendable {
    // @unchecked Sendable: the counter is only read and written by the atomic C functions.
    private let counter: UnsafeMutablePointer<Int64>

    init() {
        counter = .allocate(capacity: 1)
        counter.initialize(to: 0)
    }

    deinit {
        counter.deallocate()
    }

    func add(_ delta: Int64) {
        uniffi_{{ m.namespace }}_swift_counter_add(counter, delta)
    }

    var value: Int {
        Int(uniffi_{{ m.namespace }}_swift_counter_load(counter))
    }
}

/// How many polls wait for Rust to call back.
private let uniffiPendingPolls = UniffiCounter()

/// Every poll is a synchronous probe that needs no continuation: most futures are ready at once,
/// and Rust then calls back inside `poll`, on the polling thread. The probing thread keeps the
/// future's handle in a thread-local slot; the probe callback, given the handle as its data,
/// replaces it with the outcome when it runs on that thread during the probe. Otherwise the
/// future is pending and Rust keeps the callback until a waker fires it, from any thread (or
/// `cancel`/`free`, with READY): `UniffiProbe.late` then hands the outcome to the task, which
/// suspends there until it comes.
private enum UniffiProbe {
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        guard pthread_key_create(&key, nil) == 0 else {
            fatalError("UniFFI: cannot create a thread-local key")
        }
        return key
    }()

    /// Slot values once the probe callback ran (handles are addresses, far above these).
    private static let ready = UInt(1)
    private static let wake = UInt(2)

    enum Outcome {
        /// Rust called back READY during the probe: `complete` next.
        case ready
        /// Rust called back WAKE during the probe: poll again.
        case wake
        /// Rust kept the probe callback: wait for it with `late.wait`.
        case pending
    }

    static let callback: UniffiRustFutureContinuationCallback = { handle, pollResult in
        let slot = UInt(bitPattern: pthread_getspecific(UniffiProbe.key))
        if slot != 0 && UInt64(slot) == handle {
            let outcome = pollResult == UNIFFI_RUST_FUTURE_POLL_READY ? UniffiProbe.ready : UniffiProbe.wake
            pthread_setspecific(UniffiProbe.key, UnsafeRawPointer(bitPattern: outcome))
        } else {
            late.fire(handle, pollResult)
        }
    }

    /// Polls once, synchronously.
    static func poll(_ handle: UInt64, _ poll: (UInt64, UniffiRustFutureContinuationCallback, UInt64) -> Void) -> Outcome {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: handle)))
        poll(handle, callback, handle)
        let slot = UInt(bitPattern: pthread_getspecific(key))
        pthread_setspecific(key, nil)
        switch slot {
        case ready: return .ready
        case wake: return .wake
        default: return .pending
        }
    }

    /// Probe callbacks fired after their probe, by handle, and the tasks waiting for them.
    static let late = UniffiLateProbes()
}

/// Meets a pending probe's callback, whenever and wherever Rust fires it, with the task that
/// waits for it (both orders happen).
private final class UniffiLateProbes: @unchecked Sendable {
    // @unchecked Sendable: `entries` is only read and written while holding `lock`.
    private enum Entry {
        case waiting(UnsafeContinuation<Int8, Never>)
        case fired(Int8)
    }

    private let lock = UniffiLock()
    private var entries: [UInt64: Entry] = [:]

    func fire(_ handle: UInt64, _ pollResult: Int8) {
        let waiting: UnsafeContinuation<Int8, Never>? = lock.withLock {
            if case let .waiting(continuation) = entries[handle] {
                entries[handle] = nil
                return continuation
            }
            entries[handle] = .fired(pollResult)
            return nil
        }
        if let waiting {
            uniffiPendingPolls.add(-1)
            waiting.resume(returning: pollResult)
        }
    }

    /// Suspends until the probe callback of `handle` fired; returns its poll code.
    func wait(_ handle: UInt64) async -> Int8 {
        await withUnsafeContinuation { continuation in
            let fired: Int8? = lock.withLock {
                if case let .fired(pollResult) = entries.removeValue(forKey: handle) {
                    return pollResult
                }
                entries[handle] = .waiting(continuation)
                return nil
            }
            if let fired {
                continuation.resume(returning: fired)
            } else {
                uniffiPendingPolls.add(1)
            }
        }
    }
}

/// Polls the Rust future made by `makeFuture` until it is ready, then completes it and lifts the
/// result. Cancelling the awaiting task cancels the Rust future and throws `CancellationError`;
/// the future is freed however this ends.
private func uniffiRustCallAsync<F, T>(
    makeFuture: () -> UInt64,
    poll: (UInt64, UniffiRustFutureContinuationCallback, UInt64) -> Void,
    complete: (UInt64, UnsafeMutablePointer<RustCallStatus>) -> F,
    cancel: @Sendable (UInt64) -> Void,
    free: (UInt64) -> Void,
    lift: (F) throws -> T,
    errorLift: UniffiErrorLift?
) async throws -> T {
    // Creating a future takes no call status, so check the library here.
    uniffiEnsureInitialized()
    let handle = makeFuture()
    // Freed only after `withTaskCancellationHandler` returned: the handler runs, if at all,
    // while the operation runs (the runtime removes it under the same lock it runs handlers
    // with), so `cancel` never reaches a freed handle.
    defer { free(handle) }
    // A cancelled task goes straight to the handler, which tells Rust at once.
    let first = Task.isCancelled ? .wake : UniffiProbe.poll(handle, poll)
    if first != .ready {
        await withTaskCancellationHandler {
            var outcome = first
            while outcome != .ready {
                // Rust fires the probe callback it kept on a wake, or with READY on cancel.
                if outcome == .pending, await UniffiProbe.late.wait(handle) == UNIFFI_RUST_FUTURE_POLL_READY {
                    break
                }
                outcome = UniffiProbe.poll(handle, poll)
            }
        } onCancel: {
            // Rust fires the kept callback with READY, or reports READY to the next poll, and
            // `complete` then reports the call as cancelled (and drops the Rust future).
            cancel(handle)
        }
    }
    return try lift(uniffiRustCall(errorLift) { complete(handle, $0) })
}

/// The polls of a thread that blocks until Rust calls back.
private final class UniffiBlockingPoll: @unchecked Sendable {
    // @unchecked Sendable: `pollResult` is written by the callback (once per poll) before the
    // semaphore is signalled, and read only by the waiting thread after `wait` returns; the
    // semaphore orders the two, and the next poll starts only after that read.
    private let semaphore = DispatchSemaphore(value: 0)
    private var pollResult = UNIFFI_RUST_FUTURE_POLL_READY

    /// The `callback_data` of one poll: this object, retained until the callback runs.
    func callbackData() -> UInt64 {
        UInt64(UInt(bitPattern: Unmanaged.passRetained(self).toOpaque()))
    }

    /// The continuation callback of a blocked thread's polls.
    static let callback: UniffiRustFutureContinuationCallback = { callbackData, pollResult in
        uniffiPendingPolls.add(-1)
        let pointer = UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: callbackData))!
        let poll = Unmanaged<UniffiBlockingPoll>.fromOpaque(pointer).takeRetainedValue()
        poll.pollResult = pollResult
        poll.semaphore.signal()
    }

    /// Blocks the calling thread until the callback ran; returns the poll code.
    func wait() -> Int8 {
        semaphore.wait()
        return pollResult
    }
}

/// The blocking twin of `uniffiRustCallAsync` (`blocking` annotation): polls the Rust future on
/// the calling thread, which sleeps on a semaphore until each poll's continuation fires (from
/// inside `poll` or from any Rust thread). Needs no executor, so it works on any thread.
private func uniffiRustCallBlocking<F, T>(
    makeFuture: () -> UInt64,
    poll: (UInt64, UniffiRustFutureContinuationCallback, UInt64) -> Void,
    complete: (UInt64, UnsafeMutablePointer<RustCallStatus>) -> F,
    free: (UInt64) -> Void,
    lift: (F) throws -> T,
    errorLift: UniffiErrorLift?
) throws -> T {
    uniffiEnsureInitialized()
    let handle = makeFuture()
    defer { free(handle) }
    // One waiter for every poll: each poll's continuation signals exactly once, and `wait`
    // consumes that signal before the next poll.
    let waiter = UniffiBlockingPoll()
    var pollResult: Int8
    repeat {
        uniffiPendingPolls.add(1)
        poll(handle, UniffiBlockingPoll.callback, waiter.callbackData())
        pollResult = waiter.wait()
    } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY
    return try lift(uniffiRustCall(errorLift) { complete(handle, $0) })
}

/// Where `offload`ed calls run: the queue set with `uniffiSetOffloadQueue{{ namespace_suffix }}`,
/// or else a serial queue of a pool. A serial queue runs on libdispatch's overcommit pool, which
/// adds a thread when all are busy, whereas concurrent queues share the per-core pool that
/// Swift's executors run on and would starve them. Each call takes an idle queue of the pool (or
/// a new one when all are busy, so calls always overlap) and gives it back when done, so queues
/// and their threads are reused rather than made per call.
private final class UniffiOffloadQueues: @unchecked Sendable {
    // @unchecked Sendable: `custom` and `idle` are only read and written while holding `lock`.
    private let lock = UniffiLock()
    private var custom: DispatchQueue?
    private var idle: [DispatchQueue] = []
    /// At most this many idle queues are kept (more were only needed for a burst).
    private let maxIdle = 16

    func setCustom(_ queue: DispatchQueue?) {
        lock.withLock { custom = queue }
    }

    /// The queue for one call, and whether it is a pool queue to give back afterwards.
    func take() -> (queue: DispatchQueue, pooled: Bool) {
        lock.withLock {
            if let custom {
                return (custom, false)
            }
            return (idle.popLast() ?? DispatchQueue(label: "uniffi.offload"), true)
        }
    }

    func giveBack(_ queue: DispatchQueue) {
        lock.withLock {
            if idle.count < maxIdle {
                idle.append(queue)
            }
        }
    }
}

private let uniffiOffloadQueues = UniffiOffloadQueues()

/// Makes the `offload`ed functions and methods of this module run their blocking Rust call on
/// `queue`; `nil` (the default) restores the pool of serial queues. A concurrent queue of your
/// own caps how many blocking calls run at once at its width, and shares libdispatch's per-core
/// threads with Swift's cooperative pool: prefer a serial queue, or a few of them.
public func uniffiSetOffloadQueue{{ namespace_suffix }}(_ queue: DispatchQueue?) {
    uniffiOffloadQueues.setCustom(queue)
}

/// Runs a blocking FFI call (`offload` annotation) off Swift's cooperative pool and suspends the
/// calling task until it returns. The Rust call cannot be interrupted: cancelling the task does
/// not stop it, and its result is still returned.
private func uniffiOffload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let (queue, pooled) = uniffiOffloadQueues.take()
    return try await withUnsafeThrowingContinuation { continuation in
        queue.async {
            let result = Result { try body() }
            if pooled {
                uniffiOffloadQueues.giveBack(queue)
            }
            continuation.resume(with: result)
        }
    }
}

/// How many foreign futures Rust has not dropped yet.
private let uniffiLiveForeignFutures = UniffiCounter()

/// The task running an async method of a Swift implementation for Rust (a foreign future). Rust
/// holds it through the handle of its dropped-callback struct: the object's address, retained
/// until Rust drops the future.
private final class UniffiForeignFuture {
    let task: Task<Void, Never>

    init(_ task: Task<Void, Never>) {
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
/// the call to make; the call runs in a new Task (on the main actor for `dispatch = "main"`),
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
    complete: @escaping @Sendable (Callback, UInt64, Result<T, any Swift.Error>) -> Void
) {
    let call: @Sendable () async throws -> T
    do {
        call = try makeCall()
    } catch {
        complete(callback, callbackData, .failure(error))
        return
    }
    let task: Task<Void, Never>
    if onMain {
        task = Task { @MainActor in complete(callback, callbackData, await uniffiCatching(call)) }
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
private func uniffiCatching<T>(_ body: () async throws -> T) async -> Result<T, any Swift.Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}

/// How many polls are waiting for Rust to call back (for tests: 0 when nothing is pending).
public func uniffiPendingPollCount{{ namespace_suffix }}() -> Int {
    uniffiPendingPolls.value
}

/// How many Swift objects and tasks Rust still holds handles to: callback implementations and
/// running foreign futures (for tests: 0 when nothing leaked).
public func uniffiLiveHandleCount{{ namespace_suffix }}() -> Int {
    uniffiLiveForeignFutures.value{% for c in callbacks %} + {{ c.converter }}Foreign.handles.count{% endfor %}
}
