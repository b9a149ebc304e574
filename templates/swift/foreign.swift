{#- Rust calling into Swift: the handle map of Swift implementations Rust holds, the main
    queue check and hop for `dispatch = "main"`, and how a Swift outcome is reported to Rust.
    The per-interface vtables are in callback.swift, foreign futures in async_foreign.swift. #}
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

    /// Runs `body` on the main queue: inline when already there, else waiting for it.
    static func run<T>(_ body: () throws -> T) rethrows -> T {
        isCurrent ? try body() : try DispatchQueue.main.sync(execute: body)
    }
}

/// The outcome of a Swift implementation, as Rust expects it: declared errors lowered by
/// `lowerError`, anything else as an unexpected error carrying its description.
private func uniffiForeignStatus<T>(
    _ result: Result<T, any Swift.Error>,
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

/// Runs a sync method of a Swift implementation for Rust, on the main queue for
/// `dispatch = "main"`, and reports its outcome through `status`.
private func uniffiForeignCall(
    _ status: UnsafeMutablePointer<RustCallStatus>,
    onMain: Bool,
    lowerError: ((any Swift.Error) -> RustBuffer?)?,
    _ body: () throws -> Void
) {
    let result = Result { onMain ? try UniffiMainQueue.run(body) : try body() }
    status.pointee = uniffiForeignStatus(result, lowerError: lowerError).1
}
