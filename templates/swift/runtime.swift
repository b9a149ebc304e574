{#- The FFI runtime: call status, RustBuffer handling, the wire reader/writer, load-time
    checks and checked calls. #}
// MARK: - FFI runtime

private let UNIFFI_CALL_SUCCESS: Int8 = 0
private let UNIFFI_CALL_ERROR: Int8 = 1
private let UNIFFI_CALL_UNEXPECTED_ERROR: Int8 = 2
private let UNIFFI_CALL_CANCELLED: Int8 = 3

/// A failure of the FFI layer itself, or a Rust panic (`rustPanic` carries its message). As
/// upstream's, it prints as its case (`rustPanic("message")`); `localizedDescription` explains.
private enum UniffiInternalError: Swift.Error, Foundation.LocalizedError {
    case bufferOverflow
    case incompleteData
    case unexpectedOptionalTag(Int8)
    case unexpectedEnumCase(Int32)
    case unexpectedRustCallError
    case unexpectedRustCallStatusCode(Int8)
    case rustPanic(String)
    case unknownHandle(UInt64)

    var errorDescription: String? {
        switch self {
        case .bufferOverflow: return "reading a value from Rust ran past the end of its buffer"
        case .incompleteData: return "junk data left in a buffer after reading a value from Rust"
        case let .unexpectedOptionalTag(tag): return "invalid optional tag \(tag) from Rust"
        case let .unexpectedEnumCase(index): return "invalid enum variant index \(index) from Rust"
        case .unexpectedRustCallError: return "Rust returned an error from a function that declares none"
        case let .unexpectedRustCallStatusCode(code): return "unexpected Rust call status \(code)"
        case let .rustPanic(message): return message
        case let .unknownHandle(handle): return "Rust used unknown callback handle \(handle)"
        }
    }
}

private func uniffiEmptyBuffer() -> RustBuffer {
    RustBuffer(capacity: 0, len: 0, data: nil)
}

/// Copies a Rust-owned buffer's bytes out and frees it.
private func uniffiTakeBuffer(_ buf: RustBuffer) -> [UInt8] {
    uniffiTakeBuffer(buf) { Array($0) }
}

/// Hands a Rust-owned buffer's bytes to `body` (valid during the call only), then frees it.
private func uniffiTakeBuffer<T>(_ buf: RustBuffer, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    let value = body(UnsafeBufferPointer(start: buf.data, count: Int(buf.len)))
    var status = RustCallStatus(code: UNIFFI_CALL_SUCCESS, errorBuf: uniffiEmptyBuffer())
    {{ m.rustbuffer.free }}(buf, &status)
    return value
}

/// Copies bytes into a new Rust-owned buffer.
private func uniffiBufferFromBytes(_ bytes: [UInt8]) -> RustBuffer {
    bytes.withUnsafeBufferPointer { uniffiBufferFromBytes($0) }
}

/// Copies bytes into a new Rust-owned buffer.
private func uniffiBufferFromBytes(_ ptr: UnsafeBufferPointer<UInt8>) -> RustBuffer {
    var status = RustCallStatus(code: UNIFFI_CALL_SUCCESS, errorBuf: uniffiEmptyBuffer())
    let buf = {{ m.rustbuffer.from_bytes }}(ForeignBytes(len: Int32(ptr.count), data: ptr.baseAddress), &status)
    if status.code != UNIFFI_CALL_SUCCESS {
        fatalError("RustBuffer allocation failed")
    }
    return buf
}

/// Reads big-endian values from bytes received from Rust.
private struct UniffiReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func readInteger<T: FixedWidthInteger>() throws -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw UniffiInternalError.bufferOverflow }
        var raw = T.zero
        withUnsafeMutableBytes(of: &raw) { out in
            out.copyBytes(from: bytes[offset..<offset + size])
        }
        offset += size
        return T(bigEndian: raw)
    }

    mutating func readBytes(count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - offset >= count else { throw UniffiInternalError.bufferOverflow }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// Lets another component of the library read one of its own types here (external types):
    /// it gets the bytes (shared, not copied) and advances the offset.
    mutating func readExternal<T>(_ read: ([UInt8], inout Int) throws -> T) throws -> T {
        try read(bytes, &offset)
    }

    /// The other side of `readExternal`: reads one value of this module's from another
    /// component's bytes at `offset`, and advances it.
    static func read<T>(
        _ bytes: [UInt8],
        at offset: inout Int,
        with read: (inout UniffiReader) throws -> T
    ) throws -> T {
        var reader = UniffiReader(bytes)
        reader.offset = offset
        let value = try read(&reader)
        offset = reader.offset
        return value
    }
}

private func uniffiWriteInteger<T: FixedWidthInteger>(_ value: T, into buf: inout [UInt8]) {
    withUnsafeBytes(of: value.bigEndian) { buf.append(contentsOf: $0) }
}

private func uniffiReadString(from reader: inout UniffiReader) throws -> String {
    let count: Int32 = try reader.readInteger()
    return String(decoding: try reader.readBytes(count: Int(count)), as: UTF8.self)
}

private func uniffiWriteString(_ value: String, into buf: inout [UInt8]) {
    // `utf8.count` is O(1) for native strings: no intermediate array.
    uniffiWriteInteger(Int32(value.utf8.count), into: &buf)
    buf.append(contentsOf: value.utf8)
}

/// Types that cross the FFI serialized in a RustBuffer.
private protocol UniffiBufferConverter {
    associatedtype SwiftType
    static func read(from reader: inout UniffiReader) throws -> SwiftType
    static func write(_ value: SwiftType, into buf: inout [UInt8])
}

extension UniffiBufferConverter {
    static func lift(_ buf: RustBuffer) throws -> SwiftType {
        var reader = UniffiReader(uniffiTakeBuffer(buf))
        let value = try read(from: &reader)
        guard reader.isAtEnd else { throw UniffiInternalError.incompleteData }
        return value
    }

    static func lower(_ value: SwiftType) -> RustBuffer {
        var buf: [UInt8] = []
        write(value, into: &buf)
        return uniffiBufferFromBytes(buf)
    }
}

/// The outcome of the load-time checks, computed once on first use (Swift initializes globals
/// lazily and thread-safely).
private enum UniffiInitResult {
    case ok
    case contractVersionMismatch(UInt32)
    case apiChecksumMismatch(String)
}

private let uniffiInitResult: UniffiInitResult = {
    let version = {{ m.contract_version_symbol }}()
    if version != {{ m.contract_version }} {
        return .contractVersionMismatch(version)
    }
{%- for (symbol, value) in m.checksums %}
    if {{ symbol }}() != {{ value }} {
        return .apiChecksumMismatch("{{ symbol }}")
    }
{%- endfor %}
    return .ok
}()

/// Verifies, once, that the loaded library matches these bindings.
private func uniffiEnsureInitialized() {
    switch uniffiInitResult {
    case .ok:
        break
    case let .contractVersionMismatch(version):
        fatalError("UniFFI contract version mismatch: bindings expect {{ m.contract_version }}, library has \(version)")
    case let .apiChecksumMismatch(symbol):
        fatalError("UniFFI API checksum mismatch (\(symbol)): rebuild the bindings for this library")
    }
}

/// Lifts a declared error from its buffer.
private typealias UniffiErrorLift = (RustBuffer) throws -> any Swift.Error

/// Turns a non-success call status into the Swift error it stands for.
private func uniffiCheckStatus(_ status: RustCallStatus, _ errorLift: UniffiErrorLift?) throws {
    switch status.code {
    case UNIFFI_CALL_SUCCESS:
        return
    case UNIFFI_CALL_ERROR:
        if let errorLift {
            throw try errorLift(status.errorBuf)
        }
        _ = uniffiTakeBuffer(status.errorBuf)
        throw UniffiInternalError.unexpectedRustCallError
    case UNIFFI_CALL_UNEXPECTED_ERROR:
        // The buffer holds the panic message, or is empty if formatting it panicked too.
        let message = String(decoding: uniffiTakeBuffer(status.errorBuf), as: UTF8.self)
        throw UniffiInternalError.rustPanic(message.isEmpty ? "(no message)" : message)
    case UNIFFI_CALL_CANCELLED:
        throw CancellationError()
    default:
        throw UniffiInternalError.unexpectedRustCallStatusCode(status.code)
    }
}

/// Calls an FFI function that takes a trailing `RustCallStatus *` and checks the status.
private func uniffiRustCall<T>(
    _ errorLift: UniffiErrorLift?,
    _ body: (UnsafeMutablePointer<RustCallStatus>) -> T
) throws -> T {
    uniffiEnsureInitialized()
    return try uniffiRustCallInitialized(errorLift, body)
}

/// `uniffiRustCall` once the library was checked (completing a future made after the check).
private func uniffiRustCallInitialized<T>(
    _ errorLift: UniffiErrorLift?,
    _ body: (UnsafeMutablePointer<RustCallStatus>) -> T
) throws -> T {
    var status = RustCallStatus(code: UNIFFI_CALL_SUCCESS, errorBuf: uniffiEmptyBuffer())
{%- if has_main_dispatch %}
    let onMain = UniffiMainThread.enter()
    defer {
        if onMain {
            UniffiMainThread.leave()
        }
    }
{%- endif %}
    let value = withUnsafeMutablePointer(to: &status) { body($0) }
    try uniffiCheckStatus(status, errorLift)
    return value
}

/// Runs a call of a function that declares no error: a panic there is fatal, as with UniFFI's
/// own Swift bindings.
private func uniffiInfallible<T>(_ body: () throws -> T) -> T {
    do {
        return try body()
    } catch {
        fatalError("\(error)")
    }
}
