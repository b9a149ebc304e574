//! The native Python peer: the bench fixture's calls as a PyO3 extension module, with async fns
//! through PyO3's `experimental-async` coroutines (no extra runtime; the woken future is woken by
//! the fixture's shared Rust waker thread, as in the UniFFI fixture).

use pyo3::prelude::*;

#[pyfunction]
fn noop() {}

#[pyfunction]
fn add(a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

#[pyfunction]
async fn async_ready() -> u32 {
    7
}

#[pyfunction]
async fn async_woken() -> u32 {
    benchfix::woken_once().await;
    7
}

#[pyfunction]
async fn async_string(s: String) -> String {
    s
}

#[pymodule]
fn benchpeer(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(noop, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(async_ready, m)?)?;
    m.add_function(wrap_pyfunction!(async_woken, m)?)?;
    m.add_function(wrap_pyfunction!(async_string, m)?)?;
    Ok(())
}
