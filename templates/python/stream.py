{#- Streams both ways (`[bindings.async] streams`).
    Rust -> Python: the macro `members` (`s`: a PyStream), which object.py calls in the class
    body of a stream object: the object is its own async iterator (`async for item in stream`).
    `__anext__` awaits the stream method; `None`, an error of the method, or `aclose()` ends
    the iteration (later calls raise `StopAsyncIteration`). Cancelling the awaiting task cancels
    the pending call, which drops its Rust future, and does not end the iteration.
    Python -> Rust (what module.py includes when a foreign trait is a stream; `sources`:
    PyStreamSource views): `as_<trait>(source)` adapts any async iterable to the trait.
    `_UniffiStreamSource` runs the iteration: one native item per call of the stream method,
    its end as `None`; the last handle Rust frees closes it (`aclose()` on its loop; handles.py
    counts the handles). #}
{%- macro members(s) %}

    _uniffi_stream_ended: _uniffi_bool = False

    def __aiter__(self) -> {{ mods.typing }}.Self:
        """`async for item in stream`: the object is its own async iterator over `{{ s.next }}()`."""
        return self

    async def __anext__(self) -> {{ s.item }}:
        """The next item of `{{ s.next }}()`, whose error{% if let Some(e) = s.throws %} (`{{ e }}`){% endif %} is raised here.
        Once it returned `None` or raised, or after `aclose()`, raises `StopAsyncIteration`.
        Cancelling the awaiting task cancels the pending call (its Rust future is dropped)."""
        if self._uniffi_stream_ended:
            raise _uniffi_StopAsyncIteration
        try:
            _uniffi_item = await self.{{ s.next }}()
        except _uniffi_Exception:
            self._uniffi_stream_ended = True
            raise
        if _uniffi_item is None:
            self._uniffi_stream_ended = True
            raise _uniffi_StopAsyncIteration
        return _uniffi_item

    async def aclose(self) -> None:
        """Ends the iteration and releases the Rust object now, like `close()` (idempotent);
        later `__anext__` calls raise `StopAsyncIteration`."""
        self._uniffi_stream_ended = True
        self._uniffi_finalizer()
{%- endmacro %}

# ---- streams: native async iterables that Rust consumes --------------------------------

# Guards the adapters' handle counts (lent, cloned and freed from any thread).
_uniffi_sources_lock = _uniffi_threading.Lock()
# The `aclose()` tasks of closing adapters (a loop keeps only weak references to its tasks).
_uniffi_source_closings: _uniffi_set[_uniffi_asyncio.Task[None]] = _uniffi_set()


class _UniffiStreamSource(_uniffi_typing.Generic[_UniffiT]):
    """A native async iterable behind a foreign stream trait that Rust consumes. Each call of
    the stream method pulls one item (no read-ahead); the end of the iteration is `None`, for
    that call and every later one. Calls run one at a time, in order, on the loop of the
    iteration. When Rust frees its last handle, the iteration ends and the async iterator's
    `aclose()` (if it has one) runs on that loop, once a pull in progress is over."""

    def __init__(self, source: _uniffi_typing.AsyncIterable[_UniffiT]) -> None:
        self._uniffi_source = source
        self._uniffi_iterator: _uniffi_typing.AsyncIterator[_UniffiT] | None = None
        self._uniffi_loop: _uniffi_asyncio.AbstractEventLoop | None = None
        self._uniffi_handles = 0
        self._uniffi_ended = False
        self._uniffi_pulling = False
        self._uniffi_close_pending = False
        self._uniffi_waiters: _uniffi_list[_uniffi_asyncio.Future[None]] = []

    async def _uniffi_pull(self) -> _UniffiT | None:
        """The next item, or `None` at the end (on the loop thread)."""
        while self._uniffi_pulling:
            # Another call is pulling (an async generator runs one step at a time): wait.
            waiter: _uniffi_asyncio.Future[None] = _uniffi_asyncio.get_running_loop().create_future()
            self._uniffi_waiters.append(waiter)
            try:
                await waiter
            except _uniffi_asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    self._uniffi_wake_next()  # woken, then cancelled: pass the turn on
                raise
        if self._uniffi_ended:
            return None
        iterator = self._uniffi_iterator
        if iterator is None:
            iterator = self._uniffi_iterator = self._uniffi_source.__aiter__()
            self._uniffi_loop = _uniffi_asyncio.get_running_loop()
        self._uniffi_pulling = True
        try:
            return await iterator.__anext__()
        except _uniffi_StopAsyncIteration:
            self._uniffi_ended = True
            return None
        finally:
            self._uniffi_pulling = False
            if self._uniffi_close_pending:
                self._uniffi_close_pending = False
                self._uniffi_close()
            if self._uniffi_waiters:
                self._uniffi_wake_next()

    def _uniffi_wake_next(self) -> None:
        while self._uniffi_waiters:
            waiter = self._uniffi_waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                return

    def _uniffi_count(self, delta: _uniffi_int) -> None:
        """Rust got (`1`) or gave back to Python (`-1`) a handle of this adapter (any thread)."""
        with _uniffi_sources_lock:
            self._uniffi_handles += delta

    def _uniffi_freed(self, lent_from: _uniffi_asyncio.AbstractEventLoop | None) -> None:
        """Rust freed a handle (any thread): the last one ends and closes the iteration."""
        with _uniffi_sources_lock:
            self._uniffi_handles -= 1
            if self._uniffi_handles > 0:
                return
        loop = self._uniffi_loop or _uniffi_target_loop(lent_from)
        if loop is None:
            self._uniffi_ended = True  # never pulled: nothing to close
        elif _uniffi_running_loop() is loop:
            self._uniffi_close()
        else:
            try:
                loop.call_soon_threadsafe(self._uniffi_close)
            except _uniffi_RuntimeError:
                self._uniffi_ended = True  # the loop is closed: nothing runs there any more

    def _uniffi_close(self) -> None:
        """Ends the iteration and closes the async iterator (on the loop thread; after a pull
        in progress, which a dropped Rust future has cancelled)."""
        self._uniffi_ended = True
        if self._uniffi_pulling:
            self._uniffi_close_pending = True
            return
        iterator, self._uniffi_iterator = self._uniffi_iterator, None
        aclose = _uniffi_getattr(iterator, "aclose", None)
        if aclose is None or self._uniffi_loop is None:
            return
        task = self._uniffi_loop.create_task(_uniffi_source_aclose(aclose))
        _uniffi_source_closings.add(task)
        task.add_done_callback(_uniffi_source_closings.discard)


async def _uniffi_source_aclose(aclose: _uniffi_typing.Callable[[], _uniffi_typing.Awaitable[_uniffi_object]]) -> None:
    try:
        await aclose()
    except _uniffi_Exception as exc:  # noqa: BLE001 -- reported like a failed task's error
        _uniffi_asyncio.get_running_loop().call_exception_handler(
            {"message": "closing a native stream that Rust dropped failed", "exception": exc},
        )
{%- for s in sources %}


class {{ s.class }}(_UniffiStreamSource[{{ s.item }}], {{ s.hint }}):
    """`{{ s.hint }}` over a native async iterable (made by `{{ s.function }}()`)."""

    async def {{ s.method }}(self) -> {{ s.return_hint }}:
        return await self._uniffi_pull()


def {{ s.function }}(source: {{ mods.typing }}.AsyncIterable[{{ s.item }}]) -> {{ s.hint }}:
    """A `{{ s.hint }}` that Rust consumes, pulling from `source` (any async iterable: an async
    generator, an object with `__aiter__`).

    Each `{{ s.method }}()` call from Rust takes one item of the iteration (no read-ahead); the end
    of the iteration is `None`, for that call and every later one. The iteration runs on the
    asyncio loop running where the adapter is handed to Rust (as any Python implementation's
    `async def` methods), whichever Rust thread calls; calls run one at a time, in order.
{%- if let Some(e) = s.throws %}
    A `{{ e }}` the iteration raises is the error Rust gets from `{{ s.method }}()`; any other
    exception is an unexpected callback error (its `repr()`).
{%- else %}
    An exception the iteration raises is an unexpected callback error in Rust (its `repr()`).
{%- endif %}
    When Rust drops a pending `{{ s.method }}()`, its pull is cancelled (`CancelledError` at the
    iteration's `await`). When Rust drops the `{{ s.hint }}` (its last reference), the
    iteration ends and the async iterator's `aclose()` (if it has one) runs on its loop: an
    async generator's `finally` blocks run."""
    return {{ s.class }}(source)
{%- endfor %}
