{#- Part of the async machinery (included by async.py): Rust future continuations through the
    native queue of the optional `uniffi-async-runtime` crate. #}

# ---- async: continuations through the native queue -------------------------------------
#
# When the library exports the queue of `uniffi-async-runtime`
# (`uniffi_async_runtime::export_continuation_queue!(<namespace>)`), the continuation a poll
# hands Rust is native code that never takes the GIL. Each thread driving futures on an event
# loop gets one queue (created on that thread; the continuation data is `queue id << 32 | key`)
# and a block of memory shared with Rust: `[polling key, inline code, key0, code0, ...]`.
# - Fired on the loop thread inside `poll`, the continuation stores its code in the block, and
#   the driver reads it when `poll` returns: no callback at all.
# - Fired elsewhere (a Rust thread, or the loop thread outside a poll), it queues `(key, code)`
#   and, when the queue was empty, writes one byte to a pipe, the doorbell, whose read end the
#   loop watches (`add_reader`): one wake-up and one drain call per 1024 continuations.
# `{{ queue_env_var }}=0` in the environment forces the ctypes continuation.

# "No continuation fired inline" in the block's code slot.
_UNIFFI_NO_CODE = 0xFFFFFFFF
# Entries one drain moves (the runtime crate's `CAPACITY`).
_UNIFFI_QUEUE_CAPACITY = 1024


class _UniffiQueueApi:
    """The runtime crate's symbols in this library."""

    def __init__(self) -> None:
        prefix = "{{ queue_prefix }}"
        self.new = _uniffi_lib[prefix + "queue_new"]
        self.new.argtypes, self.new.restype = [], _uniffi_ctypes.c_uint32
        self.shared = _uniffi_lib[prefix + "queue_shared"]
        self.shared.argtypes, self.shared.restype = [_uniffi_ctypes.c_uint32], _uniffi_ctypes.c_void_p
        self.doorbell = _uniffi_lib[prefix + "queue_doorbell"]
        self.doorbell.argtypes, self.doorbell.restype = [_uniffi_ctypes.c_uint32], _uniffi_ctypes.c_int32
        self.drain = _uniffi_lib[prefix + "queue_drain"]
        self.drain.argtypes, self.drain.restype = [_uniffi_ctypes.c_uint32], _uniffi_ctypes.c_uint32
        self.continuation = _uniffi_ctypes.cast(_uniffi_lib[prefix + "continuation"], _uniffi_ctypes.c_void_p)


def _uniffi_queue_api() -> _UniffiQueueApi | None:
    """The queue's symbols, when the library exports protocol version 1 and the environment
    does not switch the queue off."""
    if _uniffi_os.environ.get("{{ queue_env_var }}") == "0":
        return None
    try:
        version = _uniffi_lib["{{ queue_prefix }}version"]
        version.argtypes, version.restype = [], _uniffi_ctypes.c_uint32
        return _UniffiQueueApi() if version() == 1 else None
    except _uniffi_AttributeError:
        return None


_UNIFFI_QUEUE_API = _uniffi_queue_api()


class _UniffiQueue:
    """One thread's queue. It serves every event loop that thread runs: each watches the
    doorbell, and a waiter is a future of the loop that awaits it."""

    __slots__ = ("api", "base", "block", "continuation", "data", "fd", "freed", "id", "lock", "loop", "loops", "next_key", "refused", "slot", "waiters")

    def __init__(self, api: _UniffiQueueApi, queue_id: _uniffi_int) -> None:
        self.api = api
        self.id = queue_id
        self.base = queue_id << 32
        self.continuation = api.continuation
        self.block = (_uniffi_ctypes.c_uint32 * (2 + 2 * _UNIFFI_QUEUE_CAPACITY)).from_address(api.shared(queue_id))
        # A memoryview reads and writes the block faster than the ctypes array does.
        self.slot = _uniffi_memoryview(self.block).cast("B").cast("I")
        self.fd = api.doorbell(queue_id)
        _uniffi_os.set_blocking(self.fd, False)
        # The data handed to `poll` (ctypes copies the value at each call).
        self.data = _uniffi_ctypes.c_uint64()
        self.next_key = 1
        # Drivers suspended until their continuation fires, by key: (waiter, handle, free).
        self.waiters: _uniffi_dict[_uniffi_int, _uniffi_tuple[_uniffi_asyncio.Future[_uniffi_int], _UniffiHandle, _uniffi_typing.Any]] = {}
        # Keys of drivers whose Rust future `_uniffi_free_orphans` freed (their loop closed).
        self.freed: _uniffi_set[_uniffi_int] = _uniffi_set()
        # The loop that last drove a future here, every loop watching the doorbell, and the
        # last loop that cannot watch it (no `add_reader`: its futures use the ctypes path).
        self.loop: _uniffi_asyncio.AbstractEventLoop | None = None
        self.loops: _uniffi_list[_uniffi_asyncio.AbstractEventLoop] = []
        self.refused: _uniffi_asyncio.AbstractEventLoop | None = None
        self.lock = _uniffi_threading.Lock()

    def watch(self, loop: _uniffi_asyncio.AbstractEventLoop) -> _uniffi_bool:
        """On `loop`'s thread: makes `loop` watch the doorbell (once). Frees the Rust futures
        still awaited on loops that were closed meanwhile (their continuations may sit in the
        queue, which no closed loop drains)."""
        loops = self.loops
        self.loops = [other for other in loops if not other.is_closed()]
        if _uniffi_len(self.loops) != _uniffi_len(loops):
            for other in loops:
                if other.is_closed():
                    _uniffi_free_orphans_later(other)
        if loop not in self.loops:
            if loop is self.refused:
                return False
            try:
                loop.add_reader(self.fd, self.drain)
            except _uniffi_NotImplementedError:
                self.refused = loop
                return False
            self.loops.append(loop)
        self.loop = loop
        return True

    def drain(self) -> None:
        """On a loop watching the doorbell, when it rang: delivers every queued code. (A loop
        run by another thread since it first watched can drain too: the lock keeps drains of
        one queue apart, and a waiter of a loop other than the draining one is handed to its
        own loop.)"""
        running = _uniffi_asyncio.get_running_loop()
        with self.lock:
            try:
                while _uniffi_len(_uniffi_os.read(self.fd, 512)) == 512:
                    pass
            except _uniffi_BlockingIOError:
                pass
            n = _UNIFFI_QUEUE_CAPACITY
            while n == _UNIFFI_QUEUE_CAPACITY:
                n = self.api.drain(self.id)
                entries = _uniffi_iter(self.slot[2:2 + 2 * n].tolist())
                for key, code in _uniffi_zip(entries, entries):
                    self.deliver(key, code, running)

    def deliver(self, key: _uniffi_int, code: _uniffi_int, running: _uniffi_asyncio.AbstractEventLoop | None) -> None:
        """Wakes the driver waiting for `key` (if it still waits), through its own loop when
        that is not `running`."""
        entry = self.waiters.pop(key, None)
        if entry is None:
            return
        waiter = entry[0]
        if waiter.get_loop() is running:
            if not waiter.done():
                waiter.set_result(code)
            return
        try:
            waiter.get_loop().call_soon_threadsafe(_uniffi_queue_deliver, waiter, code)
        except _uniffi_RuntimeError:
            self.waiters[key] = entry
            _uniffi_free_orphans_later(waiter.get_loop())


def _uniffi_queue_deliver(waiter: _uniffi_asyncio.Future[_uniffi_int], code: _uniffi_int) -> None:
    if not waiter.done():
        waiter.set_result(code)


# Every thread's queue (for `uniffi_live_polls`).
_uniffi_queues: _uniffi_list[_UniffiQueue] = []


def _uniffi_queue_attach(loop: _uniffi_asyncio.AbstractEventLoop) -> _UniffiQueue | None:
    """The calling thread's queue, watched by `loop` (created on first use); `None` when the
    thread or the loop cannot have one (then the ctypes continuation serves)."""
    queue: _UniffiQueue | None = _uniffi_tls.queue
    if queue is None:
        if _uniffi_tls.no_queue or _UNIFFI_QUEUE_API is None:
            return None
        queue_id = _UNIFFI_QUEUE_API.new()
        if queue_id == 0:
            # No pipe, or the process has too many queues.
            _uniffi_tls.no_queue = True
            return None
        queue = _uniffi_tls.queue = _UniffiQueue(_UNIFFI_QUEUE_API, queue_id)
        _uniffi_queues.append(queue)
    return queue if queue.watch(loop) else None


async def _uniffi_drive_queued(queue: _UniffiQueue, loop: _uniffi_asyncio.AbstractEventLoop, handle: _UniffiHandle, poll: _uniffi_typing.Any, complete: _uniffi_typing.Any, free: _uniffi_typing.Any, error: _uniffi_typing.Any) -> _uniffi_typing.Any:
    """`_uniffi_drive` with the native queue. The block's `[polling key, inline code]` is
    saved and restored around each poll, in case the poll runs Python code that polls too."""
    key = queue.next_key
    # Keys skip 0 (no poll) and 0xFFFFFFFF (the runtime's drain-after mark).
    queue.next_key = key + 1 if key < 0xFFFFFFFE else 1
    slot = queue.slot
    data = queue.data
    word = queue.base | key
    try:
        while True:
            outer_key = slot[0]
            outer_code = slot[1]
            slot[0] = key
            slot[1] = _UNIFFI_NO_CODE
            data.value = word
            try:
                poll(handle, queue.continuation, data)
            finally:
                code = slot[1]
                slot[0] = outer_key
                slot[1] = outer_code
            if code == _UNIFFI_NO_CODE:
                # Wait for the continuation (each fires once; a key serves one driver).
                waiters = queue.waiters
                waiter = loop.create_future()
                waiters[key] = (waiter, handle, free)
                try:
                    code = await waiter
                finally:
                    waiters.pop(key, None)
            if code == _UNIFFI_POLL_READY:
                break
        status, ref = _uniffi_tls.status
        if status.code:
            status, ref = _uniffi_new_status()
        result = complete(handle, ref)
        if status.code:
            _uniffi_failed(status, error)
        return result
    finally:
        freed = queue.freed
        if freed and key in freed:
            freed.discard(key)  # freed by `_uniffi_free_orphans`: this runs at collection
        else:
            # A still-pending continuation fires (queued) and finds no waiter.
            free(handle)


def _uniffi_native_continuations() -> _uniffi_bool:
    """Debug (call it from a coroutine): whether the futures this loop awaits get their
    continuations through the native queue (once it drove one)."""
    queue: _UniffiQueue | None = _uniffi_tls.queue
    return queue is not None and queue.loop is not None and queue.loop is _uniffi_asyncio.get_running_loop()
{%- if has_foreign_async %}


def _uniffi_queue_polling() -> _uniffi_tuple[_UniffiQueue, _uniffi_int] | None:
    """The calling thread's queue and the key of the poll running on it, if any (when Rust
    starts a foreign future: the Rust future being polled is usually the one awaiting it)."""
    queue: _UniffiQueue | None = _uniffi_tls.queue
    if queue is None or not queue.slot[0]:
        return None
    return queue, queue.slot[0]


def _uniffi_queue_complete(polled: _uniffi_tuple[_UniffiQueue, _uniffi_int] | None, complete: _uniffi_typing.Any, data: _uniffi_int, result: _uniffi_typing.Any) -> None:
    """Completes a foreign future. Rust wakes the future awaiting it right there, on this
    thread but outside any poll, which would go through the queue and the doorbell; so when
    the future that started it (`polled`) belongs to this thread's queue and no poll is
    running, `complete` runs with that future's key in the block, as if it were polled: its
    continuation then fires inline and the driver is woken directly."""
    queue: _UniffiQueue | None = _uniffi_tls.queue
    if polled is None or queue is None or polled[0] is not queue or queue.slot[0]:
        complete(data, result)
        return
    key = polled[1]
    slot = queue.slot
    slot[0] = key
    slot[1] = _UNIFFI_NO_CODE
    try:
        complete(data, result)
    finally:
        code = slot[1]
        slot[0] = 0
    if code != _UNIFFI_NO_CODE:
        try:
            running: _uniffi_asyncio.AbstractEventLoop | None = _uniffi_asyncio.get_running_loop()
        except _uniffi_RuntimeError:
            running = None
        queue.deliver(key, code, running)
{%- endif %}
