//! The native Python peer: the bench fixture's calls as a PyO3 extension module, with async fns
//! through PyO3's `experimental-async` coroutines (no extra runtime; the woken future is woken by
//! the fixture's shared Rust waker thread, as in the UniFFI fixture). The sync callback row
//! attaches a Rust thread to Python per call (`Python::attach`); the offload row runs the
//! blocking call on one long-lived Rust worker thread and wakes the awaiting coroutine. There is
//! no peer for Rust awaiting a Python coroutine (PyO3 needs pyo3-async-runtimes for that).

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

/// The sync callback scenario: a fresh Rust thread calls `cb.tick(i)` `n` times (attaching to
/// the interpreter for each call) while the caller has released the GIL; returns the sum.
#[pyfunction]
fn tick_from_thread(py: Python<'_>, cb: Py<PyAny>, n: u32) -> PyResult<u32> {
    py.detach(|| {
        std::thread::scope(|s| {
            s.spawn(|| {
                let mut sum = 0u32;
                for i in 0..n {
                    let x: u32 = Python::attach(|py| cb.call_method1(py, "tick", (i,))?.extract(py))?;
                    sum = sum.wrapping_add(x);
                }
                Ok(sum)
            })
            .join()
            .unwrap_or_else(|_| Err(pyo3::exceptions::PyRuntimeError::new_err("tick thread panicked")))
        })
    })
}

/// The offloaded blocking call: `benchfix::blocking_noop()` on a long-lived worker thread, its
/// result handed to the awaiting coroutine through a one-shot slot and its waker.
#[pyfunction]
async fn blocking_noop() -> u32 {
    offload::run(benchfix::blocking_noop).await
}

mod offload {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::mpsc::{channel, Sender};
    use std::sync::{Arc, Mutex, OnceLock};
    use std::task::{Context, Poll, Waker};

    type Job = Box<dyn FnOnce() + Send>;

    #[derive(Default)]
    struct Slot {
        value: Option<u32>,
        waker: Option<Waker>,
    }

    fn worker() -> &'static Mutex<Sender<Job>> {
        static WORKER: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
        WORKER.get_or_init(|| {
            let (tx, rx) = channel::<Job>();
            std::thread::spawn(move || rx.into_iter().for_each(|job| job()));
            Mutex::new(tx)
        })
    }

    pub struct Offloaded {
        slot: Arc<Mutex<Slot>>,
    }

    pub fn run(f: fn() -> u32) -> Offloaded {
        let slot = Arc::new(Mutex::new(Slot::default()));
        let done = Arc::clone(&slot);
        let job: Job = Box::new(move || {
            let value = f();
            let waker = {
                let mut s = done.lock().unwrap();
                s.value = Some(value);
                s.waker.take()
            };
            if let Some(w) = waker {
                w.wake();
            }
        });
        let _ = worker().lock().unwrap().send(job);
        Offloaded { slot }
    }

    impl Future for Offloaded {
        type Output = u32;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            let mut s = self.slot.lock().unwrap();
            match s.value.take() {
                Some(v) => Poll::Ready(v),
                None => {
                    s.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        }
    }
}

#[pymodule]
fn benchpeer(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(noop, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(async_ready, m)?)?;
    m.add_function(wrap_pyfunction!(async_woken, m)?)?;
    m.add_function(wrap_pyfunction!(async_string, m)?)?;
    m.add_function(wrap_pyfunction!(tick_from_thread, m)?)?;
    m.add_function(wrap_pyfunction!(blocking_noop, m)?)?;
    Ok(())
}
