//! The streams example: a Rust `Stream` of price quotes, produced on a Rust thread, exported
//! with one line (`uniffi_async_runtime::export_stream!`) and consumed with the language's own
//! async iteration (`async for`, `for await`, `Flow`, `AsyncSequence`). See README.md.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use futures_core::Stream;

uniffi::setup_scaffolding!();

// One line per stream type: `Quotes` is an exported object with `async fn next(&self)`.
uniffi_async_runtime::export_stream!(Quotes, Quote);

#[derive(Debug, Clone, uniffi::Record)]
pub struct Quote {
    pub symbol: String,
    pub cents: u64,
}

/// A channel whose sending end is a Rust thread.
struct Feed {
    shared: Arc<Mutex<(VecDeque<Option<Quote>>, Option<Waker>)>>,
}

impl Stream for Feed {
    type Item = Quote;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Quote>> {
        let mut s = self.shared.lock().unwrap();
        match s.0.pop_front() {
            Some(q) => Poll::Ready(q),
            None => {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// `count` quotes for `symbol`, one every `interval_ms`, from a Rust thread; then the end.
#[uniffi::export]
pub fn quotes(symbol: String, count: u32, interval_ms: u32) -> Arc<Quotes> {
    let shared = Arc::new(Mutex::new((VecDeque::new(), None::<Waker>)));
    let feed = shared.clone();
    std::thread::spawn(move || {
        let mut cents = 10_000u64;
        for i in 0..=count {
            std::thread::sleep(Duration::from_millis(interval_ms.into()));
            cents = cents + 37 * u64::from(i % 5) - 50;
            let item = (i < count).then(|| Quote { symbol: symbol.clone(), cents });
            let waker = {
                let mut s = feed.lock().unwrap();
                s.0.push_back(item);
                s.1.take()
            };
            if let Some(w) = waker {
                w.wake();
            }
        }
    });
    Quotes::new(Feed { shared })
}
