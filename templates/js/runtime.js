{#- The FFI runtime: library loading, FFI structs, RustBuffer, call status, checked calls,
    and the big-endian reader/writer used by serialized types. #}
// ---- FFI runtime ----------------------------------------------------------------------

const UniffiRustBuffer = koffi.struct({ capacity: 'uint64_t', len: 'uint64_t', data: 'uint8_t *' });
const UniffiForeignBytes = koffi.struct({ len: 'int32_t', data: 'uint8_t *' });
const UniffiRustCallStatus = koffi.struct({ code: 'int8_t', error_buf: UniffiRustBuffer });
const UNIFFI_STATUS_PTR = koffi.pointer(UniffiRustCallStatus);
const UniffiRustFutureContinuation = koffi.proto('void', ['uint64_t', 'int8_t']);

const UNIFFI_CALL_SUCCESS = 0;
const UNIFFI_CALL_ERROR = 1;
const UNIFFI_CALL_UNEXPECTED_ERROR = 2;
const UNIFFI_CALL_CANCELLED = 3;
{%- if !v.externals.is_empty() %}

// The InternalError of the module this one takes types from, so one class covers both.
export { InternalError };
{%- else %}

/** An unexpected failure in the Rust code (a panic) or in the bindings themselves. */
export class InternalError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'InternalError';
  }
}
{%- endif %}

function uniffiLibraryPath() {
  const fromEnv = process.env.{{ v.env_var }};
  if (fromEnv) {
    return fromEnv;
  }
{%- if let Some(path) = v.lib_path %}
  return fileURLToPath(new URL({{ path }}, import.meta.url));
{%- else %}
  let file = 'lib{{ v.cdylib }}.so';
  if (process.platform === 'darwin') {
    file = 'lib{{ v.cdylib }}.dylib';
  } else if (process.platform === 'win32') {
    file = '{{ v.cdylib }}.dll';
  }
  return fileURLToPath(new URL(`./${file}`, import.meta.url));
{%- endif %}
}

{%- if v.has_async || v.has_foreign %}

// Each Rust thread that wakes a future or calls a JS callback holds one of koffi's `max_async_calls` slots until the
// JS thread has run the continuation, and koffi aborts the process when they run out. Raise
// the limit to koffi's maximum while that is still allowed (before the first library load).
try {
  if (koffi.config().max_async_calls < 4096) {
    koffi.config({ max_async_calls: 4096 });
  }
} catch {
  // Another module loaded a library first: keep its configuration.
}
{%- endif %}

/** Loads the cdylib, naming the path (and where it came from) when that fails. */
function uniffiLoadLibrary() {
  const path = uniffiLibraryPath();
  try {
    return koffi.load(path);
  } catch (e) {
    const origin = process.env.{{ v.env_var }} ? ' (from {{ v.env_var }})' : '';
    throw new Error(`cannot load the Rust library ${path}${origin}: ${e instanceof Error ? e.message : e}`, { cause: e });
  }
}

{%- for t in v.ffi_types %}
{{ t }}
{%- endfor %}

const uniffiLib = uniffiLoadLibrary();
const uniffiFfi = {
{%- for d in v.ffi_decls %}
  {{ d.symbol }}: uniffiLib.func('{{ d.symbol }}', {{ d.ret }}, [{{ d.args }}]),
{%- endfor %}
};

function uniffiCheckApi() {
  const version = uniffiFfi.{{ v.m.contract_version_symbol }}();
  if (version !== {{ v.m.contract_version }}) {
    throw new InternalError(`UniFFI contract version mismatch: bindings expect {{ v.m.contract_version }}, library has ${version}`);
  }
{%- for (symbol, value) in v.m.checksums %}
  if (uniffiFfi.{{ symbol }}() !== {{ value }}) {
    throw new InternalError('UniFFI API checksum mismatch: rebuild the bindings for this library ({{ symbol }})');
  }
{%- endfor %}
}

uniffiCheckApi();

function uniffiNewStatus() {
  return { code: UNIFFI_CALL_SUCCESS, error_buf: uniffiEmptyBuffer() };
}

function uniffiEmptyBuffer() {
  return { capacity: 0, len: 0, data: null };
}

function uniffiAbortError(reason) {
  const error = new Error('The operation was aborted', { cause: reason });
  error.name = 'AbortError';
  return error;
}

/** Throws the error a non-success call status describes (`error` lifts declared errors). */
function uniffiCheckStatus(status, error) {
  switch (status.code) {
    case UNIFFI_CALL_SUCCESS:
      return;
    case UNIFFI_CALL_ERROR:
      if (error !== undefined) {
        throw uniffiLiftSerialized(error, status.error_buf);
      }
      uniffiFreeBuffer(status.error_buf);
      throw new InternalError('Rust returned an error the function does not declare');
    case UNIFFI_CALL_UNEXPECTED_ERROR:
      if (Number(status.error_buf.len) > 0) {
        throw new InternalError(uniffiStringFromBuffer(status.error_buf));
      }
      throw new InternalError('Rust panicked');
    case UNIFFI_CALL_CANCELLED:
      throw uniffiAbortError();
    default:
      throw new InternalError(`unexpected Rust call status ${status.code}`);
  }
}

/**
 * Call statuses live in native memory that koffi passes as a plain pointer: nothing is
 * marshalled on the way in or out, and the result code is one byte read through a view.
 * Rust only writes a status on failure, which is then decoded and reset. The free list gives
 * nested calls (lowering a string, a callback calling back into Rust) and offloaded calls in
 * flight their own status.
 */
const uniffiStatusPool = [];
const UNIFFI_STATUS_SIZE = koffi.sizeof(UniffiRustCallStatus);

function uniffiAcquireStatus() {
  const reused = uniffiStatusPool.pop();
  if (reused !== undefined) {
    return reused;
  }
  const ptr = koffi.alloc(UniffiRustCallStatus, 1);
  const code = new Int8Array(koffi.view(ptr, UNIFFI_STATUS_SIZE), 0, 1);
  code[0] = UNIFFI_CALL_SUCCESS;
  return { ptr, code };
}

function uniffiReleaseStatus(status) {
  uniffiStatusPool.push(status);
}

/** Throws the error in a native call status that is not a success (resetting it for reuse). */
function uniffiCheckNativeStatus(status, error) {
  if (status.code[0] !== UNIFFI_CALL_SUCCESS) {
    const decoded = koffi.decode(status.ptr, UniffiRustCallStatus);
    status.code[0] = UNIFFI_CALL_SUCCESS;
    uniffiCheckStatus(decoded, error);
  }
}

/** Calls `call(status)` with a call status pointer and checks the status. */
function uniffiRustCall(call, error) {
  const status = uniffiAcquireStatus();
  try {
    const result = call(status.ptr);
    uniffiCheckNativeStatus(status, error);
    return result;
  } finally {
    uniffiReleaseStatus(status);
  }
}

function uniffiFreeBuffer(buf) {
  uniffiRustCall((status) => uniffiFfi.{{ v.m.rustbuffer.free }}(buf, status));
}

/** Copies the first `len` of `bytes` into a new Rust-owned buffer. */
function uniffiBufferFromBytes(bytes, len) {
  if (len > 0x7fffffff) {
    throw new RangeError('value too large to pass to Rust (over 2 GiB serialized)');
  }
  return uniffiRustCall((status) => uniffiFfi.{{ v.m.rustbuffer.from_bytes }}({ len, data: bytes }, status));
}

/**
 * `memcpy` of the C library the cdylib links (`dlsym` on the library's handle finds it), to
 * copy Rust-owned bytes into a JS array in one call; `koffi.view` (an external ArrayBuffer
 * per call, several times slower) where the platform does not resolve it that way.
 */
const uniffiMemcpy = (() => {
  try {
    return uniffiLib.func('memcpy', 'void *', ['void *', 'void *', 'size_t']);
  } catch {
    return undefined;
  }
})();

/** Copies `len` bytes at the Rust pointer `ptr` into the start of `into`. */
function uniffiCopyOut(ptr, len, into) {
  if (uniffiMemcpy !== undefined) {
    uniffiMemcpy(into, ptr, len);
  } else {
    into.set(new Uint8Array(koffi.view(ptr, len)));
  }
}

/** Copies a Rust-owned buffer's bytes out and frees it. */
function uniffiTakeBuffer(buf) {
  const len = Number(buf.len);
  const bytes = new Uint8Array(len);
  if (len > 0) {
    uniffiCopyOut(buf.data, len, bytes);
  }
  uniffiFreeBuffer(buf);
  return bytes;
}

const uniffiEncoder = new TextEncoder();
// Strings from Rust are valid UTF-8 by construction: the non-fatal decoder is the fast one.
const uniffiDecoder = new TextDecoder('utf-8');

/**
 * Scratch bytes for strings crossing the FFI (encoded before `from_bytes` copies them, or
 * copied out before decoding): no JS runs while they are in use. Longer strings get their
 * own array, so the scratch never grows past this.
 */
const UNIFFI_SCRATCH_SIZE = 64 * 1024;
const uniffiScratch = new Uint8Array(UNIFFI_SCRATCH_SIZE);

/** Lowers a String: its raw UTF-8 in a new Rust-owned buffer. */
function uniffiLowerString(value) {
  if (value.length * 3 <= UNIFFI_SCRATCH_SIZE) {
    const { written } = uniffiEncoder.encodeInto(value, uniffiScratch);
    return uniffiBufferFromBytes(uniffiScratch, written);
  }
  const bytes = uniffiEncoder.encode(value);
  return uniffiBufferFromBytes(bytes, bytes.length);
}

/** Decodes a Rust-owned buffer holding raw UTF-8 (a lowered String) and frees it. */
function uniffiStringFromBuffer(buf) {
  const len = Number(buf.len);
  if (len === 0) {
    uniffiFreeBuffer(buf);
    return '';
  }
  if (len > UNIFFI_SCRATCH_SIZE) {
    return uniffiDecoder.decode(uniffiTakeBuffer(buf));
  }
  try {
    uniffiCopyOut(buf.data, len, uniffiScratch);
  } finally {
    uniffiFreeBuffer(buf);
  }
  return uniffiDecoder.decode(uniffiScratch.subarray(0, len));
}

/** Big-endian serialization into a growable byte array. */
class UniffiWriter {
  constructor() {
    this.bytes = new Uint8Array(64);
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
  }

  /** Reserves `size` bytes and returns their offset. */
  reserve(size) {
    const at = this.length;
    const end = at + size;
    if (end > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(end, this.bytes.length * 2));
      bigger.set(this.bytes.subarray(0, at));
      this.bytes = bigger;
      this.view = new DataView(bigger.buffer);
    }
    this.length = end;
    return at;
  }

  /** Writes one scalar with the DataView setter `setter` (reserving first: it may grow the buffer). */
  put(setter, size, value) {
    const at = this.reserve(size);
    this.view[setter](at, value);
  }

  writeI32(value) {
    this.put('setInt32', 4, value);
  }

  writeBytes(bytes) {
    const at = this.reserve(bytes.length);
    this.bytes.set(bytes, at);
  }
}

/** Big-endian deserialization of bytes copied out of a RustBuffer. */
class UniffiReader {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
  }

  /** Consumes `size` bytes and returns their offset. */
  advance(size) {
    const at = this.pos;
    if (at + size > this.bytes.length) {
      throw new InternalError('buffer underflow while reading a value from Rust');
    }
    this.pos = at + size;
    return at;
  }

  readI32() {
    return this.view.getInt32(this.advance(4));
  }

  readBytes(size) {
    const at = this.advance(size);
    return this.bytes.subarray(at, at + size);
  }

  finish() {
    if (this.pos !== this.bytes.length) {
      throw new InternalError('junk data left in buffer after reading a value from Rust');
    }
  }
}

/** Writes a length-prefixed String, encoding straight into the writer's bytes. */
function uniffiWriteString(value, writer) {
  const at = writer.reserve(4 + value.length * 3);
  const { written } = uniffiEncoder.encodeInto(value, writer.bytes.subarray(at + 4));
  writer.view.setInt32(at, written);
  writer.length = at + 4 + written;
}

function uniffiReadString(reader) {
  return uniffiDecoder.decode(reader.readBytes(reader.readI32()));
}

/** Adds `lower` / `lift` to a converter of a type that crosses the FFI serialized in a RustBuffer. */
function uniffiSerialized(converter) {
  converter.lower = (value) => uniffiLowerSerialized(converter, value);
  converter.lift = (buf) => uniffiLiftSerialized(converter, buf);
  return converter;
}

/** Lowers a serialized type: writes it and copies the bytes into a RustBuffer. */
function uniffiLowerSerialized(converter, value) {
  const writer = new UniffiWriter();
  converter.write(value, writer);
  return uniffiBufferFromBytes(writer.bytes, writer.length);
}

/** Lifts a serialized type: reads it from the RustBuffer's bytes and frees the buffer. */
function uniffiLiftSerialized(converter, buf) {
  const reader = new UniffiReader(uniffiTakeBuffer(buf));
  const value = converter.read(reader);
  reader.finish();
  return value;
}

function uniffiDescribe(value) {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'bigint') {
    return `${value}n`;
  }
  if (typeof value === 'object' || typeof value === 'function') {
    return value.constructor?.name ?? typeof value;
  }
  return String(value);
}
