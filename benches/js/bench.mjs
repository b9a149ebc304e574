// Benchmark program for Node.js: run once per implementation (`ours`, `floor`, `peer`) from a
// directory holding the generated `benchfix.js` (ours), `libbenchfix.so` (floor, through koffi)
// or `benchpeer.node` (the napi-rs peer). Prints one machine-readable line per scenario:
//   ROW <scenario> <median_ns> <min_ns> <max_ns> | NA <scenario> <reason> | MEM <key> <value>
// Usage: node bench.mjs IMPL QUICK(0|1)

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const IMPL = process.argv[2];
const QUICK = process.argv[3] === '1';
const BATCHES = QUICK ? 3 : 9;
const WARMUP = QUICK ? 1 : 2;
const SCALE = QUICK ? 0.02 : 1.0;
const CONCURRENT = 1000;
const STRING = 'x'.repeat(100);
const require = createRequire(join(process.cwd(), 'x.js'));

const nOf = (full) => Math.max(1, Math.floor(full * SCALE));
const now = () => process.hrtime.bigint();

function report(name, perBatch) {
  const s = [...perBatch].sort((a, b) => a - b);
  console.log(`ROW ${name} ${s[s.length >> 1].toFixed(1)} ${s[0].toFixed(1)} ${s[s.length - 1].toFixed(1)}`);
}
const na = (name, reason) => console.log(`NA ${name} ${reason}`);

function benchSync(name, fn, n, per = 1) {
  const results = [];
  for (let b = 0; b < WARMUP + BATCHES; b++) {
    const t0 = now();
    for (let i = 0; i < n; i++) fn();
    const dt = Number(now() - t0);
    if (b >= WARMUP) results.push(dt / (n * per));
  }
  report(name, results);
}

async function benchAsync(name, make, n, { concurrent = false, per = 1 } = {}) {
  const results = [];
  for (let b = 0; b < WARMUP + BATCHES; b++) {
    const t0 = now();
    let calls = n;
    if (concurrent) {
      for (let i = 0; i < n; i++) {
        const ps = new Array(CONCURRENT);
        for (let j = 0; j < CONCURRENT; j++) ps[j] = make();
        await Promise.all(ps);
      }
      calls = n * CONCURRENT;
    } else {
      for (let i = 0; i < n; i++) await make();
    }
    const dt = Number(now() - t0);
    if (b >= WARMUP) results.push(dt / (calls * per));
  }
  report(name, results);
}

async function runBindings(m, label) {
  benchSync('sync_noop', () => m.noop(), nOf(200_000));
  benchSync('sync_add', () => m.add(1, 2), nOf(200_000));
  await benchAsync('async_ready', () => m.asyncReady(), nOf(20_000));
  await benchAsync('async_woken', () => m.asyncWoken(), nOf(5_000));
  await benchAsync('concurrent_ready_1000', () => m.asyncReady(), nOf(20), { concurrent: true });
  await benchAsync('concurrent_woken_1000', () => m.asyncWoken(), nOf(10), { concurrent: true });
  await benchAsync('async_string_100', () => m.asyncString(STRING), nOf(20_000));
  // A foreign trait with an async method (Rust awaits it) and a sync callback interface; the
  // napi-rs peer takes the same JS functions as threadsafe functions.
  const src = { value: async () => 1 };
  const ticker = { tick: (x) => x };
  const per = 100;
  const check = (got, want) => { if (got !== want) throw new Error(`got ${got}, want ${want}`); };
  const sumTicks = (per * (per - 1)) / 2;
  if (label === 'peer') {
    const value = () => src.value();
    const tick = (x) => ticker.tick(x);
    await benchAsync('foreign_async_awaited_by_rust', async () => check(await m.awaitForeign(value, per), per), nOf(200), { per });
    await benchAsync('sync_callback_from_rust_thread', async () => check(await m.tickFromThread(tick, per), sumTicks), nOf(2_000), { per });
    await benchAsync('offload_blocking_call', () => m.blockingNoop(), nOf(5_000));
    na('stream_100k', 'no_napi-rs_peer_scenario');
    na('stream_reverse_100k', 'no_napi-rs_peer_scenario');
    return;
  }
  await benchAsync('foreign_async_awaited_by_rust', async () => check(await m.awaitForeign(src, per), per), nOf(200), { per });
  // Offloaded for JS (benches/fixture/uniffi-js.toml): a sync call would deadlock (docs/js.md).
  const ticked = m.tickFromThread(ticker, per);
  if (!(ticked instanceof Promise)) throw new Error('tickFromThread is not offloaded');
  check(await ticked, sumTicks);
  await benchAsync('sync_callback_from_rust_thread', async () => check(await m.tickFromThread(ticker, per), sumTicks), nOf(2_000), { per });
  const probe = m.blockingNoop();
  if (probe instanceof Promise) {
    await probe;
    await benchAsync('offload_blocking_call', () => m.blockingNoop(), nOf(5_000));
  } else {
    na('offload_blocking_call', 'n/a_(offload_not_rendered_by_our_JS_backend)');
  }
  // One stream of STREAM_ITEMS ready items per batch, consumed with `for await`; per item.
  await benchAsync('stream_100k', () => sumOf(m.countStream(STREAM_ITEMS)), 1, { per: STREAM_ITEMS });
  // The reverse: Rust drains an async generator of STREAM_ITEMS numbers through the adapter.
  const drained = async () => check(await m.drainSource(m.asCountSource(numbers(STREAM_ITEMS))), STREAM_ITEMS);
  await benchAsync('stream_reverse_100k', drained, 1, { per: STREAM_ITEMS });
  await memory(m);
}

const STREAM_ITEMS = nOf(100_000);

/** The native async iteration: an async generator of `0, 1, ..., n - 1`. */
async function* numbers(n) {
  for (let i = 0; i < n; i++) yield i;
}

async function sumOf(stream) {
  let total = 0;
  for await (const x of stream) total += x;
  if (total !== (STREAM_ITEMS * (STREAM_ITEMS - 1)) / 2) throw new Error(`stream sum ${total}`);
}

const rssKb = () => Math.floor(process.memoryUsage().rss / 1024);

async function memory(m) {
  const calls = QUICK ? 10_000 : 1_000_000;
  const cancels = QUICK ? 1_000 : 10_000;
  const roundOfCalls = async (k) => {
    for (let i = 0; i < k / 2; i++) await m.asyncReady();
    for (let i = 0; i < Math.floor(k / 200); i++) {
      await Promise.all(Array.from({ length: 100 }, () => m.asyncWoken()));
    }
  };
  const roundOfCancels = async (k) => {
    for (let r = 0; r < Math.max(1, Math.floor(k / 1000)); r++) {
      const controllers = Array.from({ length: Math.min(k, 1000) }, () => new AbortController());
      const ps = controllers.map((c) => m.waitForever({ signal: c.signal }).catch(() => undefined));
      await new Promise((r) => setImmediate(r));
      controllers.forEach((c) => c.abort());
      await Promise.all(ps);
    }
  };
  // Warm-up: one full round, so V8's heap (young generation, code, inline caches) reaches its
  // steady size first; the measured round then shows what a second identical round adds, which
  // is what a leak would (V8 keeps the heap it grew, so one round from cold is not a leak).
  await roundOfCalls(calls);
  await roundOfCancels(cancels);
  await new Promise((r) => setTimeout(r, 50));
  global.gc?.();
  const base = rssKb();
  const t0 = Date.now();
  await roundOfCalls(calls);
  await roundOfCancels(cancels);
  await new Promise((r) => setTimeout(r, 50));
  global.gc?.();
  console.log(`MEM calls ${calls}`);
  console.log(`MEM cancellations ${cancels}`);
  console.log(`MEM seconds ${((Date.now() - t0) / 1000).toFixed(1)}`);
  console.log(`MEM live_rust_futures ${m.liveFutures()}`);
  const handles = typeof m.uniffiLivePolls === 'function' ? m.uniffiLivePolls() + (m.uniffiLiveHandles?.() ?? 0) : 'n/a';
  console.log(`MEM live_handles ${handles}`);
  console.log(`MEM rss_growth_kb ${rssKb() - base}`);
}

async function runFloor() {
  const koffi = require('koffi');
  const lib = koffi.load(join(process.cwd(), 'libbenchfix.so'));
  const raw = lib.func('void benchfix_raw_noop()');
  const Status = koffi.struct('FloorStatus', { code: 'int8', cap: 'uint64', len: 'uint64', data: 'void *' });
  // The call status as a preallocated native buffer (as our bindings do): an `_Out_` struct
  // parameter would make koffi copy it back into a JS object on every call.
  const add = lib.func('uint32 uniffi_benchfix_fn_func_add(uint32, uint32, FloorStatus *)');
  const status = koffi.alloc(Status, 1);
  benchSync('sync_noop', () => raw(), nOf(200_000));
  benchSync('sync_add', () => add(1, 2, status), nOf(200_000));
  const ready = async () => 7;
  // A plain thread hop: a worker thread posts back to the main thread for each request.
  const worker = new Worker('const { parentPort } = require("node:worker_threads"); parentPort.on("message", (id) => parentPort.postMessage(id));', { eval: true });
  const waiting = new Map();
  let next = 0;
  worker.on('message', (id) => { waiting.get(id)(7); waiting.delete(id); });
  const woken = () => new Promise((resolve) => { const id = next++; waiting.set(id, resolve); worker.postMessage(id); });
  await benchAsync('async_ready', ready, nOf(20_000));
  await benchAsync('async_woken', woken, nOf(5_000));
  await benchAsync('concurrent_ready_1000', ready, nOf(20), { concurrent: true });
  await benchAsync('concurrent_woken_1000', woken, nOf(10), { concurrent: true });
  await benchAsync('async_string_100', ready, nOf(20_000));
  na('foreign_async_awaited_by_rust', '-');
  // A raw koffi callback called from a Rust thread, the call offloaded to libuv's pool (a sync
  // call would deadlock, as for ours): koffi's own relay of each call to the JS thread.
  const per = 100;
  const TickCb = koffi.proto('uint32_t FloorTick(uint32_t)');
  const tickPtr = koffi.register((x) => x, koffi.pointer(TickCb));
  const rawTick = lib.func('uint32_t benchfix_raw_tick_from_thread(FloorTick *, uint32_t)');
  const sumTicks = (per * (per - 1)) / 2;
  const tickOffloaded = () => new Promise((resolve, reject) => rawTick.async(tickPtr, per, (err, got) => {
    if (err) reject(err);
    else if (got !== sumTicks) reject(new Error(`got ${got}, want ${sumTicks}`));
    else resolve(got);
  }));
  await benchAsync('sync_callback_from_rust_thread', tickOffloaded, nOf(2_000), { per });
  // The offloaded raw C no-op on libuv's pool.
  const rawAsync = () => new Promise((resolve, reject) => raw.async((err) => (err ? reject(err) : resolve())));
  await benchAsync('offload_blocking_call', rawAsync, nOf(5_000));
  // The native async iteration floor: an async generator of STREAM_ITEMS numbers, `for await`
  // (the floor of both stream rows).
  await benchAsync('stream_100k', () => sumOf(numbers(STREAM_ITEMS)), 1, { per: STREAM_ITEMS });
  await benchAsync('stream_reverse_100k', () => sumOf(numbers(STREAM_ITEMS)), 1, { per: STREAM_ITEMS });
  koffi.unregister(tickPtr);
  await worker.terminate();
}

if (IMPL === 'floor') {
  await runFloor();
} else if (IMPL === 'peer') {
  await runBindings(require('./benchpeer.node'), 'peer');
} else {
  await runBindings(await import(join(process.cwd(), 'benchfix.js')), IMPL);
}
process.exit(0);
