{#- All async machinery for Python: the RustFuture driver and its continuation. #}
# ---- async: driving Rust futures from asyncio ---------------------------------------

_UNIFFI_POLL_READY = 0


class _UniffiPoll:
    """One poll of a Rust future: where its continuation must deliver the poll code."""

    __slots__ = ("code", "loop", "thread", "waiter")

    def __init__(self, loop: asyncio.AbstractEventLoop, thread: int) -> None:
        self.loop = loop
        self.thread = thread
        self.code: int | None = None
        self.waiter: asyncio.Future[int] | None = None

    def wake(self, code: int) -> None:
        """Runs on whatever thread Rust fires the continuation from."""
        if threading.get_ident() == self.thread:
            # Fired on the loop's own thread (typically inside `poll` itself): no hop needed.
            self.deliver(code)
        else:
            try:
                self.loop.call_soon_threadsafe(self.deliver, code)
            except RuntimeError:
                pass  # the loop is closed; nobody is waiting any more

    def deliver(self, code: int) -> None:
        """Runs on the loop thread: records the code and wakes the awaiting coroutine."""
        self.code = code
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(code)


class _UniffiBlockingPoll:
    """One poll of a Rust future by a thread that blocks until the continuation fires."""

    __slots__ = ("code", "event")

    def __init__(self) -> None:
        self.code = _UNIFFI_POLL_READY
        self.event = threading.Event()

    def wake(self, code: int) -> None:
        self.code = code
        self.event.set()


_uniffi_polls: dict[int, _UniffiPoll | _UniffiBlockingPoll] = {}
_uniffi_poll_keys = itertools.count(1)


def _uniffi_continuation(key: int, code: int) -> None:
    poll = _uniffi_polls.pop(key, None)
    if poll is not None:
        poll.wake(code)


_UNIFFI_CONTINUATION = _UniffiContinuationType(_uniffi_continuation)


async def _uniffi_drive(handle: int, poll: typing.Any, complete: typing.Any, free: typing.Any, error: typing.Any) -> typing.Any:
    """Polls the Rust future `handle` to completion on the running loop and returns the raw
    FFI result of `complete`. Cancelling the awaiting task cancels and frees the Rust future."""
    loop = asyncio.get_running_loop()
    thread = threading.get_ident()
    try:
        while True:
            state = _UniffiPoll(loop, thread)
            key = next(_uniffi_poll_keys)
            _uniffi_polls[key] = state
            poll(handle, _UNIFFI_CONTINUATION, key)
            code = state.code
            if code is None:
                # Not delivered during poll: wait for the continuation (it hops to this loop).
                state.waiter = loop.create_future()
                code = await state.waiter
            if code == _UNIFFI_POLL_READY:
                break
        return _uniffi_call(error, complete, handle)
    finally:
        free(handle)


def _uniffi_drive_blocking(handle: int, poll: typing.Any, complete: typing.Any, free: typing.Any, error: typing.Any) -> typing.Any:
    """Polls the Rust future `handle` to completion, blocking the calling thread (any thread,
    no event loop needed); returns the raw FFI result of `complete`."""
    try:
        while True:
            state = _UniffiBlockingPoll()
            key = next(_uniffi_poll_keys)
            _uniffi_polls[key] = state
            poll(handle, _UNIFFI_CONTINUATION, key)
            state.event.wait()
            if state.code == _UNIFFI_POLL_READY:
                break
        return _uniffi_call(error, complete, handle)
    finally:
        free(handle)


_UniffiT = typing.TypeVar("_UniffiT")
_uniffi_offload_executor: concurrent.futures.Executor | None = None


def uniffi_set_offload_executor(executor: concurrent.futures.Executor | None) -> None:
    """Sets the executor that `offload`ed functions run their blocking Rust call in
    (`None`, the default, means the running loop's default executor)."""
    global _uniffi_offload_executor
    _uniffi_offload_executor = executor


async def _uniffi_offload(fn: typing.Callable[..., _UniffiT], *args: typing.Any) -> _UniffiT:
    """Runs a blocking call in the offload executor; the event loop keeps running meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(_uniffi_offload_executor, fn, *args)


def uniffi_live_polls() -> int:
    """Debug count of registered continuations (0 when nothing is pending)."""
    return len(_uniffi_polls)
