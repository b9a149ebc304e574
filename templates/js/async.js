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
 * futures Rust awaits. koffi's cross-thread callback relay does not hold the event loop open,
 * so a ref'd timer does while this is non-zero.
 */
let uniffiPendingWork = 0;
let uniffiKeepAlive;

function uniffiKeepAliveTick() {}

function uniffiTrackWork(delta) {
  uniffiPendingWork += delta;
  if (uniffiPendingWork > 0 && uniffiKeepAlive === undefined) {
    uniffiKeepAlive = setInterval(uniffiKeepAliveTick, 0x7fffffff);
  } else if (uniffiPendingWork === 0 && uniffiKeepAlive !== undefined) {
    clearInterval(uniffiKeepAlive);
    uniffiKeepAlive = undefined;
  }
}
{%- if v.has_futures %}

const UNIFFI_POLL_READY = 0;

/** Pending polls: callback-data key -> `{ resolve, waiting }` (waiting: counted as work). */
const uniffiPolls = new Map();
let uniffiNextPollKey = 1;

/**
 * The one continuation for the whole module. Rust calls it exactly once per poll, either
 * inline inside `poll` (on the JS thread) or later from any Rust thread, in which case koffi
 * relays the call to the JS thread (blocking the Rust thread until it has run).
 */
function uniffiContinuation(data, pollCode) {
  const key = Number(data);
  const poll = uniffiPolls.get(key);
  if (poll === undefined) {
    return;
  }
  uniffiPolls.delete(key);
  if (poll.waiting) {
    uniffiTrackWork(-1);
  }
  poll.resolve(pollCode);
}

const UNIFFI_CONTINUATION = koffi.register(uniffiContinuation, koffi.pointer(UniffiRustFutureContinuation));

/** One poll of the Rust future `handle`; resolves with the poll code its continuation gets. */
function uniffiPoll(family, handle) {
  return new Promise((resolve) => {
    const key = uniffiNextPollKey++;
    const poll = { resolve, waiting: false };
    uniffiPolls.set(key, poll);
    try {
      family.poll(handle, UNIFFI_CONTINUATION, key);
    } catch (e) {
      uniffiPolls.delete(key);
      throw e;
    }
    if (uniffiPolls.has(key)) {
      // Not woken inline: Rust will call back later, from some thread.
      poll.waiting = true;
      uniffiTrackWork(1);
    }
  });
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
    while ((await uniffiPoll(family, handle)) !== UNIFFI_POLL_READY) {
      // WAKE: poll again.
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
      koffi.call(complete, completeType, callbackData, result);
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
