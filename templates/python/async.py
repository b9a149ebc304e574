{#- All async machinery for Python, in three parts: this file drives Rust futures (the
    ctypes continuation, blocking twins, offload); continuation_queue.py receives continuations
    through the optional native queue of `uniffi-async-runtime`; async_foreign.py runs the
    Python methods Rust calls (foreign futures) on their event loops. #}
# ---- async: driving Rust futures from asyncio ---------------------------------------

_UNIFFI_POLL_READY = 0

class _UniffiLoopWaker:
    """Delivers poll codes to the futures one event loop is driving. Each thread keeps the
    waker of the loop it runs (`_uniffi_tls.waker`); a pending poll is registered as
    `_uniffi_polls[key] = waker` until its continuation fires.

    A continuation firing on the loop's own thread (inside `poll`, or during a Rust call made
    there) is handled at once, without a hop; one from another thread hops to the loop with
    `call_soon_threadsafe`."""

    __slots__ = ("__weakref__", "fired", "freed", "loop", "thread", "waiters")

    def __init__(self, loop: _uniffi_asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.thread = _uniffi_threading.get_ident()
        # Codes that fired on the loop thread before the driver awaited (mostly inside `poll`).
        self.fired: _uniffi_dict[_uniffi_int, _uniffi_int] = {}
        # Drivers suspended until their continuation fires: (waiter, handle, free).
        self.waiters: _uniffi_dict[_uniffi_int, _uniffi_tuple[_uniffi_asyncio.Future[_uniffi_int], _UniffiHandle, _uniffi_typing.Any]] = {}
        # Keys of drivers whose Rust future `_uniffi_free_orphans` freed (their loop closed).
        self.freed: _uniffi_set[_uniffi_int] = _uniffi_set()
        _uniffi_wakers.add(self)

    def wake(self, key: _uniffi_int, code: _uniffi_int) -> None:
        """Runs on whatever thread Rust fires the continuation from."""
        thread = _uniffi_threading.get_ident()
        if thread == self.thread:
            # (`get`, then `pop` once woken: a sweep of `_uniffi_free_orphans` must see it.)
            entry = self.waiters.get(key)
            if entry is None:
                self.fired[key] = code
                return
            if not entry[0].done():
                try:
                    entry[0].set_result(code)
                except _uniffi_RuntimeError:
                    # Fired on this thread (outside any loop) after the loop was closed.
                    _uniffi_free_orphans_later(self.loop)
                    return
            self.waiters.pop(key, None)
            return
        if _uniffi_pinning and not _uniffi_tls.pinned:
            _uniffi_pin_thread()
        # (Queueing wake-ups and draining them in one callback per burst measured no faster
        # than one `call_soon_threadsafe` each: the GIL hand-off per wake-up dominates.)
        try:
            self.loop.call_soon_threadsafe(self.deliver, key, code)
        except _uniffi_RuntimeError:
            _uniffi_free_orphans_later(self.loop)

    def deliver(self, key: _uniffi_int, code: _uniffi_int) -> None:
        """On the loop thread: wakes the driver waiting for `key` (if it still waits)."""
        entry = self.waiters.pop(key, None)
        if entry is not None and not entry[0].done():
            entry[0].set_result(code)


# Every live waker (for `_uniffi_free_orphans`).
_uniffi_wakers: _uniffi_weakref.WeakSet[_UniffiLoopWaker] = _uniffi_weakref.WeakSet()
_uniffi_orphans_lock = _uniffi_threading.RLock()
# Closed loops a `_uniffi_free_orphans_later` thread is about to sweep.
_uniffi_orphans_due: _uniffi_set[_uniffi_asyncio.AbstractEventLoop] = _uniffi_set()
_uniffi_orphans_warned: _uniffi_weakref.WeakSet[_uniffi_asyncio.AbstractEventLoop] = _uniffi_weakref.WeakSet()


def _uniffi_free_orphans(loop: _uniffi_asyncio.AbstractEventLoop) -> None:
    """`loop` was closed while drivers awaited Rust futures on it (found when a continuation
    for one of them arrived, or when their thread moved on to another loop): their tasks can
    never resume, so this cancels and frees all their Rust futures (marking each driver, whose
    `finally` may still run at garbage collection, so it does not free again), forgets them and
    warns once. Runs on a thread of its own (`_uniffi_free_orphans_later`)."""
    if not loop.is_closed():
        return
    dropped: _uniffi_list[_uniffi_typing.Any] = []
    with _uniffi_orphans_lock:
        # (Before looking: a driver put back after this gets a sweep of its own.)
        _uniffi_orphans_due.discard(loop)
        holders: _uniffi_list[_UniffiLoopWaker | _UniffiQueue] = [w for w in _uniffi_list(_uniffi_wakers) if w.loop is loop]
        holders += _uniffi_queues
        for holder in holders:
            relayed = _uniffi_isinstance(holder, _UniffiLoopWaker)
            for key, entry in _uniffi_list(holder.waiters.items()):
                if entry[0].get_loop() is not loop or holder.waiters.pop(key, None) is not entry:
                    continue
                holder.freed.add(key)
                if relayed:
                    # The continuation `free` fires must find nothing to wake.
                    _uniffi_polls.pop(key, None)
                entry[2](entry[1])
                dropped.append(entry)
    if dropped and _uniffi_first_warning(loop):
        # (Never on a Rust thread: an error made of it, `-W error`, reaches Python code only.)
        _uniffi_warnings.warn(
            f"an event loop was closed while {_uniffi_len(dropped)} uniffi async calls were pending; "
            "their Rust futures were cancelled and freed. Cancel pending tasks before closing the "
            "loop (asyncio.run does)", _uniffi_RuntimeWarning, stacklevel=1)
    # `dropped` goes last: the tasks it keeps alive may be collected now, closing their drivers.


def _uniffi_first_warning(loop: _uniffi_asyncio.AbstractEventLoop) -> _uniffi_bool:
    """Whether `loop` has not been warned about yet (one warning per loop)."""
    try:
        if loop in _uniffi_orphans_warned:
            return False
        _uniffi_orphans_warned.add(loop)
    except _uniffi_TypeError:
        pass  # (a loop type without weak references)
    return True


def _uniffi_free_orphans_later(loop: _uniffi_asyncio.AbstractEventLoop) -> None:
    """`_uniffi_free_orphans` on a thread of its own: freeing Rust futures inside Rust's
    wake-up (maybe under a lock of the waking code) could deadlock, and the warning (an error
    under `-W error`) must not break a drain or a call starting its drive."""
    with _uniffi_orphans_lock:
        if not loop.is_closed() or loop in _uniffi_orphans_due:
            return  # (a thread is on its way for that loop already)
        _uniffi_orphans_due.add(loop)
    try:
        _uniffi_threading.Thread(target=_uniffi_free_orphans, args=(loop,), name="uniffi-free-orphans", daemon=True).start()
    except _uniffi_RuntimeError:
        _uniffi_orphans_due.discard(loop)  # (interpreter shutting down: the process ends anyway)


class _UniffiBlockingPoll:
    """One poll of a Rust future by a thread that blocks until the continuation fires."""

    __slots__ = ("code", "event")

    def __init__(self) -> None:
        self.code = _UNIFFI_POLL_READY
        self.event = _uniffi_threading.Event()

    def wake(self, key: _uniffi_int, code: _uniffi_int) -> None:
        if _uniffi_pinning and not _uniffi_tls.pinned:
            _uniffi_pin_thread()
        self.code = code
        self.event.set()


# Pending polls, by a key unique to each drive (the continuation's data). Not the handle: a
# handle's address is reused once the future is freed, and a continuation still on its way to
# the freed one would then wake the new one while its callback is stored, making Rust's
# scheduler fire the stored callback inside the next poll, and so on: a busy loop that starves
# the event loop (found by the soak suite).
_uniffi_polls: _uniffi_dict[_uniffi_int, _UniffiLoopWaker | _UniffiBlockingPoll] = {}
# Evaluated once, at import (before any user definition can shadow `range`).
_uniffi_next_poll_key = _uniffi_iter(_uniffi_range(1, 1 << 64)).__next__


def _uniffi_continuation(key: _uniffi_int, code: _uniffi_int) -> None:
    target = _uniffi_polls.pop(key, None)
    if target is not None:
        target.wake(key, code)


_UNIFFI_CONTINUATION = _uniffi_immortal(_UniffiContinuationType(_uniffi_continuation))


def _uniffi_drive(handle: _UniffiHandle, poll: _uniffi_typing.Any, complete: _uniffi_typing.Any, free: _uniffi_typing.Any, error: _uniffi_typing.Any) -> _uniffi_typing.Coroutine[_uniffi_typing.Any, _uniffi_typing.Any, _uniffi_typing.Any]:
    """The coroutine polling the Rust future `handle` to completion on the running loop (called
    from a coroutine); it returns the raw FFI result of `complete`. Cancelling the awaiting
    task cancels and frees the Rust future. Continuations arrive through the native queue
    where the library has one (continuation_queue.py), else through the ctypes continuation."""
    loop = _uniffi_asyncio.get_running_loop()
    if _UNIFFI_QUEUE_API is not None:
        queue = _uniffi_tls.queue
        if queue is None or queue.loop is not loop:
            queue = _uniffi_queue_attach(loop)
        if queue is not None:
            return _uniffi_drive_queued(queue, loop, handle, poll, complete, free, error)
    return _uniffi_drive_relayed(loop, handle, poll, complete, free, error)


async def _uniffi_drive_relayed(loop: _uniffi_asyncio.AbstractEventLoop, handle: _UniffiHandle, poll: _uniffi_typing.Any, complete: _uniffi_typing.Any, free: _uniffi_typing.Any, error: _uniffi_typing.Any) -> _uniffi_typing.Any:
    """`_uniffi_drive` with the ctypes continuation: each continuation fired off the loop
    thread is a Python call on that thread, hopping to the loop with `call_soon_threadsafe`."""
    waker: _UniffiLoopWaker | None = _uniffi_tls.waker
    if waker is None or waker.loop is not loop:
        if waker is not None and waker.waiters and waker.loop.is_closed():
            _uniffi_free_orphans_later(waker.loop)
        waker = _uniffi_tls.waker = _UniffiLoopWaker(loop)
    key = _uniffi_next_poll_key()
    fired = waker.fired
    try:
        while True:
            _uniffi_polls[key] = waker
            poll(handle, _UNIFFI_CONTINUATION, key)
            code = fired.pop(key, None)
            if code == _UNIFFI_POLL_READY:
                break
            if code is None:
                # Not fired during poll: wait for the continuation (it hops to this loop), then
                # poll again whatever code it brought.
                waiter = loop.create_future()
                waker.waiters[key] = (waiter, handle, free)
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
        freed = waker.freed
        if freed and key in freed:
            freed.discard(key)  # freed by `_uniffi_free_orphans`: this runs at collection
            fired.pop(key, None)
        else:
            free(handle)
            # `free` fires a still-pending continuation (on this thread): forget its code.
            fired.pop(key, None)


def _uniffi_drive_blocking(handle: _UniffiHandle, poll: _uniffi_typing.Any, complete: _uniffi_typing.Any, free: _uniffi_typing.Any, error: _uniffi_typing.Any) -> _uniffi_typing.Any:
    """Polls the Rust future `handle` to completion, blocking the calling thread (any thread,
    no event loop needed); returns the raw FFI result of `complete`."""
{%- if has_foreign %}
    blocked = _uniffi_block_loop()
{%- endif %}
    try:
        key = _uniffi_next_poll_key()
        while True:
            state = _UniffiBlockingPoll()
            _uniffi_polls[key] = state
            poll(handle, _UNIFFI_CONTINUATION, key)
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


_uniffi_offload_executor: _uniffi_concurrent_futures.Executor | None = None


def uniffi_set_offload_executor(executor: {{ mods.concurrent_futures }}.Executor | None) -> None:
    """Sets the executor that `offload`ed functions run their blocking Rust call in
    (`None`, the default, means the running loop's default executor)."""
    global _uniffi_offload_executor
    _uniffi_offload_executor = executor


_UniffiR = _uniffi_typing.TypeVar("_UniffiR")


async def _uniffi_offload(call: _uniffi_typing.Callable[..., _UniffiR], *args: _uniffi_typing.Any) -> _UniffiR:
    """An `offload`ed function: runs the sync `call(*args)` in `_uniffi_offload_executor` on
    behalf of the running loop, which owns the Python objects the call hands to Rust (their
    `dispatch = "main"` methods run on it, as if the call had been made on the loop)."""
    loop = _uniffi_asyncio.get_running_loop()
    return await loop.run_in_executor(_uniffi_offload_executor, _uniffi_on_behalf_of, loop, call, args)


def _uniffi_on_behalf_of(loop: _uniffi_asyncio.AbstractEventLoop, call: _uniffi_typing.Callable[..., _UniffiR], args: _uniffi_tuple[_uniffi_typing.Any, ...]) -> _UniffiR:
    tls = _uniffi_tls
    outer = tls.lending_loop
    tls.lending_loop = loop
    try:
        return call(*args)
    finally:
        tls.lending_loop = outer


def uniffi_live_polls() -> _uniffi_int:
    """Debug count of registered continuations (0 when nothing is pending)."""
    return _uniffi_len(_uniffi_polls) + _uniffi_sum(_uniffi_len(queue.waiters) for queue in _uniffi_queues)
{% include "continuation_queue.py" %}
{%- if has_foreign %}
{% include "async_foreign.py" %}
{%- endif %}
