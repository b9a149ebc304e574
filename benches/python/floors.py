"""The floors that decide the design of the Python async ready path (issue 16): what one ctypes
crossing, one callback into Python and one trivial await cost on this machine, and our ready
async call broken down step by step. Not part of `cargo xtask bench`; run it by hand against
the bench fixture's generated bindings (after one `cargo xtask bench --lang python`, or any
directory holding our `benchfix.py` and `libbenchfix.so`):

    python3 benches/python/floors.py [DIR]          # DIR: target/bench/work/python-ours
    python3 benches/python/floors.py DIR --instructions   # + instructions per op (valgrind)

Timing: ns per op, the median (min) of 15 batches of 20,000 ops after warm-up. The machine is
shared: print `uptime` next to any number you keep. `--instructions` also counts instructions
per op with callgrind (two runs of 3000 and 6000 ops per scenario, PYTHONHASHSEED=0, the difference divided by N),
which the load does not move.
"""

import asyncio
import ctypes
import importlib
import os
import subprocess
import sys
import time
import typing

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
DIR = os.path.abspath(ARGS[0] if ARGS else os.path.join(os.path.dirname(__file__), "../../target/bench/work/python-ours"))
sys.path.insert(0, DIR)
bf: typing.Any = importlib.import_module("benchfix")
g = vars(bf)
lib = g["_uniffi_lib"]
STRING = "x" * 100


def setup() -> typing.Dict[str, typing.Callable[[int], None]]:
    """Each scenario: a function running `n` ops (the loop overhead is measured by `empty`)."""
    libc = ctypes.CDLL(None)
    labs = libc.labs  # a C function taking one 64-bit integer and doing nothing worth counting
    labs.restype = ctypes.c_long
    raw = lib.benchfix_raw_noop
    raw.argtypes, raw.restype = [], None
    handle = g["_UniffiHandle"](12345)
    start = g["_uniffi_benchfix_fn_func_async_ready"]
    start_s = g["_uniffi_benchfix_fn_func_async_string"]
    poll = g["_uniffi_ffi_benchfix_rust_future_poll_u32"]
    complete = g["_uniffi_ffi_benchfix_rust_future_complete_u32"]
    free = g["_uniffi_ffi_benchfix_rust_future_free_u32"]
    # The GIL-keeping `free` for a completed future, where the bindings have one.
    free_done = g.get("_uniffi_ffi_benchfix_rust_future_free_u32_held", free)
    poll_b = g["_uniffi_ffi_benchfix_rust_future_poll_rust_buffer"]
    complete_b = g["_uniffi_ffi_benchfix_rust_future_complete_rust_buffer"]
    free_b = g.get("_uniffi_ffi_benchfix_rust_future_free_rust_buffer_held", g["_uniffi_ffi_benchfix_rust_future_free_rust_buffer"])
    lower = g["_UniffiConverterString"].lower
    lift = g["_UniffiConverterString"].lift
    status, ref = g["_uniffi_tls"].status
    api = g["_UNIFFI_QUEUE_API"]
    native = api.continuation if api is not None else None
    data = ctypes.c_uint64(1)
    ctypes_cb = g["_UniffiContinuationType"](lambda d, c: None)
    labs_cb = libc.labs  # same C function, a separate prototype taking a pointer
    labs_cb.restype = ctypes.c_long

    def empty(n: int) -> None:
        for _ in range(n):
            pass

    def raw_noop(n: int) -> None:
        for _ in range(n):
            raw()

    def call_handle(n: int) -> None:
        for _ in range(n):
            labs(handle)

    def call_cb_ptr(n: int) -> None:
        p = ctypes.c_void_p(1)
        for _ in range(n):
            labs_cb(p)

    def call_cfunctype(n: int) -> None:
        for _ in range(n):
            labs_cb(ctypes_cb)

    def callback_into_python(n: int) -> None:
        # C calls back into Python: `poll` of a ready future with a ctypes continuation fires it
        # inline; minus `start_poll_native_free` below, that is the callback's cost.
        for _ in range(n):
            h = start()
            poll(h, ctypes_cb, 1)
            free(h)

    def start_free(n: int) -> None:
        for _ in range(n):
            free(start())

    def await_done(n: int) -> None:
        for _ in range(n):
            free_done(start())

    def start_poll_native_free(n: int) -> None:
        for _ in range(n):
            h = start()
            poll(h, native, data)
            free(h)

    def start_poll_complete_free(n: int) -> None:
        for _ in range(n):
            h = start()
            poll(h, native, data)
            complete(h, ref)
            free_done(h)

    async def ready() -> int:
        return 1

    def run_async(body: typing.Callable[[int], typing.Awaitable[None]]) -> typing.Callable[[int], None]:
        return lambda n: asyncio.run(body(n))

    async def await_ready(n: int) -> None:
        for _ in range(n):
            await ready()

    async def await_async_ready(n: int) -> None:
        f = bf.async_ready
        for _ in range(n):
            await f()

    def string_lower_free(n: int) -> None:
        for _ in range(n):
            lift(lower(STRING))  # two crossings: from_bytes, free

    def string_raw_chain(n: int) -> None:
        for _ in range(n):
            h = start_s(lower(STRING))
            poll_b(h, native, data)
            b = complete_b(h, ref)
            free_b(h)
            lift(b)

    async def await_async_string(n: int) -> None:
        f = bf.async_string
        for _ in range(n):
            await f(STRING)

    scenarios = {
        "empty loop": empty,
        "ctypes: C no-op, no args": raw_noop,
        "ctypes: one handle arg (c_uint64 object)": call_handle,
        "ctypes: one pre-built pointer arg (c_void_p)": call_cb_ptr,
        "ctypes: passing a CFUNCTYPE object": call_cfunctype,
        "await a trivially ready coroutine": run_async(await_ready),
        "ready: start + free": start_free,
        "ready: start + free (the completed-future free)": await_done,
        "ready: start + poll(native) + free": start_poll_native_free,
        "ready: start + poll(ctypes cb into Python) + free": callback_into_python,
        "ready: start + poll + complete + free": start_poll_complete_free,
        "ready: await async_ready()": run_async(await_async_ready),
        "string: lower + lift (2 crossings)": string_lower_free,
        "string: raw chain (lower, start, poll, complete, free, lift)": string_raw_chain,
        "string: await async_string(s)": run_async(await_async_string),
    }
    if native is None:
        for k in [k for k in scenarios if "poll" in k]:
            del scenarios[k]
    return scenarios


def timing(scenarios: typing.Dict[str, typing.Callable[[int], None]]) -> None:
    n, batches = 20_000, 15
    base = 0.0
    print(f"# {DIR}\n# uptime:{os.popen('uptime').read().split('load')[-1].strip()}")
    for name, fn in scenarios.items():
        fn(2000)
        per = []
        for _ in range(batches):
            t0 = time.perf_counter_ns()
            fn(n)
            per.append((time.perf_counter_ns() - t0) / n)
        per.sort()
        med = per[len(per) // 2]
        if name == "empty loop":
            base = med
            print(f"{name:65s} {med:8.1f} ns (subtracted below)")
            continue
        print(f"{name:65s} {med - base:8.1f} ns  (min {per[0] - base:.1f})")


def instructions(names: typing.List[str]) -> None:
    n = 3000
    counts = {}
    for name in ["empty loop"] + names:
        irs = []
        for k in (n, 2 * n):
            out = subprocess.run(
                ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                 __file__, DIR, "--one", name, str(k)], capture_output=True, text=True,
                env=dict(os.environ, PYTHONHASHSEED="0"))  # same imports, same dicts: deterministic
            irs.append(int([ln for ln in out.stderr.splitlines() if "Collected" in ln][0].split()[-1]))
        counts[name] = (irs[1] - irs[0]) / n
        if name == "empty loop":
            print(f"{name:65s} {counts[name]:8.0f} instr (subtracted below)")
        else:
            print(f"{name:65s} {counts[name] - counts['empty loop']:8.0f} instr")


if __name__ == "__main__":
    if "--one" in sys.argv:
        i = sys.argv.index("--one")
        fn = setup()[sys.argv[i + 1]]
        fn(int(sys.argv[i + 2]))
    else:
        s = setup()
        timing(s)
        if "--instructions" in sys.argv:
            instructions([k for k in s if k != "empty loop"])
