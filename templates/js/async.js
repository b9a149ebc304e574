{#- All async machinery for Node: offloaded blocking calls on libuv's thread pool, and the
    RustFuture driver with its continuation and cancellation. #}
// ---- async: offloaded calls and Rust futures on the Node event loop --------------------

/**
 * Runs a blocking Rust call on libuv's thread pool through koffi's asynchronous call, so the
 * event loop keeps running; resolves with the raw result once the call status is checked.
 * `start(status, done)` starts the call with a native status pointer, which stays this
 * call's until `done` has run on the JS thread.
 */
function uniffiRustCallOffload(start, error) {
  return new Promise((resolve, reject) => {
    const status = uniffiAcquireStatus();
    try {
      start(status.ptr, (err, result) => {
        try {
          if (err) {
            throw err;
          }
          uniffiCheckNativeStatus(status, error);
          resolve(result);
        } catch (e) {
          reject(e);
        } finally {
          uniffiReleaseStatus(status);
        }
      });
    } catch (e) {
      uniffiReleaseStatus(status);
      throw e;
    }
  });
}

/**
 * Work in flight that Node cannot see: polls waiting for Rust's continuation, and foreign
 * futures Rust awaits. Neither koffi's cross-thread relay nor the (unref'd) doorbell of the
 * continuation queue holds the event loop open, so while this is non-zero a ref'd handle does:
 * the doorbell itself when there is one, a timer otherwise.
 */
let uniffiPendingWork = 0;
let uniffiKeepAlive;
/** The continuation queue's doorbell socket, when the native queue is active. */
let uniffiDoorbell;

function uniffiKeepAliveTick() {}

function uniffiTrackWork(delta) {
  uniffiPendingWork += delta;
  if (uniffiPendingWork > 0 && uniffiKeepAlive === undefined) {
    uniffiKeepAlive = uniffiDoorbell !== undefined ? uniffiDoorbell.ref() : setInterval(uniffiKeepAliveTick, 0x7fffffff);
  } else if (uniffiPendingWork === 0 && uniffiKeepAlive !== undefined) {
    if (uniffiKeepAlive === uniffiDoorbell) {
      uniffiDoorbell.unref();
    } else {
      clearInterval(uniffiKeepAlive);
    }
    uniffiKeepAlive = undefined;
  }
}
{%- if v.has_futures %}

const UNIFFI_POLL_READY = 0;
/** "No continuation yet" in the inline slot. */
const UNIFFI_NO_CODE = 0xffffffff;
/** Entries one drain of the native queue moves (the runtime crate's `CAPACITY`). */
const UNIFFI_QUEUE_CAPACITY = 1024;

/** Polls waiting for a continuation that did not fire inline: key -> resolve (each counted as work). */
const uniffiPolls = new Map();
let uniffiNextPollKey = 1;

/**
 * Continuations reach JS in one of two ways.
 *
 * - The native queue of the optional `uniffi-async-runtime` crate, when the library exports it
 *   (`uniffi_async_runtime::export_continuation_queue!(<namespace>)`): the continuation is
 *   native code that never waits for JS. Fired on the JS thread inside `poll`, it stores the
 *   code in the shared slot `[polling key, code]`; fired from another Rust thread, it queues
 *   `(key, code)` and, when the queue was empty, writes one byte to a pipe. Node watches the
 *   pipe's read end (the doorbell) and drains every queued entry with one call per 1024.
 * - Otherwise a registered koffi callback: koffi relays each call from another Rust thread to
 *   the JS thread, blocking that thread until JS has run it. The slot is a JS array.
 *
 * `{{ v.queue_env_var }}=0` in the environment forces the koffi callback.
 */
const uniffiQueue = (() => {
  if (process.env.{{ v.queue_env_var }} === '0') {
    return undefined;
  }
  try {
    if (uniffiLib.func('{{ v.queue_prefix }}version', 'uint32_t', [])() !== 1) {
      return undefined;
    }
    const id = uniffiLib.func('{{ v.queue_prefix }}queue_new', 'uint32_t', [])();
    if (id === 0) {
      return undefined;
    }
    const shared = uniffiLib.func('{{ v.queue_prefix }}queue_shared', 'void *', ['uint32_t'])(id);
    const fd = uniffiLib.func('{{ v.queue_prefix }}queue_doorbell', 'int32_t', ['uint32_t'])(id);
    const doorbell = new Socket({ fd, readable: true, writable: false });
    doorbell.unref();
    return {
      id,
      base: id * 2 ** 32,
      slot: new Uint32Array(koffi.view(shared, 4 * (2 + 2 * UNIFFI_QUEUE_CAPACITY))),
      drain: uniffiLib.func('{{ v.queue_prefix }}queue_drain', 'uint32_t', ['uint32_t']),
      continuation: uniffiLib.symbol('{{ v.queue_prefix }}continuation'),
      doorbell,
    };
  } catch {
    return undefined;
  }
})();

/** A continuation that did not fire inline reached JS: resolve the poll waiting for it. */
function uniffiContinuation(key, pollCode) {
  const resolve = uniffiPolls.get(key);
  if (resolve !== undefined) {
    uniffiPolls.delete(key);
    uniffiTrackWork(-1);
    resolve(pollCode);
  }
}

/** `[polling key, inline code]`, where `poll` leaves the code of a continuation that fired inline. */
const uniffiInlineSlot = uniffiQueue?.slot ?? new Uint32Array([0, UNIFFI_NO_CODE]);
/** The continuation `poll` gets, and what its data adds to the poll key. */
let uniffiContinuationPtr;
let uniffiDataBase = 0;

if (uniffiQueue !== undefined) {
  uniffiContinuationPtr = uniffiQueue.continuation;
  uniffiDataBase = uniffiQueue.base;
  uniffiDoorbell = uniffiQueue.doorbell;
  uniffiDoorbell.on('data', uniffiDrainQueue);
} else {
  // Runs on the JS thread: inline inside `poll`, or relayed by koffi from a Rust thread.
  uniffiContinuationPtr = koffi.register((data, pollCode) => {
    const key = Number(data);
    if (key === uniffiInlineSlot[0]) {
      uniffiInlineSlot[1] = pollCode;
    } else {
      uniffiContinuation(key, pollCode);
    }
  }, koffi.pointer(UniffiRustFutureContinuation));
}

/** Hands every queued continuation to the poll waiting for it. */
function uniffiDrainQueue() {
  const { id, slot, drain } = uniffiQueue;
  let n;
  do {
    n = drain(id);
    for (let i = 2; i < 2 + 2 * n; i += 2) {
      uniffiContinuation(slot[i], slot[i + 1]);
    }
  } while (n === UNIFFI_QUEUE_CAPACITY);
}

/** `polling` during a call after which JS drains the queue itself; never a poll key. */
const UNIFFI_DRAIN_AFTER = 0xffffffff;

/**
 * Makes a call into Rust that may wake Rust futures on this thread (completing a foreign
 * future), then drains the native queue at once: those continuations reach their polls without
 * a doorbell round trip through the event loop.
 */
function uniffiCallThenDrain(call) {
  if (uniffiQueue === undefined) {
    call();
    return;
  }
  const slot = uniffiInlineSlot;
  const outerKey = slot[0];
  slot[0] = UNIFFI_DRAIN_AFTER;
  try {
    call();
  } finally {
    slot[0] = outerKey;
  }
  uniffiDrainQueue();
}

/**
 * One poll of the Rust future `handle`: the poll code when the continuation fired inline,
 * otherwise a Promise of it. The slot is saved and restored around the call, since a poll can
 * run JS (a callback) that polls another future.
 */
function uniffiPoll(family, handle) {
  const key = uniffiNextPollKey;
  uniffiNextPollKey = key === UNIFFI_DRAIN_AFTER - 1 ? 1 : key + 1;
  const slot = uniffiInlineSlot;
  const outerKey = slot[0];
  const outerCode = slot[1];
  slot[0] = key;
  slot[1] = UNIFFI_NO_CODE;
  let code;
  try {
    family.poll(handle, uniffiContinuationPtr, uniffiDataBase + key);
  } finally {
    code = slot[1];
    slot[0] = outerKey;
    slot[1] = outerCode;
  }
  if (code !== UNIFFI_NO_CODE) {
    return code;
  }
  // Rust will call back later, from some thread.
  uniffiTrackWork(1);
  return new Promise((resolve) => uniffiPolls.set(key, resolve));
}

/**
 * Drives the Rust future `start()` creates to completion and returns `complete`'s raw result.
 * Aborting `signal` cancels the Rust future (its pending continuation then fires READY) and
 * rejects with an `AbortError`; the future is freed on every path.
 */
async function uniffiRustCallAsync(start, family, error, signal) {
  if (signal?.aborted) {
    throw uniffiAbortError(signal.reason);
  }
  const handle = start();
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    family.cancel(handle);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let code = uniffiPoll(family, handle);
      if (typeof code !== 'number') {
        code = await code;
      }
      if (code === UNIFFI_POLL_READY) {
        break;
      }
    }
    if (aborted) {
      throw uniffiAbortError(signal?.reason);
    }
    return uniffiRustCall((status) => family.complete(handle, status), error);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    family.free(handle);
  }
}
{%- for f in v.families %}

const {{ f.var }} = Object.freeze({
  poll: uniffiFfi.{{ f.poll }},
  complete: uniffiFfi.{{ f.complete }},
  cancel: uniffiFfi.{{ f.cancel }},
  free: uniffiFfi.{{ f.free }},
});
{%- endfor %}

/** Debug count of polls waiting for their continuation (0 when nothing is pending). */
export function uniffiLivePolls() {
  return uniffiPolls.size;
}

/** Debug flag: continuations arrive through `uniffi-async-runtime`'s native queue. */
export function uniffiNativeContinuations() {
  return uniffiQueue !== undefined;
}
{%- endif %}
{%- if v.has_foreign_futures %}

/** Foreign futures Rust holds: key -> AbortController, until Rust drops the future. */
const uniffiForeignFutures = new Map();
let uniffiNextForeignFuture = 1n;

/** Rust dropped a foreign future (completed or not): abort the JS side if still running. */
const UNIFFI_FOREIGN_FUTURE_DROPPED = koffi.register((key) => {
  const controller = uniffiForeignFutures.get(BigInt(key));
  uniffiForeignFutures.delete(BigInt(key));
  controller?.abort();
}, koffi.pointer(UniffiForeignFutureDroppedCallback));

/**
 * Runs an async JS method Rust awaits: tells Rust how to signal a drop (through
 * `outDropped`), starts the method with an AbortSignal, and completes the foreign future
 * with its result or error once the promise settles.
 */
function uniffiForeignFuture(outDropped, complete, completeType, callbackData, ok, failed, error, start) {
  const key = uniffiNextForeignFuture;
  uniffiNextForeignFuture += 1n;
  const controller = new AbortController();
  uniffiForeignFutures.set(key, controller);
  uniffiTrackWork(1);
  koffi.encode(outDropped, UniffiForeignFutureDroppedCallbackStruct, { handle: key, free: UNIFFI_FOREIGN_FUTURE_DROPPED });
  let settled = false;
  const finish = (result) => {
    if (!settled) {
      settled = true;
      uniffiTrackWork(-1);
{%- if v.has_futures %}
      uniffiCallThenDrain(() => koffi.call(complete, completeType, callbackData, result));
{%- else %}
      koffi.call(complete, completeType, callbackData, result);
{%- endif %}
    }
  };
  let promise;
  try {
    promise = Promise.resolve(start(controller.signal));
  } catch (e) {
    promise = Promise.reject(e);
  }
  promise.then(
    (value) => {
      let result;
      try {
        result = ok(value);
      } catch (e) {
        result = failed(uniffiForeignErrorStatus(e, undefined));
      }
      finish(result);
    },
    (e) => finish(failed(uniffiForeignErrorStatus(e, error))),
  );
}
{%- endif %}
