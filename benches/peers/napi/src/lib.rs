//! The native Node.js peer: the bench fixture's calls as a napi-rs addon. napi-rs async fns run
//! on its tokio runtime and resolve through a threadsafe function; the woken future is woken
//! by the fixture's shared Rust waker thread, as in the UniFFI fixture.

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
