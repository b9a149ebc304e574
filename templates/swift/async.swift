{#- All async machinery for Swift: the lock, the continuation handle map, the continuation
    callback Rust calls, the RustFuture driver with cancellation, its blocking twin and the
    offload helper. #}
// MARK: - async: driving Rust futures from Swift concurrency

private let UNIFFI_RUST_FUTURE_POLL_READY: Int8 = 0

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

/// Whoever waits for one poll of a Rust future: a suspended task (`uniffiRustCallAsync`) or a
/// blocked thread (`uniffiRustCallBlocking`).
private enum UniffiPollWaiter: Sendable {
    case task(CheckedContinuation<Int8, Never>)
    case thread(UniffiBlockingPoll)

    func wake(_ pollResult: Int8) {
        switch self {
        case let .task(continuation):
            continuation.resume(returning: pollResult)
        case let .thread(poll):
            poll.wake(pollResult)
        }
    }
}

/// The polls of a thread that blocks until Rust calls back.
private final class UniffiBlockingPoll: @unchecked Sendable {
    // @unchecked Sendable: `pollResult` is written by `wake` (once per poll) before the
    // semaphore is signalled, and read only by the waiting thread after `wait` returns; the
    // semaphore orders the two, and the next poll starts only after that read.
    private let semaphore = DispatchSemaphore(value: 0)
    private var pollResult = UNIFFI_RUST_FUTURE_POLL_READY

    func wake(_ pollResult: Int8) {
        self.pollResult = pollResult
        semaphore.signal()
    }

    /// Blocks the calling thread until `wake`; returns the poll code.
    func wait() -> Int8 {
        semaphore.wait()
        return pollResult
    }
}

/// The waiters of pending polls, keyed by the `callback_data` handed to Rust. Rust calls the
/// continuation callback exactly once per poll, from any thread; the map turns that plain
/// integer back into the waiting task or thread.
private final class UniffiContinuationMap: @unchecked Sendable {
    // @unchecked Sendable: `next` and `entries` are only read and written while holding `lock`.
    private let lock = UniffiLock()
    private var next: UInt64 = 1
    private var entries: [UInt64: UniffiPollWaiter] = [:]

    func insert(_ waiter: UniffiPollWaiter) -> UInt64 {
        lock.withLock {
            let key = next
            next &+= 1
            entries[key] = waiter
            return key
        }
    }

    func remove(_ key: UInt64) -> UniffiPollWaiter? {
        lock.withLock { entries.removeValue(forKey: key) }
    }

    var count: Int {
        lock.withLock { entries.count }
    }
}

private let uniffiContinuations = UniffiContinuationMap()

/// The continuation callback given to every poll. Resuming a continuation from a Rust thread is
/// fine: Swift enqueues the awaiting task back on its own executor, so no explicit hop is needed.
/// A blocked thread is released by its semaphore.
private func uniffiFutureContinuationCallback(_ callbackData: UInt64, _ pollResult: Int8) {
    uniffiContinuations.remove(callbackData)?.wake(pollResult)
}

/// One Rust future handle. `cancel` may run on any thread (from the task's cancellation handler)
/// while the driver polls, completes or frees; the lock makes sure it never reaches a freed
/// handle.
private final class UniffiRustFuture: @unchecked Sendable {
    // @unchecked Sendable: `handle` and the two functions are immutable and Sendable; `freed`
    // is only read and written while holding `lock`.
    let handle: UInt64
    private let cancelFunc: @Sendable (UInt64) -> Void
    private let freeFunc: @Sendable (UInt64) -> Void
    private let lock = UniffiLock()
    private var freed = false

    init(handle: UInt64, cancel: @escaping @Sendable (UInt64) -> Void, free: @escaping @Sendable (UInt64) -> Void) {
        self.handle = handle
        self.cancelFunc = cancel
        self.freeFunc = free
    }

    /// Asks Rust to stop: Rust fires the pending continuation with READY and `complete` then
    /// reports the call as cancelled (and drops the Rust future).
    func cancel() {
        lock.withLock {
            if !freed {
                cancelFunc(handle)
            }
        }
    }

    /// Releases the Rust future (dropping it, if `complete` has not already).
    func free() {
        lock.withLock {
            if !freed {
                freed = true
                freeFunc(handle)
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
    cancel: @escaping @Sendable (UInt64) -> Void,
    free: @escaping @Sendable (UInt64) -> Void,
    lift: (F) throws -> T,
    errorLift: UniffiErrorLift?
) async throws -> T {
    // Creating a future takes no call status, so check the library here.
    uniffiEnsureInitialized()
    let future = UniffiRustFuture(handle: makeFuture(), cancel: cancel, free: free)
    defer { future.free() }
    return try await withTaskCancellationHandler {
        var pollResult: Int8
        repeat {
            pollResult = await withCheckedContinuation { continuation in
                poll(future.handle, uniffiFutureContinuationCallback, uniffiContinuations.insert(.task(continuation)))
            }
        } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY
        return try lift(uniffiRustCall(errorLift) { complete(future.handle, $0) })
    } onCancel: {
        future.cancel()
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
        poll(handle, uniffiFutureContinuationCallback, uniffiContinuations.insert(.thread(waiter)))
        pollResult = waiter.wait()
    } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY
    return try lift(uniffiRustCall(errorLift) { complete(handle, $0) })
}

/// The queue set with `uniffiSetOffloadQueue{{ namespace_suffix }}`, if any.
private final class UniffiOffloadQueue: @unchecked Sendable {
    // @unchecked Sendable: `queue` is only read and written while holding `lock`.
    private let lock = UniffiLock()
    private var queue: DispatchQueue?

    var current: DispatchQueue? {
        get { lock.withLock { queue } }
        set { lock.withLock { queue = newValue } }
    }
}

private let uniffiOffloadQueue = UniffiOffloadQueue()

/// Makes the `offload`ed functions and methods of this module run their blocking Rust call on
/// `queue`; `nil` (the default) restores a fresh serial queue per call. A concurrent queue of
/// your own caps how many blocking calls run at once at its width, and shares libdispatch's
/// per-core threads with Swift's cooperative pool: prefer a serial queue, or a few of them.
public func uniffiSetOffloadQueue{{ namespace_suffix }}(_ queue: DispatchQueue?) {
    uniffiOffloadQueue.current = queue
}

/// Runs a blocking FFI call (`offload` annotation) off Swift's cooperative pool and suspends the
/// calling task until it returns. By default each call gets a fresh serial queue: serial queues
/// run on libdispatch's overcommit pool, which adds a thread when all are busy, whereas
/// concurrent queues share the per-core pool that Swift's executors run on and would starve
/// them. The Rust call cannot be interrupted: cancelling the task does not stop it, and its
/// result is still returned.
private func uniffiOffload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let queue = uniffiOffloadQueue.current ?? DispatchQueue(label: "uniffi.offload")
    return try await withCheckedThrowingContinuation { continuation in
        queue.async {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// The tasks running async methods of Swift implementations for Rust (foreign futures), by the
/// handle Rust gets in its dropped-callback struct.
private let uniffiForeignFutures = UniffiHandleMap<Task<Void, Never>>()

/// Starts an async method of a Swift implementation for Rust. `makeCall` finds the object and
/// lifts the arguments right away (Rust's buffers are only valid during this call) and returns
/// the call to make; the call runs in a new Task (on the main actor for `dispatch = "main"`),
/// and `complete` hands its outcome to Rust exactly once. When Rust drops the future (on
/// completion, or early: a timeout, a cancelled Rust task), it calls the dropped callback, which
/// cancels the Task: the Swift implementation sees `Task.isCancelled` / `CancellationError`.
private func uniffiForeignAsync<T: Sendable>(
    onMain: Bool,
    outDropped: UnsafeMutablePointer<UniffiForeignFutureDroppedCallbackStruct>,
    makeCall: () throws -> @Sendable () async throws -> T,
    complete: @escaping @Sendable (Result<T, any Swift.Error>) -> Void
) {
    let call: @Sendable () async throws -> T
    do {
        call = try makeCall()
    } catch {
        complete(.failure(error))
        return
    }
    let task: Task<Void, Never>
    if onMain {
        task = Task { @MainActor in complete(await uniffiCatching(call)) }
    } else {
        task = Task { complete(await uniffiCatching(call)) }
    }
    outDropped.pointee = UniffiForeignFutureDroppedCallbackStruct(
        handle: uniffiForeignFutures.insert(task),
        free: { handle in (try? uniffiForeignFutures.remove(handle))?.cancel() }
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
    uniffiContinuations.count
}

/// How many Swift objects and tasks Rust still holds handles to: callback implementations and
/// running foreign futures (for tests: 0 when nothing leaked).
public func uniffiLiveHandleCount{{ namespace_suffix }}() -> Int {
    uniffiForeignFutures.count{% for c in callbacks %} + {{ c.converter }}Foreign.handles.count{% endfor %}
}
