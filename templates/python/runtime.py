{#- The FFI runtime: library loading, RustBuffer, call status, checked calls. #}
# ---- FFI runtime -----------------------------------------------------------------


class _UniffiRustBuffer(_uniffi_ctypes.Structure):
    _fields_ = [
        ("capacity", _uniffi_ctypes.c_uint64),
        ("len", _uniffi_ctypes.c_uint64),
        ("data", _uniffi_ctypes.POINTER(_uniffi_ctypes.c_char)),
    ]


class _UniffiForeignBytes(_uniffi_ctypes.Structure):
    # `c_char_p` takes a `bytes` object as is (no cast): Rust only reads `len` bytes of it.
    _fields_ = [
        ("len", _uniffi_ctypes.c_int32),
        ("data", _uniffi_ctypes.c_char_p),
    ]


class _UniffiRustCallStatus(_uniffi_ctypes.Structure):
    _fields_ = [
        ("code", _uniffi_ctypes.c_int8),
        ("error_buf", _UniffiRustBuffer),
    ]


_UNIFFI_CALL_SUCCESS = 0
_UNIFFI_CALL_ERROR = 1
_UNIFFI_CALL_UNEXPECTED_ERROR = 2
_UNIFFI_CALL_CANCELLED = 3


class InternalError(_uniffi_Exception):
    """An unexpected failure in the Rust code (a panic) or in the bindings themselves."""


def _uniffi_load_library() -> _uniffi_ctypes.CDLL:
    if _uniffi_sys.platform == "darwin":
        name = "lib{{ cdylib }}.dylib"
    elif _uniffi_sys.platform.startswith("win"):
        name = "{{ cdylib }}.dll"
    else:
        name = "lib{{ cdylib }}.so"
    path = _uniffi_os.path.join(_uniffi_os.path.dirname(_uniffi_os.path.abspath(__file__)), name)
    return _uniffi_ctypes.CDLL(path if _uniffi_os.path.exists(path) else name)


class _UniffiHandle(_uniffi_ctypes.c_uint64):
    """A Rust future's handle as the call that starts it returns it: ctypes hands back this
    object (not an `int`), so poll/complete/free take it without any conversion."""


_UniffiKept = _uniffi_typing.TypeVar("_UniffiKept")


def _uniffi_immortal(obj: _UniffiKept) -> _UniffiKept:
    """Keeps `obj` (a ctypes callback or a vtable Rust holds a pointer to) alive until the
    process exits: Rust threads may call it, or a late `free` may fire it, while the interpreter
    tears this module down, and a freed ctypes thunk is a segfault."""
    _uniffi_ctypes.pythonapi.Py_IncRef(_uniffi_ctypes.py_object(obj))
    return obj


_UniffiContinuationType = _uniffi_ctypes.CFUNCTYPE(None, _uniffi_ctypes.c_uint64, _uniffi_ctypes.c_int8)
_UNIFFI_CONTINUATION_TYPE = _UniffiContinuationType
{%- for d in ffi_defs %}
{%- if d.is_struct %}


class {{ d.name }}(_uniffi_ctypes.Structure):
    _fields_ = [
{%- for (name, ty) in d.fields %}
        ("{{ name }}", {{ ty }}),
{%- endfor %}
    ]
{%- else if d.spaced %}


{{ d.name }} = _uniffi_ctypes.CFUNCTYPE({{ d.cfunctype_args }})
{%- else %}
{%- if loop.first %}
{% endif %}
{{ d.name }} = _uniffi_ctypes.CFUNCTYPE({{ d.cfunctype_args }})
{%- endif %}
{%- endfor %}
{%- if !ffi_defs.is_empty() %}
{% endif %}

_uniffi_lib = _uniffi_load_library()
_uniffi_lib.{{ m.contract_version_symbol }}.argtypes = []
_uniffi_lib.{{ m.contract_version_symbol }}.restype = _uniffi_ctypes.c_uint32
# Functions bound to a module-level name are called without `argtypes`: their arguments
# (structs by value, `byref`s, ctypes objects, ints of at most 32 bits) need no conversion,
# and ctypes' per-argument conversions would cost more than the call.
_uniffi_rustbuffer_from_bytes = _uniffi_lib.{{ m.rustbuffer.from_bytes }}
_uniffi_rustbuffer_from_bytes.restype = _UniffiRustBuffer
_uniffi_rustbuffer_free = _uniffi_lib.{{ m.rustbuffer.free }}
_uniffi_rustbuffer_free.restype = None
{%- for (symbol, _) in m.checksums %}
_uniffi_lib.{{ symbol }}.argtypes = []
_uniffi_lib.{{ symbol }}.restype = _uniffi_ctypes.c_uint16
{%- endfor %}
{%- for d in ffi_decls %}
{%- if d.bound %}
{{ d.name }} = _uniffi_lib.{{ d.symbol }}
{{ d.name }}.restype = {{ d.restype }}
{%- else %}
_uniffi_lib.{{ d.symbol }}.argtypes = [{{ d.argtypes }}]
_uniffi_lib.{{ d.symbol }}.restype = {{ d.restype }}
{%- endif %}
{%- endfor %}


def _uniffi_check_api() -> None:
    version = _uniffi_lib.{{ m.contract_version_symbol }}()
    if version != {{ m.contract_version }}:
        raise InternalError(f"UniFFI contract version mismatch: bindings expect {{ m.contract_version }}, library has {version}")
{%- for (symbol, value) in m.checksums %}
    if _uniffi_lib.{{ symbol }}() != {{ value }}:
        raise InternalError("UniFFI API checksum mismatch: rebuild the bindings for this library ({{ symbol }})")
{%- endfor %}


_uniffi_check_api()


{% include "byte_buffers.py" %}


def _uniffi_check_status(status: _UniffiRustCallStatus, error: _uniffi_typing.Any) -> None:
    code = status.code
    if code == _UNIFFI_CALL_SUCCESS:
        return
    if code == _UNIFFI_CALL_ERROR and error is not None:
        raise error.lift(status.error_buf)
    if code == _UNIFFI_CALL_CANCELLED:
        raise _uniffi_asyncio.CancelledError()
    if code == _UNIFFI_CALL_UNEXPECTED_ERROR and status.error_buf.len > 0:
        raise InternalError(_uniffi_buffer_take(status.error_buf).decode("utf-8", "replace"))
    raise InternalError(f"unexpected Rust call status {code}")


def _uniffi_new_status() -> _uniffi_tuple[_UniffiRustCallStatus, _uniffi_typing.Any]:
    status = _UniffiRustCallStatus()
    return status, _uniffi_ctypes.byref(status)


class _UniffiThreadState(_uniffi_threading.local):
    """Each thread reuses one call status (and its `byref`) for every call: Rust writes it
    only on failure, and a failure is copied out and the code reset to 0 before anything else
    runs. (`threading.local` runs `__init__` once per thread, on first use.)"""

    def __init__(self) -> None:
        self.status = _uniffi_new_status()
        # The waker of the event loop this thread runs (async.py).
        self.waker: _uniffi_typing.Any = None
        # This thread's native continuation queue, and whether it cannot have one (continuation_queue.py).
        self.queue: _uniffi_typing.Any = None
        self.no_queue = False
        # Whether this thread needs no `_uniffi_pin_thread` call any more (thread_states.py).
        self.pinned = False
        # The loop this thread runs an `offload`ed call for (async.py): the Python objects the
        # call hands to Rust belong to it (handles.py).
        self.lending_loop: _uniffi_asyncio.AbstractEventLoop | None = None


_uniffi_tls = _UniffiThreadState()


def _uniffi_failed(status: _UniffiRustCallStatus, error: _uniffi_typing.Any) -> None:
    """After a call that left a failure in the reused `status`: copies it out, resets the
    status and raises what it says."""
    failed = _UniffiRustCallStatus.from_buffer_copy(status)
    status.code = _UNIFFI_CALL_SUCCESS
    _uniffi_check_status(failed, error)


def _uniffi_check_int(value: _uniffi_object, low: _uniffi_int, high: _uniffi_int, canonical: _uniffi_str) -> _uniffi_int:
    """An integer argument that is not an `int` in range: converted with `__index__` (as
    `operator.index` does), else rejected with `TypeError`; out of range: `ValueError`."""
    if not _uniffi_isinstance(value, _uniffi_int):
        index = _uniffi_getattr(_uniffi_type(value), "__index__", None)
        if index is None:
            raise _uniffi_TypeError(f"'{_uniffi_type(value).__name__}' object cannot be interpreted as an integer")
        value = index(value)
        if not _uniffi_isinstance(value, _uniffi_int):
            raise _uniffi_TypeError(f"__index__ returned non-int (type {_uniffi_type(value).__name__})")
    if not low <= value <= high:
        raise _uniffi_ValueError(f"{value} is out of range for {canonical}")
    return value


def _uniffi_no_variant(value: _uniffi_object) -> _uniffi_typing.NoReturn:
    """A value passed as an enum that is none of its variants: upstream raises `ValueError`."""
    raise _uniffi_ValueError(value)


def _uniffi_call(error: _uniffi_typing.Any, fn: _uniffi_typing.Any, *args: _uniffi_typing.Any) -> _uniffi_typing.Any:
    """Calls `fn(*args, &status)` and raises what a failed status says (`error` lifts the
    declared error). Generated sync functions inline this (see function.py)."""
    status, ref = _uniffi_tls.status
    if status.code:
        # A finalizer (or signal handler) calling Rust between an outer call's return and its
        # status check: leave the outer failure alone.
        status, ref = _uniffi_new_status()
    result = fn(*args, ref)
    if status.code:
        _uniffi_failed(status, error)
    return result


class _UniffiBufferConverter:
    """Base for types that cross the FFI serialized in a RustBuffer."""

    @_uniffi_classmethod
    def lower(cls, value: _uniffi_typing.Any) -> _UniffiRustBuffer:
        out = _uniffi_bytearray()
        cls.write(value, out)
        return _uniffi_buffer_from_bytes(_uniffi_bytes(out))

    @_uniffi_classmethod
    def lift(cls, buf: _UniffiRustBuffer) -> _uniffi_typing.Any:
        reader = _UniffiReader(_uniffi_buffer_take(buf))
        value = cls.read(reader)
        if reader.pos != _uniffi_len(reader.data):
            raise InternalError("junk data left in buffer after reading a value from Rust")
        return value

    @_uniffi_staticmethod
    def write(value: _uniffi_typing.Any, out: _uniffi_bytearray) -> None:
        raise _uniffi_NotImplementedError

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_typing.Any:
        raise _uniffi_NotImplementedError


def _uniffi_write_string(value: _uniffi_str, out: _uniffi_bytearray) -> None:
    data = value.encode("utf-8")
    out += _UNIFFI_I32.pack(_uniffi_len(data))
    out += data


def _uniffi_read_string(buf: _UniffiReader) -> _uniffi_str:
    return buf.take(buf.unpack(_UNIFFI_I32)).decode("utf-8")


class _UniffiDefaultType:
    """Type of `_UNIFFI_DEFAULT`: marks a parameter left at a default that must be created
    fresh for each call (an empty list or dict), so instances never share one."""

    __slots__ = ()

    def __repr__(self) -> _uniffi_str:
        return "<default>"


_UNIFFI_DEFAULT = _UniffiDefaultType()
