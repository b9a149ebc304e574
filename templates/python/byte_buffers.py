{#- Byte buffers: copies of RustBuffers into and out of Python `bytes`, and the big-endian
    reader of serialized values (included by runtime.py). -#}
def _uniffi_buffer_from_bytes(data: _uniffi_bytes) -> _UniffiRustBuffer:
    status, ref = _uniffi_tls.status
    if status.code:
        status, ref = _uniffi_new_status()
    buf: _UniffiRustBuffer = _uniffi_rustbuffer_from_bytes(_UniffiForeignBytes(_uniffi_len(data), data), ref)
    if status.code:
        _uniffi_failed(status, None)
    return buf


def _uniffi_buffer_take(buf: _UniffiRustBuffer) -> _uniffi_bytes:
    """Copies a Rust-owned buffer's bytes out and frees it."""
    # Slicing a `POINTER(c_char)` copies the bytes in one go (`string_at` is a slower FFI call).
    data: _uniffi_bytes = buf.data[:buf.len] if buf.len else b""
    status, ref = _uniffi_tls.status
    if status.code:
        status, ref = _uniffi_new_status()
    _uniffi_rustbuffer_free(buf, ref)
    if status.code:
        _uniffi_failed(status, None)
    return data


class _UniffiReader:
    __slots__ = ("data", "pos")

    def __init__(self, data: _uniffi_bytes) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: _uniffi_struct.Struct) -> _uniffi_typing.Any:
        value = fmt.unpack_from(self.data, self.pos)[0]
        self.pos += fmt.size
        return value

    def unpack_all(self, fmt: _uniffi_struct.Struct) -> _uniffi_tuple[_uniffi_typing.Any, ...]:
        values = fmt.unpack_from(self.data, self.pos)
        self.pos += fmt.size
        return values

    def take(self, size: _uniffi_int) -> _uniffi_bytes:
        end = self.pos + size
        if end > _uniffi_len(self.data):
            raise InternalError("buffer underflow while reading a value from Rust")
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk


_UNIFFI_I32 = _uniffi_struct.Struct(">i")
