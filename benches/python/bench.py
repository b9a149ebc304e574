"""Benchmark program for Python: run once per implementation (`ours`, `upstream`, `floor`,
`peer`) with the right module on PYTHONPATH. Prints one machine-readable line per scenario:

    ROW <scenario> <median_ns> <min_ns> <max_ns>   ns per call over the measured batches
    NA <scenario> <reason>
    MEM <key> <value>

`cargo xtask bench` merges the four runs into one table. Usage:
    bench.py IMPL QUICK(0|1) [LIBDIR]
"""

import asyncio
import ctypes
import gc
import os
import queue
import sys
import threading
import time
import typing

IMPL = sys.argv[1]
QUICK = sys.argv[2] == "1"
LIBDIR = sys.argv[3] if len(sys.argv) > 3 else ""
BATCHES = 3 if QUICK else 9
WARMUP = 1 if QUICK else 2
SCALE = 0.02 if QUICK else 1.0
CONCURRENT = 1000
STRING = "x" * 100


def n_of(full: int) -> int:
    return max(1, int(full * SCALE))


def report(name: str, per_batch: typing.List[float]) -> None:
    s = sorted(per_batch)
    print(f"ROW {name} {s[len(s) // 2]:.1f} {s[0]:.1f} {s[-1]:.1f}", flush=True)


def na(name: str, reason: str) -> None:
    print(f"NA {name} {reason}", flush=True)


def bench_sync(name: str, fn: typing.Callable[[], typing.Any], n: int) -> None:
    results = []
    for b in range(WARMUP + BATCHES):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        dt = time.perf_counter_ns() - t0
        if b >= WARMUP:
            results.append(dt / n)
    report(name, results)


def bench_async(name: str, make: typing.Callable[[], typing.Awaitable[typing.Any]], n: int,
                concurrent: bool = False, per_item: int = 1) -> None:
    """Sequential awaits of `make()` (or `n` rounds of gathering CONCURRENT of them); `per_item`
    divides a call that does several round trips inside (the callback scenarios)."""

    async def batch() -> float:
        t0 = time.perf_counter_ns()
        if concurrent:
            for _ in range(n):
                await asyncio.gather(*(make() for _ in range(CONCURRENT)))
            calls = n * CONCURRENT
        else:
            for _ in range(n):
                await make()
            calls = n
        return (time.perf_counter_ns() - t0) / (calls * per_item)

    async def main() -> None:
        results = []
        for b in range(WARMUP + BATCHES):
            r = await batch()
            if b >= WARMUP:
                results.append(r)
        report(name, results)

    asyncio.run(main())


def rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


# ---- implementations -----------------------------------------------------------------------

def run_bindings(mod: typing.Any, label: str) -> None:
    bench_sync("sync_noop", mod.noop, n_of(200_000))
    bench_sync("sync_add", lambda: mod.add(1, 2), n_of(200_000))
    bench_async("async_ready", mod.async_ready, n_of(20_000))
    bench_async("async_woken", mod.async_woken, n_of(5_000))
    bench_async("concurrent_ready_1000", mod.async_ready, n_of(20), concurrent=True)
    bench_async("concurrent_woken_1000", mod.async_woken, n_of(10), concurrent=True)
    bench_async("async_string_100", lambda: mod.async_string(STRING), n_of(20_000))
    per = 100
    if label == "peer":
        na("stream_100k", "no_PyO3_peer_scenario")
        na("stream_reverse_100k", "no_PyO3_peer_scenario")
        # PyO3: `tick_from_thread` attaches the Rust thread to the interpreter for each call.
        class PlainTicker:
            def tick(self, x: int) -> int:
                return x

        plain = PlainTicker()
        na("foreign_async_awaited_by_rust", "no_PyO3_peer_scenario")
        bench_sync_per("sync_callback_from_rust_thread",
                       lambda: check_ticks(mod.tick_from_thread(plain, per), per), n_of(2_000), per)
        bench_async("offload_blocking_call", mod.blocking_noop, n_of(5_000))
        return
    if hasattr(mod, "AsyncSource"):
        class Source(mod.AsyncSource):  # type: ignore[misc, name-defined]
            async def value(self) -> int:
                return 1

        class Ticker(mod.Tick):  # type: ignore[misc, name-defined]
            def tick(self, x: int) -> int:
                return x

        src, ticker = Source(), Ticker()

        async def awaited() -> None:
            assert await mod.await_foreign(src, per) == per

        bench_async("foreign_async_awaited_by_rust", awaited, n_of(200), per_item=per)
        bench_sync_per("sync_callback_from_rust_thread",
                       lambda: check_ticks(mod.tick_from_thread(ticker, per), per), n_of(2_000), per)
    else:
        na("foreign_async_awaited_by_rust", "n/a_(callback_interfaces_not_yet_supported)")
        na("sync_callback_from_rust_thread", "n/a_(callback_interfaces_not_yet_supported)")
    if asyncio.iscoroutinefunction(mod.blocking_noop):
        bench_async("offload_blocking_call", mod.blocking_noop, n_of(5_000))
    else:
        # Upstream has no `offload`: the user wraps the blocking call the standard way.
        bench_async("offload_blocking_call",
                    lambda: asyncio.get_running_loop().run_in_executor(None, mod.blocking_noop), n_of(5_000))
    bench_stream(mod, label)
    if label in ("ours", "upstream"):
        memory(mod, label)


STREAM_ITEMS = n_of(100_000)


def bench_stream(mod: typing.Any, label: str) -> None:
    """One stream of STREAM_ITEMS ready items per batch, consumed with `async for`; per item."""
    if label != "ours":
        na("stream_100k", "n/a_(upstream_has_no_streams)")
        bench_stream_reverse(mod, label)
        return

    async def consume() -> None:
        total = 0
        with mod.count_stream(STREAM_ITEMS) as stream:
            async for x in stream:
                total += x
        assert total == STREAM_ITEMS * (STREAM_ITEMS - 1) // 2, total

    bench_async("stream_100k", consume, 1, per_item=STREAM_ITEMS)
    bench_stream_reverse(mod, label)


async def numbers(n: int) -> typing.AsyncIterator[int]:
    """The native stream of the stream rows: an async generator of `0..n`."""
    for i in range(n):
        yield i


def bench_stream_reverse(mod: typing.Any, label: str) -> None:
    """Rust's `drain_source` pulls STREAM_ITEMS items from a native stream behind `CountSource`:
    ours adapts an async generator (`as_count_source`); upstream has no adapter, so the user
    writes a class implementing `CountSource`; per item."""
    if not hasattr(mod, "CountSource"):
        na("stream_reverse_100k", "n/a_(callback_interfaces_not_yet_supported)")
        return
    class Counter(mod.CountSource):  # type: ignore[misc, name-defined]
        def __init__(self) -> None:
            self.i = 0

        async def next(self) -> typing.Optional[int]:
            if self.i == STREAM_ITEMS:
                return None
            self.i += 1
            return self.i - 1

    async def drain() -> None:
        source = mod.as_count_source(numbers(STREAM_ITEMS)) if label == "ours" else Counter()
        assert await mod.drain_source(source) == STREAM_ITEMS

    bench_async("stream_reverse_100k", drain, 1, per_item=STREAM_ITEMS)


def check_ticks(total: int, per: int) -> None:
    """`tick_from_thread(cb, per)` returns the sum of `cb.tick(i)` for i < per (ticks echo i)."""
    assert total == per * (per - 1) // 2, total


def bench_sync_per(name: str, fn: typing.Callable[[], typing.Any], n: int, per: int) -> None:
    results = []
    for b in range(WARMUP + BATCHES):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        dt = time.perf_counter_ns() - t0
        if b >= WARMUP:
            results.append(dt / (n * per))
    report(name, results)


def live_handles(mod: typing.Any) -> int:
    """Ours: pending polls plus the handles Rust holds (callback objects, foreign futures);
    upstream: the sizes of its continuation and foreign-future handle maps."""
    if hasattr(mod, "uniffi_live_polls"):
        return int(mod.uniffi_live_polls()) + int(getattr(mod, "uniffi_live_handles", lambda: 0)())
    total = 0
    for attr in ("_UniffiContinuationHandleMap", "_UNIFFI_FOREIGN_FUTURE_HANDLE_MAP"):
        if hasattr(mod, attr):
            total += len(getattr(mod, attr))
    return total


def memory(mod: typing.Any, label: str) -> None:
    calls = 10_000 if QUICK else 1_000_000
    cancels = 1_000 if QUICK else 10_000

    async def main() -> None:
        async def round_of_calls(k: int) -> None:
            for _ in range(k // 2):
                await mod.async_ready()
            for _ in range(k // 200):  # 1% woken, gathered
                await asyncio.gather(*(mod.async_woken() for _ in range(100)))

        async def round_of_cancels(k: int) -> None:
            for _ in range(k // 1000 or 1):
                tasks = [asyncio.ensure_future(mod.wait_forever()) for _ in range(min(k, 1000))]
                await asyncio.sleep(0)
                await asyncio.sleep(0)
                for t in tasks:
                    t.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

        await round_of_calls(2_000)
        await round_of_cancels(1_000)
        gc.collect()
        base = rss_kb()
        t0 = time.perf_counter()
        await round_of_calls(calls)
        await round_of_cancels(cancels)
        await asyncio.sleep(0.05)
        gc.collect()
        print(f"MEM calls {calls}", flush=True)
        print(f"MEM cancellations {cancels}", flush=True)
        print(f"MEM seconds {time.perf_counter() - t0:.1f}", flush=True)
        print(f"MEM live_rust_futures {mod.live_futures()}", flush=True)
        print(f"MEM live_handles {live_handles(mod)}", flush=True)
        print(f"MEM rss_growth_kb {rss_kb() - base}", flush=True)

    asyncio.run(main())


def run_floor() -> None:
    lib = ctypes.CDLL(os.path.join(LIBDIR, "libbenchfix.so"))
    raw = lib.benchfix_raw_noop
    raw.argtypes, raw.restype = [], None

    class Status(ctypes.Structure):
        _fields_ = [("code", ctypes.c_int8), ("cap", ctypes.c_uint64), ("len", ctypes.c_uint64),
                    ("data", ctypes.c_void_p)]

    add = lib.uniffi_benchfix_fn_func_add
    add.argtypes, add.restype = [ctypes.c_uint32, ctypes.c_uint32, ctypes.POINTER(Status)], ctypes.c_uint32
    status = Status()
    sp = ctypes.byref(status)
    bench_sync("sync_noop", raw, n_of(200_000))
    bench_sync("sync_add", lambda: add(1, 2, sp), n_of(200_000))

    async def ready() -> int:
        return 7

    hop: "queue.SimpleQueue[typing.Any]" = queue.SimpleQueue()

    def hopper() -> None:
        while True:
            item = hop.get()
            item[0].call_soon_threadsafe(item[1].set_result, 7)

    threading.Thread(target=hopper, daemon=True).start()

    def woken() -> "asyncio.Future[int]":
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        hop.put((loop, fut))
        return fut

    bench_async("async_ready", ready, n_of(20_000))
    bench_async("async_woken", woken, n_of(5_000))
    bench_async("concurrent_ready_1000", ready, n_of(20), concurrent=True)
    bench_async("concurrent_woken_1000", woken, n_of(10), concurrent=True)
    bench_async("async_string_100", ready, n_of(20_000))
    na("foreign_async_awaited_by_rust", "-")
    # A bare ctypes callback called from one fresh Rust thread (no bindings around it).
    tick_type = ctypes.CFUNCTYPE(ctypes.c_uint32, ctypes.c_uint32)
    raw_tick = tick_type(lambda x: x)
    ticks = lib.benchfix_raw_tick_from_thread
    ticks.argtypes, ticks.restype = [tick_type, ctypes.c_uint32], ctypes.c_uint32
    per = 100
    bench_sync_per("sync_callback_from_rust_thread", lambda: check_ticks(ticks(raw_tick, per), per), n_of(2_000), per)
    bench_async("offload_blocking_call", lambda: asyncio.get_running_loop().run_in_executor(None, raw), n_of(5_000))

    # The native async iteration floor (both stream rows): an async generator of STREAM_ITEMS
    # ints, `async for`.
    async def consume() -> None:
        total = 0
        async for x in numbers(STREAM_ITEMS):
            total += x
        assert total == STREAM_ITEMS * (STREAM_ITEMS - 1) // 2, total

    bench_async("stream_100k", consume, 1, per_item=STREAM_ITEMS)
    bench_async("stream_reverse_100k", consume, 1, per_item=STREAM_ITEMS)


if IMPL == "floor":
    run_floor()
elif IMPL == "peer":
    import benchpeer  # type: ignore[import-not-found]
    run_bindings(benchpeer, "peer")
else:
    import benchfix  # type: ignore[import-not-found]
    run_bindings(benchfix, IMPL)
# Exit without finalising the interpreter: the fixture's waker thread outlives it, and the PyO3
# peer's offload worker can still be waking a coroutine while the interpreter shuts down.
sys.stdout.flush()
os._exit(0)
