{#- Foreign futures (included by async.js): async JS methods Rust awaits, completed through the
    callback Rust passes, aborted when Rust drops the future. #}
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
