{#- Foreign futures (included by async.js): async JS methods Rust awaits, completed through the
    callback Rust passes, aborted when Rust drops the future; and the iteration behind the
    adapters of stream traits (`asNumberSource`), which Rust pulls through such methods. #}
{%- if v.has_foreign_futures %}

/**
 * Foreign futures Rust holds that have not settled: key -> their `UniffiForeignCall`, until the
 * promise settles or Rust drops the future (aborting a settled call would only cost an
 * AbortError).
 */
const uniffiForeignFutures = new Map();
let uniffiNextForeignFuture = 1n;

/** The `UniffiForeignCall` under this key of the options an async JS method receives. */
const UNIFFI_FOREIGN_CALL = Symbol('uniffi.foreignCall');

/**
 * One call of an async JS method Rust awaits. Its AbortController is made only when the method
 * reads `options.signal` (most never do, and one costs more than the rest of the call);
 * `onDrop` lets the bindings' own methods (stream adapters) learn of the drop without one.
 */
class UniffiForeignCall {
  constructor() {
    this.controller = undefined;
    this.dropped = false;
    this.onDrop = undefined;
  }

  get signal() {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.dropped) {
        this.controller.abort();
      }
    }
    return this.controller.signal;
  }

  drop() {
    this.dropped = true;
    this.controller?.abort();
    this.onDrop?.();
  }
}

/** Rust dropped a foreign future (completed or not): abort the JS side if still running. */
const UNIFFI_FOREIGN_FUTURE_DROPPED = koffi.register((key) => {
  const call = uniffiForeignFutures.get(BigInt(key));
  uniffiForeignFutures.delete(BigInt(key));
  call?.drop();
}, koffi.pointer(UniffiForeignFutureDroppedCallback));

/**
 * Runs an async JS method Rust awaits: tells Rust how to signal a drop (through
 * `outDropped`), starts the method with its options (`{ signal }`, the signal made on first
 * read, as an own property so that spreading the options keeps it), and completes the foreign
 * future with its result or error once the promise settles.
 */
function uniffiForeignFuture(outDropped, complete, completeType, callbackData, ok, failed, error, start) {
  const key = uniffiNextForeignFuture;
  uniffiNextForeignFuture += 1n;
  const call = new UniffiForeignCall();
  uniffiForeignFutures.set(key, call);
  uniffiTrackWork(1);
  koffi.encode(outDropped, UniffiForeignFutureDroppedCallbackStruct, { handle: key, free: UNIFFI_FOREIGN_FUTURE_DROPPED });
  let settled = false;
  const finish = (result) => {
    if (!settled) {
      settled = true;
      uniffiForeignFutures.delete(key);
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
    const options = {
      get signal() {
        return call.signal;
      },
      [UNIFFI_FOREIGN_CALL]: call,
    };
    promise = Promise.resolve(start(options));
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
{%- if v.has_foreign_streams %}

/** The iteration behind a stream adapter (`as<Trait>()`), under this key of the adapter. */
const UNIFFI_SOURCE = Symbol('uniffi.source');

/**
 * A JS implementation of a stream trait over `source`, an async iterable (`what` names the
 * adapter in messages): its method `method` pulls one item per call, checked by `item`.
 */
function uniffiStreamSource(source, method, item, what) {
  if (typeof source !== 'object' || source === null || typeof source[Symbol.asyncIterator] !== 'function') {
    throw new TypeError(`${what}: expected an async iterable, got ${uniffiDescribe(source)}`);
  }
  const iteration = new UniffiSourceIteration(source[Symbol.asyncIterator](), item, what);
  return { [method]: (options) => iteration.pull(options), [UNIFFI_SOURCE]: iteration };
}

/**
 * `promise`, or `UNIFFI_SOURCE` as soon as the call is dropped (`options` are those of a call
 * from Rust, or a JS caller's `{ signal }`): an iterator's `next()` cannot be cancelled, and
 * the foreign future must settle. Its late outcome is then ignored, a rejection included.
 */
function uniffiUntilDropped(promise, options) {
  const call = options?.[UNIFFI_FOREIGN_CALL];
  if (call !== undefined) {
    if (call.dropped) {
      promise.then(undefined, () => {});
      return UNIFFI_SOURCE;
    }
    return new Promise((resolve, reject) => {
      call.onDrop = () => resolve(UNIFFI_SOURCE);
      promise.then(resolve, reject);
    });
  }
  const signal = options?.signal;
  if (signal === undefined) {
    return promise;
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(UNIFFI_SOURCE);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * One native iteration Rust pulls from. No read-ahead: each pull is one `next()` of the
 * iterator, one at a time. After the end (or an error) every pull is `null` without touching the iterator.
 * The handle maps count the handles Rust holds to the adapter (`retain`, `release`); when Rust
 * frees the last one, `return()` closes the iterator unless the iteration already ended. A
 * pull Rust dropped settles at once; it and a pull the close overtook
 * ignore their late results.
 */
class UniffiSourceIteration {
  constructor(iterator, item, what) {
    this.iterator = iterator;
    this.item = item;
    this.what = what;
    this.finished = false;
    this.refs = 0;
    this.inFlight = 0;
    this.queue = undefined;
    this.settled = () => {
      this.inFlight -= 1;
    };
  }

  /** One pull; overlapping pulls (Rust may make them) run one at a time, in order. */
  pull(options) {
    const result = this.inFlight === 0 ? this.step(options) : this.queue.then(() => this.step(options));
    this.inFlight += 1;
    this.queue = result.then(this.settled, this.settled);
    return result;
  }

  async step(options) {
    if (this.finished || options?.[UNIFFI_FOREIGN_CALL]?.dropped) {
      return null;
    }
    let result;
    try {
      result = await uniffiUntilDropped(Promise.resolve(this.iterator.next()), options);
    } catch (e) {
      this.finished = true;
      throw e;
    }
    if (this.finished || result === UNIFFI_SOURCE) {
      return null;
    }
    if (typeof result !== 'object' || result === null) {
      throw new TypeError(`${this.what}: the iterator's next() gave ${uniffiDescribe(result)}, not an iterator result`);
    }
    if (result.done) {
      this.finished = true;
      return null;
    }
    this.item.check(result.value, `${this.what} item`);
    return result.value;
  }

  retain() {
    this.refs += 1;
  }

  /** Rust gave back (`freed` false: lifted into JS) or dropped a handle to the adapter. */
  release(freed) {
    this.refs -= 1;
    if (freed && this.refs === 0 && !this.finished) {
      this.finished = true;
      // After the free callback returned: the iterator's cleanup may call into Rust.
      queueMicrotask(() => {
        try {
          Promise.resolve(this.iterator.return?.()).catch(() => {});
        } catch {
          // Nobody to report a failing return() to: the iteration is over either way.
        }
      });
    }
  }
}
{%- endif %}
{%- endif %}
