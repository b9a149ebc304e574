{#- All async machinery for Python: the RustFuture driver and its continuation. #}
# ---- async: driving Rust futures from asyncio ---------------------------------------

_UNIFFI_POLL_READY = 0

# A ctypes callback on a thread Python did not start (a Rust thread) creates a Python thread
# state and destroys it again on return, which costs more than the rest of a wake-up. So the
# second continuation a Rust thread fires pins a thread state to it (an unmatched
# `PyGILState_Ensure`; the callback's own release still releases the GIL): a long-lived
# thread waking many futures (a runtime's worker) pays it once, while a thread that wakes one
# future and exits never pins one. A pinned state outlives its thread, so at most
# `_UNIFFI_MAX_PINNED` threads are pinned. (Threads are told apart by their native id, which
# the OS does not reuse right away.)
_UNIFFI_MAX_PINNED = 64
_uniffi_pinned_threads: set[int] = set()
_uniffi_waking_threads: set[int] = set()
_uniffi_gil_ensure: typing.Any = None
if sys.implementation.name == "cpython":
    _uniffi_gil_ensure = ctypes.pythonapi.PyGILState_Ensure
    _uniffi_gil_ensure.argtypes = []
    _uniffi_gil_ensure.restype = ctypes.c_int


def _uniffi_pin_thread_state() -> None:
    """Called from a continuation off the loop thread, with the GIL held."""
    thread = threading.get_native_id()
    if thread in _uniffi_pinned_threads or _uniffi_gil_ensure is None or len(_uniffi_pinned_threads) >= _UNIFFI_MAX_PINNED:
        return
    if thread not in _uniffi_waking_threads:
        if len(_uniffi_waking_threads) >= 4 * _UNIFFI_MAX_PINNED:
            _uniffi_waking_threads.clear()
        _uniffi_waking_threads.add(thread)
        return
    _uniffi_waking_threads.discard(thread)
    _uniffi_pinned_threads.add(thread)
    if isinstance(threading.current_thread(), threading._DummyThread):
        _uniffi_gil_ensure()


class _UniffiLoopWaker:
    """Delivers poll codes to the futures one event loop is driving. Each thread keeps the
    waker of the loop it runs (`_uniffi_tls.waker`); a pending poll is registered as
    `_uniffi_polls[handle] = waker` until its continuation fires.

    A continuation firing on the loop's own thread (inside `poll`, or during a Rust call made
    there) is handled at once, without a hop; one from another thread hops to the loop with
    `call_soon_threadsafe`."""

    __slots__ = ("fired", "loop", "thread", "waiters")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.thread = threading.get_ident()
        # Codes that fired on the loop thread before the driver awaited (mostly inside `poll`).
        self.fired: dict[int, int] = {}
        # Drivers suspended until their continuation fires.
        self.waiters: dict[int, asyncio.Future[int]] = {}

    def wake(self, key: int, code: int) -> None:
        """Runs on whatever thread Rust fires the continuation from."""
        thread = threading.get_ident()
        if thread == self.thread:
            waiter = self.waiters.pop(key, None)
            if waiter is None:
                self.fired[key] = code
            elif not waiter.done():
                waiter.set_result(code)
            return
        _uniffi_pin_thread_state()
        # (Queueing wake-ups and draining them in one callback per burst measured no faster
        # than one `call_soon_threadsafe` each: the GIL hand-off per wake-up dominates.)
        try:
            self.loop.call_soon_threadsafe(self.deliver, key, code)
        except RuntimeError:
            pass  # the loop is closed; nobody is waiting any more

    def deliver(self, key: int, code: int) -> None:
        """On the loop thread: wakes the driver waiting for `key` (if it still waits)."""
        waiter = self.waiters.pop(key, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(code)


class _UniffiBlockingPoll:
    """One poll of a Rust future by a thread that blocks until the continuation fires."""

    __slots__ = ("code", "event")

    def __init__(self) -> None:
        self.code = _UNIFFI_POLL_READY
        self.event = threading.Event()

    def wake(self, key: int, code: int) -> None:
        _uniffi_pin_thread_state()
        self.code = code
        self.event.set()


# Pending polls, by the Rust future's handle (also the continuation's data).
_uniffi_polls: dict[int, _UniffiLoopWaker | _UniffiBlockingPoll] = {}


def _uniffi_continuation(key: int, code: int) -> None:
    target = _uniffi_polls.pop(key, None)
    if target is not None:
        target.wake(key, code)


_UNIFFI_CONTINUATION = _UniffiContinuationType(_uniffi_continuation)


async def _uniffi_drive(handle: _UniffiHandle, poll: typing.Any, complete: typing.Any, free: typing.Any, error: typing.Any) -> typing.Any:
    """Polls the Rust future `handle` to completion on the running loop and returns the raw
    FFI result of `complete`. Cancelling the awaiting task cancels and frees the Rust future."""
    loop = asyncio.get_running_loop()
    waker: _UniffiLoopWaker | None = _uniffi_tls.waker
    if waker is None or waker.loop is not loop:
        waker = _uniffi_tls.waker = _UniffiLoopWaker(loop)
    key = handle.value
    fired = waker.fired
    try:
        while True:
            _uniffi_polls[key] = waker
            poll(handle, _UNIFFI_CONTINUATION, handle)
            code = fired.pop(key, None)
            if code == _UNIFFI_POLL_READY:
                break
            if code is None:
                # Not fired during poll: wait for the continuation (it hops to this loop), then
                # poll again whatever code it brought. (Handles are the keys, so a hop still
                # queued for a freed future can reach a new one at the same address: the extra
                # poll makes that harmless, as a ready future fires READY inside `poll`.)
                waiter = waker.waiters[key] = loop.create_future()
                try:
                    await waiter
                finally:
                    waker.waiters.pop(key, None)
        status, ref = _uniffi_tls.status
        if status.code:
            status, ref = _uniffi_new_status()
        result = complete(handle, ref)
        if status.code:
            _uniffi_failed(status, error)
        return result
    finally:
        free(handle)
        # `free` fires a still-pending continuation (on this thread): forget its code.
        fired.pop(key, None)
{%- if has_foreign %}


# Loops whose thread is blocked in a blocking twin (loop -> depth): Python code Rust wants to
# run on one of them fails at once with a clear error instead of deadlocking.
_uniffi_blocked_loops: dict[asyncio.AbstractEventLoop, int] = {}
_uniffi_blocked_lock = threading.Lock()


def _uniffi_block_loop() -> asyncio.AbstractEventLoop | None:
    loop = _uniffi_running_loop()
    if loop is not None:
        with _uniffi_blocked_lock:
            _uniffi_blocked_loops[loop] = _uniffi_blocked_loops.get(loop, 0) + 1
    return loop


def _uniffi_unblock_loop(loop: asyncio.AbstractEventLoop | None) -> None:
    if loop is not None:
        with _uniffi_blocked_lock:
            depth = _uniffi_blocked_loops.pop(loop) - 1
            if depth:
                _uniffi_blocked_loops[loop] = depth


def _uniffi_check_not_blocked(loop: asyncio.AbstractEventLoop, method: str) -> None:
    if loop in _uniffi_blocked_loops:
        raise InternalError(f"{method}() cannot run: its asyncio loop is blocked in a `_blocking` call (await the async function instead)")
{%- endif %}


def _uniffi_drive_blocking(handle: _UniffiHandle, poll: typing.Any, complete: typing.Any, free: typing.Any, error: typing.Any) -> typing.Any:
    """Polls the Rust future `handle` to completion, blocking the calling thread (any thread,
    no event loop needed); returns the raw FFI result of `complete`."""
{%- if has_foreign %}
    blocked = _uniffi_block_loop()
{%- endif %}
    try:
        key = handle.value
        while True:
            state = _UniffiBlockingPoll()
            _uniffi_polls[key] = state
            poll(handle, _UNIFFI_CONTINUATION, handle)
            state.event.wait()
            if state.code == _UNIFFI_POLL_READY:
                break
        status, ref = _uniffi_tls.status
        if status.code:
            status, ref = _uniffi_new_status()
        result = complete(handle, ref)
        if status.code:
            _uniffi_failed(status, error)
        return result
    finally:
        free(handle)
{%- if has_foreign %}
        _uniffi_unblock_loop(blocked)
{%- endif %}


_uniffi_offload_executor: concurrent.futures.Executor | None = None


def uniffi_set_offload_executor(executor: concurrent.futures.Executor | None) -> None:
    """Sets the executor that `offload`ed functions run their blocking Rust call in
    (`None`, the default, means the running loop's default executor)."""
    global _uniffi_offload_executor
    _uniffi_offload_executor = executor


def uniffi_live_polls() -> int:
    """Debug count of registered continuations (0 when nothing is pending)."""
    return len(_uniffi_polls)
{%- if has_foreign %}


_UniffiT = typing.TypeVar("_UniffiT")
_uniffi_event_loop: asyncio.AbstractEventLoop | None = None


def uniffi_set_event_loop(loop: asyncio.AbstractEventLoop | None) -> None:
    """Sets the loop that runs Python implementations' `async def` methods (and `main`-dispatched
    callbacks) when Rust calls an object that was handed to Rust while no loop was running.
    Objects handed over from a running loop always use that loop."""
    global _uniffi_event_loop
    _uniffi_event_loop = loop


def _uniffi_target_loop(lent_from: asyncio.AbstractEventLoop | None) -> asyncio.AbstractEventLoop | None:
    if lent_from is not None and not lent_from.is_closed():
        return lent_from
    return _uniffi_event_loop


def _uniffi_on_loop(lent_from: asyncio.AbstractEventLoop | None, method: str, call: typing.Callable[[], _UniffiT]) -> _UniffiT:
    """Runs `call` on the object's loop and waits for it: inline when already on that loop's
    thread (or when there is no loop), else through `call_soon_threadsafe`."""
    loop = _uniffi_target_loop(lent_from)
    if loop is None or _uniffi_running_loop() is loop:
        return call()
    _uniffi_check_not_blocked(loop, method)
    done: concurrent.futures.Future[_UniffiT] = concurrent.futures.Future()

    def run() -> None:
        try:
            done.set_result(call())
        except BaseException as exc:  # noqa: BLE001 -- handed to the waiting Rust thread
            done.set_exception(exc)

    loop.call_soon_threadsafe(run)
    return done.result()
{%- endif %}
{%- if has_foreign_async %}


class _UniffiForeignFuture:
    """One call by Rust of a Python `async def` method: runs it as a task on the object's loop
    and hands the outcome to Rust's completion callback, exactly once. When Rust drops its
    future first, the task is cancelled."""

    def __init__(self, complete: typing.Any, data: int, result_type: typing.Any, lower_return: typing.Any, error: typing.Any) -> None:
        self.complete = complete
        self.data = data
        self.result_type = result_type
        self.lower_return = lower_return
        self.error = error
        self.call: typing.Callable[[], typing.Any] | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.task: asyncio.Task[None] | None = None
        self.dropped = False
        self.finished = False

    def start(self) -> None:
        """On the loop thread."""
        if self.dropped:
            self.finish(_UNIFFI_CALL_CANCELLED, None)
        elif self.loop is not None:
            self.task = self.loop.create_task(self.run())

    async def run(self) -> None:
        try:
            assert self.call is not None
            value = self.call()
            if inspect.isawaitable(value):
                value = await value
        except asyncio.CancelledError:
            self.finish(_UNIFFI_CALL_CANCELLED, None)
            return
        except BaseException as exc:  # noqa: BLE001 -- every failure is reported to Rust
            self.fail(exc)
            return
        self.succeed(value)

    def succeed(self, value: typing.Any) -> None:
        if self.dropped:
            self.finish(_UNIFFI_CALL_CANCELLED, None)
            return
        try:
            lowered = None if self.lower_return is None else self.lower_return(value)
        except BaseException as exc:  # noqa: BLE001 -- a value Rust cannot take
            self.fail(exc)
            return
        self.finish(_UNIFFI_CALL_SUCCESS, lowered)

    def fail(self, exc: BaseException) -> None:
        status = _UniffiRustCallStatus()
        _uniffi_error_status(status, exc, self.error)
        self.send(status, None)

    def finish(self, code: int, lowered: typing.Any) -> None:
        status = _UniffiRustCallStatus()
        status.code = code
        self.send(status, lowered)

    def send(self, status: _UniffiRustCallStatus, lowered: typing.Any) -> None:
        if self.finished:
            return
        self.finished = True
        result = self.result_type(call_status=status)
        if lowered is not None:
            result.return_value = lowered
        self.complete(self.data, result)

    def drop(self) -> None:
        """Rust dropped its future (any thread): cancel the task on its loop, waking it."""
        self.dropped = True
        loop = self.loop
        if loop is None:
            return
        if _uniffi_running_loop() is loop:
            self.cancel()
            return
        try:
            loop.call_soon_threadsafe(self.cancel)
        except RuntimeError:
            pass  # the loop is closed: the task cannot run any more

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()


_uniffi_foreign_futures = _UniffiHandleMap()


def _uniffi_foreign_future_dropped(key: int) -> None:
    future = _uniffi_foreign_futures.remove(key)
    if future is not None:
        future.drop()


_UNIFFI_FOREIGN_FUTURE_DROPPED = _UniffiForeignFutureDroppedCallback(_uniffi_foreign_future_dropped)


def _uniffi_foreign_async(
    handle: int,
    method: str,
    lift_args: typing.Callable[[], tuple[typing.Any, ...]],
    complete: typing.Any,
    data: int,
    out_dropped: typing.Any,
    result_type: typing.Any,
    lower_return: typing.Callable[[typing.Any], typing.Any] | None,
    error: typing.Any,
) -> None:
    """An async vtable method: starts `method` of the lent object as a task on its loop."""
    future = _UniffiForeignFuture(complete, data, result_type, lower_return, error)
    try:
        obj, lent_from = _uniffi_lent.get(handle)
        future.call = functools.partial(getattr(obj, method), *lift_args())
        loop = _uniffi_target_loop(lent_from) or _uniffi_running_loop()
        if loop is None:
            raise InternalError(f"no asyncio loop to run {method}() on: hand the object to Rust from a running loop or call uniffi_set_event_loop()")
        _uniffi_check_not_blocked(loop, method)
        future.loop = loop
    except BaseException as exc:  # noqa: BLE001 -- every failure is reported to Rust
        future.fail(exc)
        return
    key = _uniffi_foreign_futures.insert(future)
    out_dropped[0] = _UniffiForeignFutureDroppedCallbackStruct(key, _UNIFFI_FOREIGN_FUTURE_DROPPED)
    if _uniffi_running_loop() is loop:
        future.start()
        return
    try:
        loop.call_soon_threadsafe(future.start)
    except RuntimeError as exc:
        future.fail(exc)
{%- endif %}
