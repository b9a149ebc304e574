{#- Foreign -> Rust streams (`[bindings.async] streams` on a callback interface or foreign
    trait): the pump through which Rust pulls a Swift `AsyncSequence`, one item per Rust
    `next()`. The per-trait adapter and its `as<Trait>()` extension are in callback.swift. #}
// MARK: - streams: Rust pulling Swift async sequences

/// Rust pulling one Swift `AsyncSequence`, one item per `pull()`: each pull calls the
/// sequence iterator's `next()` itself, in the calling task (the foreign-future Task Rust
/// started), so nothing is read ahead and Rust dropping the pending call cancels the `next()` in
/// flight. Pulls take turns (the iterator is never used by two tasks at once; concurrent pulls
/// wait in order). The end of the sequence or an error ends the pump: every later pull returns
/// `nil`. `close()` (Rust released its last handle, or the adapter died) ends it too; the
/// sequence then sees the cancellation in one last `next()` made in a cancelled Task, unless the
/// iteration never started, already ended, or a pull is in flight (whose Task Rust cancelled
/// when it dropped that call, before releasing the adapter).
private final class UniffiStreamPump<Element: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `step` is immutable; every other stored property but `lock` is only
    // read and written while holding `lock`, and continuations are resumed after releasing it.
    private typealias Outcome = Swift.Result<Element?, any Swift.Error>

    /// One `next()` of the iterator (made by the first step); only the pull holding the turn
    /// calls it.
    private let step: @Sendable () async throws -> Element?
    private let lock = UniffiLock()
    /// A pull holds the turn (is calling `step`, or was handed the turn).
    private var busy = false
    /// The pulls waiting for the turn, oldest first (`true`: go; `false`: the pump ended).
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var lastID: UInt64 = 0
    private var started = false
    /// The sequence ended, failed or was closed: pulls return `nil`.
    private var done = false
    /// The handles Rust holds to the adapter; the last one released closes the pump.
    private var handles = 0

    init<S: AsyncSequence & Sendable>(_ sequence: S) where S.Element == Element {
        let iteration = UniffiIteration(sequence)
        step = { try await iteration.next() }
    }

    /// The next item of the sequence, `nil` once it ended; rethrows its error once. Throws
    /// `CancellationError` when the task is cancelled while it waits for its turn.
    func pull() async throws -> Element? {
        guard try await turn() else {
            return nil
        }
        let outcome: Outcome
        do {
            outcome = .success(try await step())
        } catch {
            outcome = .failure(error)
        }
        let ends: Bool
        switch outcome {
        case .success(.some):
            ends = false
        default:
            ends = true
        }
        let (next, rest) = lock.withLock { () -> (CheckedContinuation<Bool, Never>?, [CheckedContinuation<Bool, Never>]) in
            if ends {
                done = true
            }
            if done {
                busy = false
                let rest = waiting.map(\.continuation)
                waiting = []
                return (nil, rest)
            }
            guard !waiting.isEmpty else {
                busy = false
                return (nil, [])
            }
            return (waiting.removeFirst().continuation, [])
        }
        next?.resume(returning: true)
        rest.forEach { $0.resume(returning: false) }
        return try outcome.get()
    }

    /// Takes the turn (at once when no other pull has it); false when the pump ended.
    private func turn() async throws -> Bool {
        // `(true, nil)`: the turn is ours; `(false, nil)`: ended; `(_, id)`: wait for it.
        let (free, queued) = lock.withLock { () -> (Bool, UInt64?) in
            if done {
                return (false, nil)
            }
            started = true
            if !busy {
                busy = true
                return (true, nil)
            }
            lastID &+= 1
            return (false, lastID)
        }
        guard let id = queued else {
            return free
        }
        let go = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let answer = lock.withLock { () -> Bool? in
                    // Ended, or cancelled before it was queued (`onCancel` found nothing).
                    if done || Task.isCancelled {
                        return false
                    }
                    waiting.append((id, continuation))
                    return nil
                }
                if let answer {
                    continuation.resume(returning: answer)
                }
            }
        } onCancel: {
            let cancelled = lock.withLock { () -> CheckedContinuation<Bool, Never>? in
                guard let index = waiting.firstIndex(where: { $0.id == id }) else {
                    return nil
                }
                return waiting.remove(at: index).continuation
            }
            cancelled?.resume(returning: false)
        }
        // Handed the turn, it goes on even if cancelled since (the turn must be passed on).
        if !go {
            try Task.checkCancellation()
        }
        return go
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

    /// Ends the pump: waiting pulls return `nil`; with the iteration started and no pull in
    /// flight, a cancelled Task makes one last `next()` so the sequence sees the cancellation (an
    /// `AsyncStream`'s `onTermination`, a `withTaskCancellationHandler` in the sequence).
    func close() {
        let (waiting, last) = lock.withLock { () -> ([CheckedContinuation<Bool, Never>], Bool) in
            let last = started && !done && !busy
            done = true
            busy = busy || last
            let waiting = self.waiting.map(\.continuation)
            self.waiting = []
            return (waiting, last)
        }
        waiting.forEach { $0.resume(returning: false) }
        if last {
            let step = self.step
            Task {
                withUnsafeCurrentTask { $0?.cancel() }
                _ = try? await step()
            }
        }
    }
}

/// The iterator of one sequence, made by the first `next()`. Used by one task at a time (the
/// pump's turns), but by different tasks in turn.
private final class UniffiIteration<S: AsyncSequence & Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `sequence` and `iterator` are only touched by `next()`, which the
    // pump never runs in two tasks at once (each call's end happens before the next's start:
    // the turn is handed over under the pump's lock).
    private var sequence: S?
    private var iterator: S.AsyncIterator?

    init(_ sequence: S) {
        self.sequence = sequence
    }

    func next() async throws -> S.Element? {
        if iterator == nil, let sequence {
            iterator = sequence.makeAsyncIterator()
            self.sequence = nil
        }
        return try await iterator?.next()
    }
}
