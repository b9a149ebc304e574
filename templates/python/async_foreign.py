{#- Part of the async machinery (async.py includes it when Python objects can be handed to
    Rust): Python code that Rust calls from its threads runs on the object's event loop, and
    Python `async def` methods Rust awaits run as tasks there (foreign futures). #}

# ---- async: Python methods Rust calls, on their event loop -----------------------------

# Loops whose thread is blocked in a blocking twin (loop -> depth): Python code Rust wants to
# run on one of them fails at once with a clear error instead of deadlocking.
_uniffi_blocked_loops: _uniffi_dict[asyncio.AbstractEventLoop, _uniffi_int] = {}
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


def _uniffi_check_not_blocked(loop: asyncio.AbstractEventLoop, method: _uniffi_str) -> None:
    if loop in _uniffi_blocked_loops:
        raise InternalError(f"{method}() cannot run: its asyncio loop is blocked in a `_blocking` call (await the async function instead)")


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


def _uniffi_on_loop(lent_from: asyncio.AbstractEventLoop | None, method: _uniffi_str, call: typing.Callable[[], _UniffiT]) -> _UniffiT:
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
        except _uniffi_BaseException as exc:  # noqa: BLE001 -- handed to the waiting Rust thread
            done.set_exception(exc)

    loop.call_soon_threadsafe(run)
    return done.result()
{%- if has_foreign_async %}


class _UniffiForeignFuture:
    """One call by Rust of a Python `async def` method: runs it as a task on the object's loop
    and hands the outcome to Rust's completion callback, exactly once. When Rust drops its
    future first, the task is cancelled."""

    def __init__(self, complete: typing.Any, data: _uniffi_int, result_type: typing.Any, lower_return: typing.Any, error: typing.Any) -> None:
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
        # The Rust future polled while Rust started this one: likely the one it wakes.
        self.polled = _uniffi_queue_polling()

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
        except _uniffi_BaseException as exc:  # noqa: BLE001 -- every failure is reported to Rust
            self.fail(exc)
            return
        self.succeed(value)

    def succeed(self, value: typing.Any) -> None:
        if self.dropped:
            self.finish(_UNIFFI_CALL_CANCELLED, None)
            return
        try:
            lowered = None if self.lower_return is None else self.lower_return(value)
        except _uniffi_BaseException as exc:  # noqa: BLE001 -- a value Rust cannot take
            self.fail(exc)
            return
        self.finish(_UNIFFI_CALL_SUCCESS, lowered)

    def fail(self, exc: _uniffi_BaseException) -> None:
        status = _UniffiRustCallStatus()
        _uniffi_error_status(status, exc, self.error)
        self.send(status, None)

    def finish(self, code: _uniffi_int, lowered: typing.Any) -> None:
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
        _uniffi_queue_complete(self.polled, self.complete, self.data, result)

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
        except _uniffi_RuntimeError:
            pass  # the loop is closed: the task cannot run any more

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()


_uniffi_foreign_futures = _UniffiHandleMap()
# Upstream's private name for the same map (its tests check it is empty after the calls).
_UNIFFI_FOREIGN_FUTURE_HANDLE_MAP = _uniffi_foreign_futures


def _uniffi_foreign_future_dropped(key: _uniffi_int) -> None:
    if _uniffi_pinning and not _uniffi_tls.pinned:
        _uniffi_pin_thread()
    future = _uniffi_foreign_futures.remove(key)
    if future is not None:
        future.drop()


_UNIFFI_FOREIGN_FUTURE_DROPPED = _UniffiForeignFutureDroppedCallback(_uniffi_foreign_future_dropped)


def _uniffi_foreign_async(
    handle: _uniffi_int,
    method: _uniffi_str,
    lift_args: typing.Callable[[], _uniffi_tuple[typing.Any, ...]],
    complete: typing.Any,
    data: _uniffi_int,
    out_dropped: typing.Any,
    result_type: typing.Any,
    lower_return: typing.Callable[[typing.Any], typing.Any] | None,
    error: typing.Any,
) -> None:
    """An async vtable method: starts `method` of the lent object as a task on its loop."""
    if _uniffi_pinning and not _uniffi_tls.pinned:
        _uniffi_pin_thread()
    future = _UniffiForeignFuture(complete, data, result_type, lower_return, error)
    try:
        obj, lent_from = _uniffi_lent.get(handle)
        future.call = functools.partial(_uniffi_getattr(obj, method), *lift_args())
        loop = _uniffi_target_loop(lent_from) or _uniffi_running_loop()
        if loop is None:
            raise InternalError(f"no asyncio loop to run {method}() on: hand the object to Rust from a running loop or call uniffi_set_event_loop()")
        _uniffi_check_not_blocked(loop, method)
        future.loop = loop
    except _uniffi_BaseException as exc:  # noqa: BLE001 -- every failure is reported to Rust
        future.fail(exc)
        return
    key = _uniffi_foreign_futures.insert(future)
    out_dropped[0] = _UniffiForeignFutureDroppedCallbackStruct(key, _UNIFFI_FOREIGN_FUTURE_DROPPED)
    if _uniffi_running_loop() is loop:
        future.start()
        return
    try:
        loop.call_soon_threadsafe(future.start)
    except _uniffi_RuntimeError as exc:
        future.fail(exc)
{%- endif %}
