{#- Handles both ways: the live Swift instance of each Rust object (UniffiObjectMap), then
    Rust calling into Swift: the handle map of Swift implementations Rust holds, the main
    queue check and hop for `dispatch = "main"` (failing, not hanging, while the main thread is
    blocked in a sync Rust call), and how a Swift outcome is reported to Rust.
    The per-interface vtables are in callback.swift, foreign futures in async_foreign.swift. #}
/// The live Swift instance of each Rust object, by handle. A handle is the address of the Rust
/// object (`Arc::into_raw`), so when Rust returns an `Arc` Swift already holds, the existing
/// instance is returned and the extra strong reference released. Entries are weak: Swift
/// instances still die when the app lets go of them.
private final class UniffiObjectMap<T: AnyObject>: @unchecked Sendable {
    // @unchecked Sendable: `entries` is only read and written while holding `lock`. No strong
    // reference taken under the lock is dropped there (that could run a `deinit`, which takes
    // the lock again).
    // A class: weak references held in a struct stored in a Dictionary crashed Swift 6.x on
    // Linux when the dictionary grew.
    private final class Entry {
        weak var instance: T?
        let id: ObjectIdentifier

        init(_ instance: T) {
            self.instance = instance
            self.id = ObjectIdentifier(instance)
        }
    }

    private let lock = UniffiLock()
    private var entries: [UInt64: Entry] = [:]

    /// The instance for `handle`, made by `make` if none is alive. `release` gets the handle
    /// back when an instance already held a reference of its own.
    func lift(_ handle: UInt64, make: (UInt64) -> T, release: (UInt64) -> Swift.Void) -> T {
        let (instance, existed): (T, Bool) = lock.withLock {
            if let instance = entries[handle]?.instance {
                return (instance, true)
            }
            let instance = make(handle)
            entries[handle] = Entry(instance)
            return (instance, false)
        }
        if existed {
            release(handle)
        }
        return instance
    }

    func register(_ instance: T, handle: UInt64) {
        lock.withLock { entries[handle] = Entry(instance) }
    }

    /// Called from `deinit`: drops the entry unless another instance has taken the handle over.
    func forget(handle: UInt64, instance: ObjectIdentifier) {
        lock.withLock {
            if entries[handle]?.id == instance {
                entries[handle] = nil
            }
        }
    }
}

// MARK: - calls from Rust into Swift

/// Swift implementations of callback interfaces and foreign traits held by Rust, by handle.
/// Handles are odd, so Rust (and our converters) can tell them from Rust object handles,
/// which are aligned addresses.
private final class UniffiHandleMap<T: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `next` and `entries` are only read and written while holding `lock`.
    private let lock = UniffiLock()
    private var next: UInt64 = 1
    private var entries: [UInt64: T] = [:]

    func insert(_ value: T) -> UInt64 {
        lock.withLock {
            let handle = next
            next &+= 2
            entries[handle] = value
            return handle
        }
    }

    func get(_ handle: UInt64) throws -> T {
        guard let value = lock.withLock({ entries[handle] }) else {
            throw UniffiInternalError.unknownHandle(handle)
        }
        return value
    }

    /// A second handle for the same value (Rust cloned its reference).
    func clone(_ handle: UInt64) -> UInt64 {
        guard let value = try? get(handle) else {
            fatalError("UniFFI: Rust cloned unknown handle \(handle)")
        }
        return insert(value)
    }

    @discardableResult
    func remove(_ handle: UInt64) throws -> T {
        guard let value = lock.withLock({ entries.removeValue(forKey: handle) }) else {
            throw UniffiInternalError.unknownHandle(handle)
        }
        return value
    }

    var count: Int {
        lock.withLock { entries.count }
    }
}

/// The main queue, recognised by a queue-specific value rather than by the thread: on Linux the
/// main queue (and with it the main actor) is served by another thread than the process's first
/// one once an async `main` has suspended.
private enum UniffiMainQueue {
    private final class Key: @unchecked Sendable {
        // @unchecked Sendable: `key` is immutable; DispatchSpecificKey is only used as an identity.
        let key = DispatchSpecificKey<Bool>()
    }

    private static let marker: Key = {
        let marker = Key()
        DispatchQueue.main.setSpecific(key: marker.key, value: true)
        return marker
    }()

    /// Whether the caller runs on the main queue / main actor. The first thread counts too: code
    /// there runs on the main actor before the main queue is being drained (top-level code).
    static var isCurrent: Bool {
        DispatchQueue.getSpecific(key: marker.key) == true || Thread.isMainThread
    }
}
{%- if has_main_dispatch %}

/// How long a main-dispatched callback waits while the main thread stays in one sync Rust call.
private let UNIFFI_MAIN_BLOCKED_NANOS: UInt64 = 500_000_000

/// The synchronous calls into Rust the main thread is in (only code on the main queue writes):
/// a `dispatch = "main"` callback waiting for a main thread that stays blocked in one of them
/// fails instead of hanging (that call may well be waiting for the callback).
private enum UniffiMainThread {
    // nonisolated(unsafe): `depth` and `calls` are only read and written on the main queue.
    nonisolated(unsafe) private static var depth = 0
    nonisolated(unsafe) private static var calls: Int64 = 0
    /// The outermost sync Rust call the main thread is in (a serial number), or 0; read by any
    /// thread.
    static let call = UniffiCounter()

    /// Before a sync call into Rust: true if on the main queue (then call `leave` after it).
    /// Off the main queue this is the one check a call pays.
    static func enter() -> Bool {
        guard UniffiMainQueue.isCurrent else {
            return false
        }
        if depth == 0 {
            calls += 1
            call.add(calls)
        }
        depth += 1
        return true
    }

    static func leave() {
        depth -= 1
        if depth == 0 {
            call.add(-calls)
        }
    }
}

/// Why a main-dispatched callback did not run: Rust receives it as an unexpected callback error.
private struct UniffiMainThreadBlocked: Swift.Error, CustomStringConvertible {
    let method: String

    var description: String {
        "dispatch = \"main\": \(method) cannot run on the main thread, which is blocked in a "
            + "synchronous call into Rust (waiting for this callback?); make that call `offload` "
            + "([bindings.async] offload) or call it from another thread"
    }
}

/// A callback body waiting for the main queue; whoever takes it first (the main queue to run
/// it, or the waiting thread giving up) owns it.
private final class UniffiMainJob: @unchecked Sendable {
    // @unchecked Sendable: `body` and `failure` are only touched while holding `lock`.
    private let lock = UniffiLock()
    private var body: (() throws -> Swift.Void)?
    private var failure: (any Swift.Error)?
    let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () throws -> Swift.Void) {
        self.body = body
    }

    func take() -> (() throws -> Swift.Void)? {
        lock.withLock {
            defer { body = nil }
            return body
        }
    }

    /// On the main queue: runs the body unless the waiting thread gave up.
    func run() {
        guard let body = take() else {
            return
        }
        do {
            try body()
        } catch {
            lock.withLock { failure = error }
        }
        done.signal()
    }

    var error: (any Swift.Error)? {
        lock.withLock { failure }
    }
}

/// Runs `body` (the method `method`) on the main queue and waits for it, rethrowing what it
/// threw: inline when already there. If the main thread stays inside one synchronous call into
/// Rust for `UNIFFI_MAIN_BLOCKED_NANOS` meanwhile, it cannot come (that call is most likely
/// waiting for this one): `body` is dropped and this throws `UniffiMainThreadBlocked`.
private func uniffiRunOnMain(_ method: String, _ body: @escaping () throws -> Swift.Void) throws {
    if UniffiMainQueue.isCurrent {
        try body()
        return
    }
    let job = UniffiMainJob(body)
    DispatchQueue.main.async { job.run() }
    var seenCall = 0
    var seenAt: UInt64 = 0
    while job.done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
        let call = UniffiMainThread.call.value
        let now = DispatchTime.now().uptimeNanoseconds
        if call == 0 || call != seenCall {
            seenCall = call
            seenAt = now
        } else if now - seenAt >= UNIFFI_MAIN_BLOCKED_NANOS, job.take() != nil {
            throw UniffiMainThreadBlocked(method: method)
        }
    }
    if let error = job.error {
        throw error
    }
}
{%- endif %}

/// The outcome of a Swift implementation, as Rust expects it: declared errors lowered by
/// `lowerError`, anything else as an unexpected error carrying its description.
private func uniffiForeignStatus<T>(
    _ result: Swift.Result<T, any Swift.Error>,
    lowerError: ((any Swift.Error) -> RustBuffer?)?
) -> (T?, RustCallStatus) {
    switch result {
    case let .success(value):
        return (value, RustCallStatus(code: UNIFFI_CALL_SUCCESS, errorBuf: uniffiEmptyBuffer()))
    case let .failure(error):
        if let buf = lowerError?(error) {
            return (nil, RustCallStatus(code: UNIFFI_CALL_ERROR, errorBuf: buf))
        }
        let message = uniffiBufferFromBytes(Array(String(describing: error).utf8))
        return (nil, RustCallStatus(code: UNIFFI_CALL_UNEXPECTED_ERROR, errorBuf: message))
    }
}

/// Runs a sync method of a Swift implementation for Rust and reports its outcome through
/// `status`.
private func uniffiForeignCall(
    _ status: UnsafeMutablePointer<RustCallStatus>,
    lowerError: ((any Swift.Error) -> RustBuffer?)?,
    _ body: () throws -> Swift.Void
) {
    status.pointee = uniffiForeignStatus(Swift.Result { try body() }, lowerError: lowerError).1
}
{%- if has_main_dispatch %}

/// `uniffiForeignCall` for `dispatch = "main"`: runs on the main queue (`uniffiRunOnMain`).
private func uniffiForeignCallOnMain(
    _ status: UnsafeMutablePointer<RustCallStatus>,
    method: String,
    lowerError: ((any Swift.Error) -> RustBuffer?)?,
    _ body: @escaping () throws -> Swift.Void
) {
    status.pointee = uniffiForeignStatus(Swift.Result { try uniffiRunOnMain(method, body) }, lowerError: lowerError).1
}
{%- endif %}
