{#- Handles both ways: `_UniffiObject`, the base of classes wrapping Rust objects (one reference
    each, freed by `close()` or the garbage collector, one Python instance per Rust object), and
    the map of Python objects lent to Rust (callback interfaces, foreign traits), with the sync
    call path of their vtables. #}
# ---- handles: Rust objects held by Python, Python objects lent to Rust -------------------

_UNIFFI_U64 = _uniffi_struct.Struct(">Q")
{%- if has_objects %}


def _uniffi_free_handle(free: _uniffi_typing.Any, handle: _uniffi_int) -> None:
    _uniffi_call(None, free, handle)


# One Python instance per live Rust object: Rust returning a handle Python already wraps gives
# back that instance (the extra reference is released at once).
_uniffi_instances: _uniffi_weakref.WeakValueDictionary[_uniffi_tuple[_uniffi_type, _uniffi_int], _UniffiObject] = _uniffi_weakref.WeakValueDictionary()
_uniffi_instances_lock = _uniffi_threading.RLock()


class _UniffiObject:
    """Owns one reference to a Rust object. Leaving a `with` block (or `close()`, see
    `_UniffiClosable`) releases it now; otherwise the garbage collector does. Do not release it
    while another thread still calls methods of the object."""

    _uniffi_free: _uniffi_typing.ClassVar[_uniffi_typing.Any]
    _uniffi_clone: _uniffi_typing.ClassVar[_uniffi_typing.Any]
    _uniffi_handle: _uniffi_int
    _uniffi_finalizer: _uniffi_weakref.finalize[[_uniffi_typing.Any, _uniffi_int], _UniffiObject]

    def _uniffi_attach(self, handle: _uniffi_int) -> None:
        self._uniffi_handle = handle
        self._uniffi_finalizer = _uniffi_weakref.finalize(self, _uniffi_free_handle, _uniffi_type(self)._uniffi_free, handle)
        with _uniffi_instances_lock:
            _uniffi_instances[(_uniffi_type(self), handle)] = self

    @_uniffi_classmethod
    def _uniffi_lift(cls, handle: _uniffi_int) -> _uniffi_typing.Self:
        with _uniffi_instances_lock:
            existing = _uniffi_instances.get((cls, handle))
            if existing is None or not existing._uniffi_finalizer.alive:
                obj = cls.__new__(cls)
                obj._uniffi_attach(handle)
                return obj
        _uniffi_free_handle(cls._uniffi_free, handle)
        return _uniffi_typing.cast("_uniffi_typing.Self", existing)

    def _uniffi_clone_handle(self) -> _uniffi_int:
        """A new reference for Rust to consume (methods take their receiver by value)."""
        if not self._uniffi_finalizer.alive:
            raise _uniffi_ValueError(f"{_uniffi_type(self).__name__} object is closed")
        return _uniffi_typing.cast(_uniffi_int, _uniffi_call(None, _uniffi_type(self)._uniffi_clone, self._uniffi_handle))

    def __enter__(self) -> {{ mods.typing }}.Self:
        return self

    def __exit__(self, *exc_info: _uniffi_object) -> None:
        self._uniffi_finalizer()  # not `close()`: a Rust method may be called that


class _UniffiClosable(_UniffiObject):
    """The base of objects that have no method called `close` of their own (upstream has no
    `close()`: an object's own method keeps the name)."""

    def close(self) -> None:
        """Releases the Rust object now (idempotent); later method calls raise `ValueError`."""
        self._uniffi_finalizer()
{%- endif %}
{%- if has_foreign %}


class _UniffiHandleMap:
    """Python objects Rust holds, by handle. Handles are odd, which tells Rust-made handles
    (aligned pointers, even) apart from ours."""

    def __init__(self) -> None:
        self._lock = _uniffi_threading.Lock()
        self._values: _uniffi_dict[_uniffi_int, _uniffi_typing.Any] = {}
        self._next = 1

    def insert(self, value: _uniffi_typing.Any) -> _uniffi_int:
        with self._lock:
            handle = self._next
            self._next += 2
            self._values[handle] = value
            return handle

    def get(self, handle: _uniffi_int) -> _uniffi_typing.Any:
        try:
            return self._values[handle]
        except _uniffi_KeyError:
            raise InternalError(f"unknown handle {handle}") from None

    def remove(self, handle: _uniffi_int) -> _uniffi_typing.Any:
        with self._lock:
            return self._values.pop(handle, None)

    def __len__(self) -> _uniffi_int:
        return _uniffi_len(self._values)


# (object, the event loop running where it was lent, or None) by handle.
_uniffi_lent = _UniffiHandleMap()


def _uniffi_running_loop() -> _uniffi_asyncio.AbstractEventLoop | None:
    try:
        return _uniffi_asyncio.get_running_loop()
    except _uniffi_RuntimeError:
        return None


def _uniffi_lend(value: _uniffi_object) -> _uniffi_int:
    """Hands a Python implementation to Rust: a new handle owning one reference, with the loop
    its `dispatch = "main"` and `async` methods run on (the running one, or the one an
    `offload`ed call runs for)."""
{%- if sources.is_empty() %}
    return _uniffi_lent.insert((value, _uniffi_running_loop() or _uniffi_tls.lending_loop))
{%- else %}
    handle = _uniffi_lent.insert((value, _uniffi_running_loop() or _uniffi_tls.lending_loop))
    if _uniffi_isinstance(value, _UniffiStreamSource):
        value._uniffi_count(1)
    return handle
{%- endif %}


def _uniffi_take_lent(handle: _uniffi_int) -> _uniffi_object:
    """Takes back the reference a handle Rust hands us owns."""
    entry = _uniffi_lent.remove(handle)
    if entry is None:
        raise InternalError(f"unknown handle {handle}")
{%- if !sources.is_empty() %}
    if _uniffi_isinstance(entry[0], _UniffiStreamSource):
        entry[0]._uniffi_count(-1)  # back in Python's hands: not closed
{%- endif %}
    return entry[0]


def _uniffi_foreign_free(handle: _uniffi_int) -> None:
    if _uniffi_pinning and not _uniffi_tls.pinned:
        _uniffi_pin_thread()
{%- if sources.is_empty() %}
    _uniffi_lent.remove(handle)
{%- else %}
    entry = _uniffi_lent.remove(handle)
    if entry is not None and _uniffi_isinstance(entry[0], _UniffiStreamSource):
        # Rust dropped a native stream's adapter: its last handle closes the iteration.
        entry[0]._uniffi_freed(entry[1])
{%- endif %}


def _uniffi_foreign_clone(handle: _uniffi_int) -> _uniffi_int:
    if _uniffi_pinning and not _uniffi_tls.pinned:
        _uniffi_pin_thread()
{%- if sources.is_empty() %}
    return _uniffi_lent.insert(_uniffi_lent.get(handle))
{%- else %}
    entry = _uniffi_lent.get(handle)
    if _uniffi_isinstance(entry[0], _UniffiStreamSource):
        entry[0]._uniffi_count(1)
    return _uniffi_lent.insert(entry)
{%- endif %}


_UNIFFI_FOREIGN_FREE = _uniffi_immortal(_UniffiCallbackInterfaceFree(_uniffi_foreign_free))
_UNIFFI_FOREIGN_CLONE = _uniffi_immortal(_UniffiCallbackInterfaceClone(_uniffi_foreign_clone))


def _uniffi_error_status(status: _UniffiRustCallStatus, exc: _uniffi_BaseException, error: _uniffi_typing.Any) -> None:
    """Reports `exc` to Rust: the declared error when it is one, otherwise an unexpected
    error carrying `repr(exc)`."""
    if error is not None and _uniffi_isinstance(exc, error[0]):
        status.code = _UNIFFI_CALL_ERROR
        status.error_buf = error[1].lower(exc)
    else:
        status.code = _UNIFFI_CALL_UNEXPECTED_ERROR
        status.error_buf = _uniffi_buffer_from_bytes(_uniffi_repr(exc).encode("utf-8"))


def _uniffi_foreign_sync(
    handle: _uniffi_int,
    method: _uniffi_str,
    lift_args: _uniffi_typing.Callable[[], _uniffi_tuple[_uniffi_typing.Any, ...]],
    out_return: _uniffi_typing.Any,
    status_ptr: _uniffi_typing.Any,
    lower_return: _uniffi_typing.Callable[[_uniffi_typing.Any], _uniffi_typing.Any] | None,
    error: _uniffi_typing.Any,
    *,
    main: _uniffi_bool,
) -> None:
    """A sync vtable method: calls `method` of the lent object (on its loop for `main`).
    Rust's status starts out as success, so it is only touched on failure."""
    if _uniffi_pinning and not _uniffi_tls.pinned:
        _uniffi_pin_thread()
    try:
        obj, loop = _uniffi_lent.get(handle)
        if main:
            label = f"{_uniffi_type(obj).__name__}.{method}"
            result = _uniffi_on_loop(loop, label, _uniffi_functools.partial(_uniffi_getattr(obj, method), *lift_args()))
        else:
            result = _uniffi_getattr(obj, method)(*lift_args())
        if lower_return is not None:
            out_return[0] = lower_return(result)
    except _uniffi_BaseException as exc:  # noqa: BLE001 -- every failure is reported to Rust
        _uniffi_error_status(status_ptr[0], exc, error)


def uniffi_live_handles() -> _uniffi_int:
    """Debug count of Python objects and futures Rust holds (0 when Rust dropped them all)."""
    return _uniffi_len(_uniffi_lent){% if has_foreign_async %} + _uniffi_len(_uniffi_foreign_futures){% endif %}
{%- endif %}
