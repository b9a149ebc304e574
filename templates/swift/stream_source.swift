{#- Foreign -> Rust streams (`[bindings.async] streams` on a callback interface or foreign
    trait): the pump through which Rust pulls a Swift `AsyncSequence`, one item per Rust
    `next()`. The per-trait adapter and its `as<Trait>()` extension are in callback.swift. #}
// MARK: - streams: Rust pulling Swift async sequences

/// Rust pulling one Swift `AsyncSequence`, one item per `pull()`. A driver Task (started by the
/// first pull) owns the iterator: it waits for a pull, calls the iterator's `next()` once and
/// hands the outcome to the oldest waiting pull, so nothing is read ahead of what Rust asked
/// for. A pull cancelled while waiting (Rust dropped that `next` future) returns at once; the
/// item the driver is fetching for it goes to the next pull. The end of the sequence or an
/// error ends the pump: every later pull returns `nil`. `close()` (Rust released its last
/// handle, or the adapter died) cancels the driver Task: the sequence sees the cancellation in
/// its pending `next()` (an `AsyncStream`'s `onTermination`, a `withTaskCancellationHandler`
/// in the sequence), or, when no pull was in flight, in one last `next()` the driver makes in
/// the cancelled Task.
private final class UniffiStreamPump<Element: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: every stored property but `lock` is only read and written while
    // holding `lock`; continuations are resumed after it is released.
    private typealias Outcome = Swift.Result<Element?, any Swift.Error>

    private let lock = UniffiLock()
    /// Starts the driver Task over the sequence; taken by the first pull.
    private var start: (@Sendable (UniffiStreamPump<Element>) -> Task<Swift.Void, Never>)?
    private var driver: Task<Swift.Void, Never>?
    /// The idle driver, waiting for a pull (`true`: fetch one item; `false`: closed).
    private var idle: CheckedContinuation<Bool, Never>?
    /// The pulls waiting for an item, oldest first.
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Outcome, Never>)] = []
    private var lastID: UInt64 = 0
    /// An item fetched for a pull that was cancelled meanwhile, for the next pull.
    private var ready: Outcome?
    /// The sequence ended, failed or was closed: pulls return `nil`.
    private var done = false
    private var closed = false
    /// The handles Rust holds to the adapter; the last one released closes the pump.
    private var handles = 0

    init<S: AsyncSequence & Sendable>(_ sequence: S) where S.Element == Element {
        start = { pump in Task { await pump.drive(sequence) } }
    }

    /// The next item of the sequence, `nil` once it ended; rethrows its error once. Throws
    /// `CancellationError` when the task is cancelled while it waits.
    func pull() async throws -> Element? {
        let id = lock.withLock { () -> UInt64 in
            lastID &+= 1
            return lastID
        }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                enqueue(id, continuation)
            }
        } onCancel: {
            let cancelled = lock.withLock { () -> CheckedContinuation<Outcome, Never>? in
                guard let index = waiting.firstIndex(where: { $0.id == id }) else {
                    return nil
                }
                return waiting.remove(at: index).continuation
            }
            cancelled?.resume(returning: .failure(CancellationError()))
        }
        return try outcome.get()
    }

    /// Answers a pull at once, or queues it and wakes (or starts) the driver.
    private func enqueue(_ id: UInt64, _ continuation: CheckedContinuation<Outcome, Never>) {
        let (answer, wake) = lock.withLock { () -> (Outcome?, CheckedContinuation<Bool, Never>?) in
            // Cancelled before it was queued: `onCancel` found nothing to resume.
            if Task.isCancelled {
                return (.failure(CancellationError()), nil)
            }
            if let outcome = ready {
                ready = nil
                return (outcome, nil)
            }
            if done {
                return (.success(nil), nil)
            }
            waiting.append((id, continuation))
            if let start {
                // Only enqueues the Task: nothing runs under the lock.
                self.start = nil
                driver = start(self)
            }
            let wake = idle
            idle = nil
            return (nil, wake)
        }
        if let answer {
            continuation.resume(returning: answer)
        }
        wake?.resume(returning: true)
    }

    /// The driver Task: one `next()` of the iterator per pull.
    private func drive<S: AsyncSequence>(_ sequence: S) async where S.Element == Element {
        var iterator = sequence.makeAsyncIterator()
        while await demand() {
            let outcome: Outcome
            do {
                outcome = .success(try await iterator.next())
            } catch {
                outcome = .failure(error)
            }
            guard deliver(outcome) else {
                return
            }
        }
        // Closed while no pull was in flight: the iterator sees the cancellation in one last
        // `next()` (an item it may still produce is dropped).
        _ = try? await iterator.next()
    }

    /// Waits until a pull wants an item; false once closed.
    private func demand() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let go = lock.withLock { () -> Bool? in
                if closed {
                    return false
                }
                if !waiting.isEmpty {
                    return true
                }
                idle = continuation
                return nil
            }
            if let go {
                continuation.resume(returning: go)
            }
        }
    }

    /// Hands `outcome` to the oldest waiting pull (or keeps it for the next one); whether the
    /// driver goes on.
    private func deliver(_ outcome: Outcome) -> Bool {
        let ends: Bool
        switch outcome {
        case .success(.some):
            ends = false
        default:
            ends = true
        }
        typealias Handover = (CheckedContinuation<Outcome, Never>?, [CheckedContinuation<Outcome, Never>])
        let (taker, rest) = lock.withLock { () -> Handover in
            if closed {
                return (nil, [])
            }
            let taker = waiting.isEmpty ? nil : waiting.removeFirst().continuation
            if taker == nil {
                ready = outcome
            }
            guard ends else {
                return (taker, [])
            }
            done = true
            let rest = waiting.map(\.continuation)
            waiting = []
            return (taker, rest)
        }
        taker?.resume(returning: outcome)
        rest.forEach { $0.resume(returning: .success(nil)) }
        return !ends && lock.withLock { !closed }
    }

    /// Rust holds one more handle to the adapter.
    func retain() {
        lock.withLock { handles += 1 }
    }

    /// Rust released a handle to the adapter; the last one closes the pump.
    func release() {
        let last = lock.withLock { () -> Bool in
            handles -= 1
            return handles == 0
        }
        if last {
            close()
        }
    }

    /// Ends the iteration: waiting pulls return `nil`, the driver Task is cancelled.
    func close() {
        typealias Parked = (Task<Swift.Void, Never>?, CheckedContinuation<Bool, Never>?, [CheckedContinuation<Outcome, Never>])
        let (driver, idle, waiting) = lock.withLock { () -> Parked in
            closed = true
            done = true
            start = nil
            ready = nil
            let parked = (self.driver, self.idle, self.waiting.map(\.continuation))
            self.idle = nil
            self.waiting = []
            return parked
        }
        // Cancelled first, so the woken driver's last `next()` sees it.
        driver?.cancel()
        idle?.resume(returning: false)
        waiting.forEach { $0.resume(returning: .success(nil)) }
    }
}
