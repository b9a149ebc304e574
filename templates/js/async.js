{#- All async machinery for Node: offloaded blocking calls on libuv's thread pool, and the
    RustFuture driver with its continuation and cancellation; it includes continuation_queue.js (how
    continuations reach the JS thread) and async_foreign.js (async JS methods Rust awaits). #}
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

/** Polls waiting for a continuation that did not fire inline: key -> resolve (each counted as work). */
const uniffiPolls = new Map();
let uniffiNextPollKey = 1;

/** A continuation that did not fire inline reached JS: resolve the poll waiting for it. */
function uniffiContinuation(key, pollCode) {
  const resolve = uniffiPolls.get(key);
  if (resolve !== undefined) {
    uniffiPolls.delete(key);
    uniffiTrackWork(-1);
    resolve(pollCode);
  }
}
{% include "continuation_queue.js" %}

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
{%- if v.has_streams %}

/**
 * The async iterator of a stream object (`[bindings.async] streams`): each `next()` awaits
 * `next(signal)` (the stream method) until it gives `null`. Calls run one at a time, in order,
 * all with the iterator's own signal. `return()` (what `break` calls) ends the iteration and
 * aborts that signal, cancelling a pending call (its Rust future is dropped; the call then
 * resolves `{ done: true }`). Aborting `signal` rejects the pending call with an `AbortError`
 * and ends the iteration too, as does an error of the stream method.
 */
function uniffiStreamIterator(next, signal) {
  const ended = { done: true, value: undefined };
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  let done = false;
  let inFlight = 0;
  let queue;
  const finish = () => {
    done = true;
    signal?.removeEventListener('abort', onAbort);
  };
  if (signal?.aborted) {
    onAbort();
  } else {
    signal?.addEventListener('abort', onAbort, { once: true });
  }
  const step = async () => {
    if (done) {
      return ended;
    }
    try {
      const value = await next(controller.signal);
      if (value === null) {
        finish();
        return ended;
      }
      return { done: false, value };
    } catch (e) {
      if (done) {
        return ended; // return() aborted this call
      }
      finish();
      throw e;
    }
  };
  const settled = () => {
    inFlight -= 1;
  };
  return {
    next() {
      const result = inFlight === 0 ? step() : queue.then(step);
      inFlight += 1;
      queue = result.then(settled, settled);
      return result;
    },
    async return(value) {
      finish();
      controller.abort();
      return { done: true, value };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
{%- endif %}
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
{%- include "async_foreign.js" %}
{%- if v.has_futures || v.has_foreign_futures %}

/**
 * A worker thread that loaded this module gives koffi back, when it exits, the callbacks it
 * registered for its own use (koffi has 8192 for the whole process, so workers started one
 * after another used them all up), unless Rust may still call one: a poll still pending, or a
 * foreign future Rust still holds.
 */
if (!isMainThread) {
  process.once('exit', () => {
{%- if v.has_futures %}
    if (uniffiPolls.size !== 0) return;
{%- endif %}
{%- if v.has_foreign_futures %}
    if (uniffiForeignFutures.size !== 0) return;
    koffi.unregister(UNIFFI_FOREIGN_FUTURE_DROPPED);
{%- endif %}
{%- if v.has_futures %}
    if (uniffiQueue === undefined) koffi.unregister(uniffiContinuationPtr);
{%- endif %}
  });
}
{%- endif %}
