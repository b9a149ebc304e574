{#- How Rust future continuations reach the JS thread (included by async.js): the native queue of
    `uniffi-async-runtime` when the library exports it, else a koffi callback. #}
/** Entries one drain of the native queue moves (the runtime crate's `CAPACITY`). */
const UNIFFI_QUEUE_CAPACITY = 1024;

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
  const slot = uniffiInlineSlot;
  if (uniffiQueue === undefined || slot[0] !== 0) {
    // No queue, or inside a poll (whose inline slot must stay as it is): the ordinary path.
    call();
    return;
  }
  slot[0] = UNIFFI_DRAIN_AFTER;
  try {
    call();
  } finally {
    slot[0] = 0;
  }
  uniffiDrainQueue();
}
