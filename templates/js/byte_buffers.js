{#- RustBuffers, strings and big-endian serialization (included by runtime.js): copying bytes
    across the FFI, the UniffiWriter / UniffiReader pair, and the converters' lower/lift for
    serialized types. -#}
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

