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

{%- if v.has_foreign %}

/**
 * The runtime crate's gate (`callback_gate.js`, opened by the JS thread that owns the vtables), and the
 * sync calls into Rust this thread is in: the outermost one writes its serial where the gate's
 * shims read it, so a callback from a Rust thread knows the JS thread is blocked.
 */
let uniffiGate;
let uniffiGateDepth = 0;
let uniffiGateSerial = 0;

function uniffiGateEnter() {
  if (uniffiGateDepth++ === 0) {
    uniffiGateSerial = (uniffiGateSerial % 0xfffffffe) + 1;
    uniffiGate.words[0] = uniffiGateSerial;
  }
}

function uniffiGateLeave() {
  if (--uniffiGateDepth === 0) {
    uniffiGate.words[0] = 0;
    if (uniffiGate.words[1] !== 0) {
      uniffiGateRunDeferred();
    }
  }
}
{%- endif %}

/** Calls `call(status)` with a call status pointer and checks the status. */
function uniffiRustCall(call, error) {
  const status = uniffiAcquireStatus();
{%- if v.has_foreign %}
  const gated = uniffiGate !== undefined;
  if (gated) {
    uniffiGateEnter();
  }
{%- endif %}
  try {
    const result = call(status.ptr);
    uniffiCheckNativeStatus(status, error);
    return result;
  } finally {
    uniffiReleaseStatus(status);
{%- if v.has_foreign %}
    if (gated) {
      uniffiGateLeave();
    }
{%- endif %}
  }
}

{% include "byte_buffers.js" %}
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
