{#- All async machinery for Node: offloaded blocking calls on libuv's thread pool, and the
    RustFuture driver with its continuation and cancellation. #}
// ---- async: offloaded calls and Rust futures on the Node event loop --------------------

/**
 * Runs a blocking Rust call on libuv's thread pool through koffi's asynchronous call, so the
 * event loop keeps running; resolves with the raw result once the call status is checked.
 * `start(status, done)` starts the call: koffi copies the status back into `status` (kept
 * alive by this closure) before `done` runs on the JS thread.
 */
function uniffiRustCallOffload(start, error) {
  return new Promise((resolve, reject) => {
    const status = uniffiNewStatus();
    start(status, (err, result) => {
      if (err) {
        reject(err);
        return;
      }
      try {
        uniffiCheckStatus(status, error);
        resolve(result);
      } catch (e) {
        reject(e);
      }
    });
  });
}
{%- if v.has_futures %}

const UNIFFI_POLL_READY = 0;

/** Pending polls: callback-data key -> resolver of the poll's promise. */
const uniffiPolls = new Map();
let uniffiNextPollKey = 1;
/**
 * A ref'd timer that keeps Node alive while a Rust future may still wake us: koffi's
 * cross-thread callback relay does not hold the event loop open by itself.
 */
let uniffiKeepAlive;

function uniffiKeepAliveTick() {}

/**
 * The one continuation for the whole module. Rust calls it exactly once per poll, either
 * inline inside `poll` (on the JS thread) or later from any Rust thread, in which case koffi
 * relays the call to the JS thread (blocking the Rust thread until it has run).
 */
function uniffiContinuation(data, pollCode) {
  const key = Number(data);
  const resolve = uniffiPolls.get(key);
  if (resolve === undefined) {
    return;
  }
  uniffiPolls.delete(key);
  if (uniffiPolls.size === 0 && uniffiKeepAlive !== undefined) {
    clearInterval(uniffiKeepAlive);
    uniffiKeepAlive = undefined;
  }
  resolve(pollCode);
}

const UNIFFI_CONTINUATION = koffi.register(uniffiContinuation, koffi.pointer(UniffiRustFutureContinuation));

/** One poll of the Rust future `handle`; resolves with the poll code its continuation gets. */
function uniffiPoll(family, handle) {
  return new Promise((resolve) => {
    const key = uniffiNextPollKey++;
    uniffiPolls.set(key, resolve);
    try {
      family.poll(handle, UNIFFI_CONTINUATION, key);
    } catch (e) {
      uniffiPolls.delete(key);
      throw e;
    }
    if (uniffiPolls.has(key) && uniffiKeepAlive === undefined) {
      uniffiKeepAlive = setInterval(uniffiKeepAliveTick, 0x7fffffff);
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
