//! The native Node.js peer: the bench fixture's calls as a napi-rs addon. napi-rs async fns run
//! on its tokio runtime and resolve through a threadsafe function; the woken future is woken
//! by the fixture's shared Rust waker thread, as in the UniFFI fixture. The callback and offload
//! scenarios use napi-rs' own tools: threadsafe functions and an `AsyncTask`.

use napi_derive::napi;

#[napi]
pub fn noop() {}

#[napi]
pub fn add(a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

#[napi]
pub async fn async_ready() -> u32 {
    7
}

#[napi]
pub async fn async_woken() -> u32 {
    benchfix::woken_once().await;
    7
}

#[napi]
pub async fn async_string(s: String) -> String {
    s
}

/// The offloaded blocking call, napi-rs style: an `AsyncTask` whose `compute` runs on libuv's
/// thread pool, resolved on the JS thread.
pub struct BlockingNoop;

impl napi::Task for BlockingNoop {
    type Output = u32;
    type JsValue = u32;

    fn compute(&mut self) -> napi::Result<u32> {
        Ok(benchfix::blocking_noop())
    }

    fn resolve(&mut self, _env: napi::Env, output: u32) -> napi::Result<u32> {
        Ok(output)
    }
}

#[napi]
pub fn blocking_noop() -> napi::bindgen_prelude::AsyncTask<BlockingNoop> {
    napi::bindgen_prelude::AsyncTask::new(BlockingNoop)
}

/// A JS function called from a Rust thread with its result awaited (`(x) => number`).
type TickFn = napi::threadsafe_function::ThreadsafeFunction<u32, u32, u32, napi::Status, false>;

/// The sync callback scenario: a Rust thread (tokio's blocking pool) calls `cb(i)` `n` times,
/// blocking on each result the JS thread sends back, and returns the sum.
#[napi]
pub async fn tick_from_thread(cb: TickFn, n: u32) -> napi::Result<u32> {
    napi::bindgen_prelude::spawn_blocking(move || {
        let mut sum = 0u32;
        for i in 0..n {
            let (tx, rx) = std::sync::mpsc::channel();
            let status = cb.call_with_return_value(
                i,
                napi::threadsafe_function::ThreadsafeFunctionCallMode::Blocking,
                move |r, _| {
                    let _ = tx.send(r);
                    Ok(())
                },
            );
            if status != napi::Status::Ok {
                return Err(napi::Error::from_status(status));
            }
            let value = rx
                .recv()
                .map_err(|e| napi::Error::from_reason(e.to_string()))??;
            sum = sum.wrapping_add(value);
        }
        Ok(sum)
    })
    .await
    .map_err(|e| napi::Error::from_reason(e.to_string()))?
}

/// A JS async function Rust awaits (`() => Promise<number>`).
type ValueFn = napi::threadsafe_function::ThreadsafeFunction<
    (),
    napi::bindgen_prelude::Promise<u32>,
    (),
    napi::Status,
    false,
>;

/// Rust awaiting a foreign async method: awaits `src()` `n` times in sequence (each call relayed
/// to the JS thread, its Promise awaited in Rust) and returns the sum.
#[napi]
pub async fn await_foreign(src: ValueFn, n: u32) -> napi::Result<u32> {
    let mut sum = 0u32;
    for _ in 0..n {
        sum = sum.wrapping_add(src.call_async(()).await?.await?);
    }
    Ok(sum)
}
