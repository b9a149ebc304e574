//! The quickstart example: a tiny async API exported with UniFFI.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

uniffi::setup_scaffolding!();

/// Returns a greeting after `delay_ms`, completed from a separate Rust thread.
#[uniffi::export]
pub async fn fetch_greeting(name: String, delay_ms: u32) -> String {
    Sleep { ms: delay_ms, started: false }.await;
    format!("Hello, {name}, from async Rust!")
}

/// Counts the words of a text (a plain blocking call).
#[uniffi::export]
pub fn count_words(text: String) -> u32 {
    text.split_whitespace().count() as u32
}

/// A minimal timer future: the first poll starts a thread that wakes the task later.
struct Sleep {
    ms: u32,
    started: bool,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.started {
            return Poll::Ready(());
        }
        self.started = true;
        let (waker, ms) = (cx.waker().clone(), u64::from(self.ms));
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(ms));
            waker.wake();
        });
        Poll::Pending
    }
}
