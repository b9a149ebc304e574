{#- Calling async Rust: the lock and atomic counter, the RustFuture driver (a synchronous
    probe per poll, a late-callback meeting point for pending futures, cancellation) and its
    blocking twin (the test counters are in test_counters.swift, the offload pool in
    offload_pool.swift, foreign futures in async_foreign.swift). #}
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
/// future's handle in its `UniffiProbeThread` slot; the probe callback, given the handle as its
/// data, replaces it with the outcome when it runs on that thread during the probe. Otherwise the
/// future is pending and Rust keeps the callback until a waker fires it, from any thread (or
/// `cancel`/`free`, with READY): `UniffiProbe.late` then hands the outcome to the task, which
/// suspends there until it comes.
private enum UniffiProbe {
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
        if let thread = UniffiProbeThread.existing, UInt64(thread.pointee.slot) == handle {
            thread.pointee.slot = pollResult == UNIFFI_RUST_FUTURE_POLL_READY ? UniffiProbe.ready : UniffiProbe.wake
        } else {
            late.fire(handle, pollResult)
        }
    }

    /// Polls once, synchronously.
    static func poll(_ handle: UInt64, _ poll: (UInt64, UniffiRustFutureContinuationCallback, UInt64) -> Swift.Void) -> Outcome {
        let thread = UniffiProbeThread.current
        // Probes nest when a foreign future run by `UniffiProbeJobs` awaits Rust in turn.
        let outer = thread.pointee.slot
        thread.pointee.slot = UInt(truncatingIfNeeded: handle)
        UniffiProbeJobs.during(thread) { poll(handle, callback, handle) }
        let slot = thread.pointee.slot
        thread.pointee.slot = outer
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
/// result. With a `cancel` hook, cancelling the awaiting task cancels the Rust future and throws
/// `CancellationError`; without one (infallible functions, as upstream) the Rust future runs to
/// completion whatever the task does. The future is freed however this ends.
private func uniffiRustCallAsync<F, T>(
    makeFuture: () -> UInt64,
    poll: (UInt64, UniffiRustFutureContinuationCallback, UInt64) -> Swift.Void,
    complete: (UInt64, UnsafeMutablePointer<RustCallStatus>) -> F,
    cancel: (@Sendable (UInt64) -> Swift.Void)?,
    free: (UInt64) -> Swift.Void,
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
    // A task cancelled before the call does not start the Rust body: Rust is told up front (the
    // handler runs at once) and `complete` reports the cancellation.
    guard let cancel else {
        await uniffiPollUntilReady(handle, poll, first: UniffiProbe.poll(handle, poll))
        return try lift(uniffiRustCallInitialized(errorLift) { complete(handle, $0) })
    }
    let first = Task.isCancelled ? .wake : UniffiProbe.poll(handle, poll)
    if first != .ready {
        await withTaskCancellationHandler {
            await uniffiPollUntilReady(handle, poll, first: first)
        } onCancel: {
            // Rust fires the kept callback with READY, or reports READY to the next poll, and
            // `complete` then reports the call as cancelled (and drops the Rust future).
            cancel(handle)
        }
    }
    return try lift(uniffiRustCallInitialized(errorLift) { complete(handle, $0) })
}

/// Polls until Rust reports READY, waiting for the kept probe callback whenever a poll is pending.
private func uniffiPollUntilReady(
    _ handle: UInt64,
    _ poll: (UInt64, UniffiRustFutureContinuationCallback, UInt64) -> Swift.Void,
    first: UniffiProbe.Outcome
) async {
    var outcome = first
    while outcome != .ready {
        // Rust fires the probe callback it kept on a wake, or with READY on cancel.
        if outcome == .pending, await UniffiProbe.late.wait(handle) == UNIFFI_RUST_FUTURE_POLL_READY {
            break
        }
        outcome = UniffiProbe.poll(handle, poll)
    }
}

/// Runs the async call of a function that declares no error: a panic there is fatal, as with
/// UniFFI's own Swift bindings (`try!`).
private func uniffiInfallibleAsync<T>(_ body: () async throws -> T) async -> T {
    do {
        return try await body()
    } catch {
        fatalError("\(error)")
    }
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
    poll: (UInt64, UniffiRustFutureContinuationCallback, UInt64) -> Swift.Void,
    complete: (UInt64, UnsafeMutablePointer<RustCallStatus>) -> F,
    free: (UInt64) -> Swift.Void,
    lift: (F) throws -> T,
    errorLift: UniffiErrorLift?
) throws -> T {
    uniffiEnsureInitialized()
{%- if has_main_dispatch %}
    // The main thread waits in Rust for the whole call, not only inside each FFI call.
    let onMain = UniffiMainThread.enter()
    defer {
        if onMain {
            UniffiMainThread.leave()
        }
    }
{%- endif %}
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
    return try lift(uniffiRustCallInitialized(errorLift) { complete(handle, $0) })
}
