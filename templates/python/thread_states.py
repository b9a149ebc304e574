{#- Thread states of Rust threads: every ctypes callback Rust makes into Python (vtable methods,
    continuations, foreign-future callbacks) checks `_uniffi_pinning` and calls
    `_uniffi_pin_thread` on a thread's first calls. #}
# ---- Python thread states of Rust threads ---------------------------------------------
#
# ctypes runs a callback on a thread Python did not start (a Rust thread) by creating a
# Python thread state for it (`PyGILState_Ensure`) and deleting it again on return, which
# costs more than the rest of a short call. So the second call a Rust thread makes pins its
# thread state: one extra `PyGILState_Ensure` keeps the state alive across calls. The pin is
# dropped when the thread exits, from the destructor of a pthread key set on the thread:
# - if CPython still knows the thread's state then, ctypes enters the destructor with it,
#   the destructor releases the extra count and ctypes' own release deletes the state;
# - glibc clears CPython's own key first (it runs destructors in key order), so ctypes
#   enters the destructor with a new state: the destructor deletes the pinned one and puts
#   CPython's key back to the new state, which ctypes' release then deletes.
# An `atexit` hook deletes the key, so no destructor runs once the interpreter shuts down
# (threads still alive then keep their state until the process ends). Python's own threads
# are never pinned. Pinning needs CPython with a GIL on glibc; elsewhere every call of a
# Rust thread gets a fresh thread state, as in plain ctypes.

_UNIFFI_PYGILSTATE_LOCKED = 0
# Native ids of threads that called in once (a thread calling once is not worth pinning).
_uniffi_called_once: _uniffi_set[_uniffi_int] = _uniffi_set()
# Threads pinned and not yet exited (a debug count).
_uniffi_pinned = 0


class _UniffiPins:
    """The C functions pinning needs, and the pthread key marking pinned threads."""

    def __init__(self) -> None:
        libc = _uniffi_ctypes.CDLL(None)
        api = _uniffi_ctypes.pythonapi
        self.setspecific = libc.pthread_setspecific
        self.setspecific.argtypes, self.setspecific.restype = [_uniffi_ctypes.c_uint, _uniffi_ctypes.c_void_p], _uniffi_ctypes.c_int
        self.getspecific = libc.pthread_getspecific
        self.getspecific.argtypes, self.getspecific.restype = [_uniffi_ctypes.c_uint], _uniffi_ctypes.c_void_p
        self.key_delete = libc.pthread_key_delete
        self.key_delete.argtypes, self.key_delete.restype = [_uniffi_ctypes.c_uint], _uniffi_ctypes.c_int
        key_create = libc.pthread_key_create
        key_create.argtypes, key_create.restype = [_uniffi_ctypes.POINTER(_uniffi_ctypes.c_uint), _uniffi_ctypes.c_void_p], _uniffi_ctypes.c_int
        self.ensure = api.PyGILState_Ensure
        self.ensure.argtypes, self.ensure.restype = [], _uniffi_ctypes.c_int
        self.release = api.PyGILState_Release
        self.release.argtypes, self.release.restype = [_uniffi_ctypes.c_int], None
        self.current = api.PyThreadState_Get
        self.current.argtypes, self.current.restype = [], _uniffi_ctypes.c_void_p
        self.state_id = api.PyThreadState_GetID
        self.state_id.argtypes, self.state_id.restype = [_uniffi_ctypes.c_void_p], _uniffi_ctypes.c_uint64
        self.interp = api.PyInterpreterState_Get
        self.interp.argtypes, self.interp.restype = [], _uniffi_ctypes.c_void_p
        self.head = api.PyInterpreterState_ThreadHead
        self.head.argtypes, self.head.restype = [_uniffi_ctypes.c_void_p], _uniffi_ctypes.c_void_p
        self.next = api.PyThreadState_Next
        self.next.argtypes, self.next.restype = [_uniffi_ctypes.c_void_p], _uniffi_ctypes.c_void_p
        self.clear = api.PyThreadState_Clear
        self.clear.argtypes, self.clear.restype = [_uniffi_ctypes.c_void_p], None
        self.delete = api.PyThreadState_Delete
        self.delete.argtypes, self.delete.restype = [_uniffi_ctypes.c_void_p], None
        # CPython's pthread key holding each thread's state (found at the first pin).
        self.state_key: _uniffi_int | None = None
        self.exit_callback = _uniffi_immortal(_UniffiThreadExitType(_uniffi_thread_exit))
        key = _uniffi_ctypes.c_uint()
        if key_create(_uniffi_ctypes.byref(key), _uniffi_ctypes.cast(self.exit_callback, _uniffi_ctypes.c_void_p)) != 0:
            raise _uniffi_OSError("pthread_key_create failed")
        self.key = key.value

    def states(self) -> _uniffi_list[_uniffi_int]:
        """The interpreter's thread states (called with the GIL held)."""
        found = []
        state = self.head(self.interp())
        while state:
            found.append(state)
            state = self.next(state)
        return found

    def find_state_key(self, state: _uniffi_int) -> _uniffi_int | None:
        """The one pthread key (glibc has 1024) whose value on this thread is `state`."""
        keys = [k for k in _uniffi_range(1024) if self.getspecific(k) == state]
        return keys[0] if _uniffi_len(keys) == 1 else None


_UniffiThreadExitType = _uniffi_ctypes.CFUNCTYPE(None, _uniffi_ctypes.c_void_p)


def _uniffi_thread_exit(value: _uniffi_int | None) -> None:
    """The pthread key's destructor, on a pinned thread that exits: `value` is the id of the
    pinned thread state."""
    global _uniffi_pinned
    pins = _uniffi_pins
    if pins is None or value is None:
        return
    current = pins.current()
    for state in pins.states():
        if pins.state_id(state) == value:
            break
    else:
        return  # its owner deleted it (a thread Python started without `threading`)
    if state == current:
        pins.release(_UNIFFI_PYGILSTATE_LOCKED)
    elif pins.state_key is not None and pins.getspecific(pins.state_key) == current:
        pins.clear(state)
        pins.delete(state)
        # Deleting the pinned state clears CPython's key (3.12+): ctypes' release needs it.
        pins.setspecific(pins.state_key, current)
    else:
        return
    _uniffi_pinned -= 1


def _uniffi_pin_thread() -> None:
    """Called by ctypes callbacks (GIL held) while `_uniffi_tls.pinned` is false: pins the
    thread state of a Rust thread's second call, and marks every other thread as settled."""
    global _uniffi_pinned
    pins = _uniffi_pins
    tls = _uniffi_tls
    thread = _uniffi_getattr(_uniffi_threading, "_active", {}).get(_uniffi_threading.get_ident())
    if pins is None or (thread is not None and not _uniffi_isinstance(thread, _uniffi_threading._DummyThread)):
        tls.pinned = True  # a thread Python started (or the main thread) keeps its state
        return
    native = _uniffi_threading.get_native_id()
    if native not in _uniffi_called_once:
        if _uniffi_len(_uniffi_called_once) >= 4096:
            _uniffi_called_once.clear()
        _uniffi_called_once.add(native)
        return
    _uniffi_called_once.discard(native)
    state = pins.current()
    if pins.state_key is None:
        pins.state_key = pins.find_state_key(state)
        if pins.state_key is None:
            _uniffi_stop_pinning()
            return
    if pins.setspecific(pins.key, pins.state_id(state)) == 0:
        pins.ensure()
        _uniffi_pinned += 1
        tls.pinned = True


def _uniffi_stop_pinning() -> None:
    global _uniffi_pinning
    if _uniffi_pinning and _uniffi_pins is not None:
        _uniffi_pinning = False
        # No destructor runs after this (threads still pinned keep their state).
        _uniffi_pins.key_delete(_uniffi_pins.key)


def _uniffi_make_pins() -> _UniffiPins | None:
    if _uniffi_sys.implementation.name != "cpython" or not _uniffi_sys.platform.startswith("linux"):
        return None
    try:
        if not _uniffi_os.confstr("CS_GNU_LIBC_VERSION") or not _uniffi_getattr(_uniffi_sys, "_is_gil_enabled", lambda: True)():
            return None
        return _UniffiPins()
    except (_uniffi_AttributeError, _uniffi_OSError, _uniffi_ValueError):
        return None


_uniffi_pins = _uniffi_make_pins()
_uniffi_pinning = _uniffi_pins is not None
if _uniffi_pins is not None:
    _uniffi_atexit.register(_uniffi_stop_pinning)


def _uniffi_live_pins() -> _uniffi_int:
    """Debug count of pinned Rust threads that have not exited yet."""
    return _uniffi_pinned
