//! Reads a Rust `Stream`; produces, in a user's UniFFI crate (through [`export_stream!`]), an
//! exported object whose `async fn next(&self)` yields the stream's items, the shape that
//! `[bindings.async] streams` turns into a Kotlin `Flow`, a Swift `AsyncSequence`, a Python async
//! iterator and a JS async iterable.

use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

pub use futures_core::Stream;

/// The boxed stream behind one exported stream object. Items are pulled one `next` at a time
/// (the foreign iterator's pace is the backpressure); after the end, `next` keeps returning
/// `None`. One consumer at a time: concurrent `next` calls each get an item, but only the last
/// one to wait is woken when the stream is pending.
pub struct StreamSlot<T> {
    inner: Mutex<Option<Pin<Box<dyn Stream<Item = T> + Send>>>>,
}

impl<T> StreamSlot<T> {
    pub fn new(stream: impl Stream<Item = T> + Send + 'static) -> Self {
        StreamSlot { inner: Mutex::new(Some(Box::pin(stream))) }
    }

    /// The next item, or `None` once the stream has ended (the stream is dropped then).
    pub async fn next(&self) -> Option<T> {
        std::future::poll_fn(|cx| self.poll_next(cx)).await
    }

    fn poll_next(&self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut slot = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let Some(stream) = slot.as_mut() else { return Poll::Ready(None) };
        let item = stream.as_mut().poll_next(cx);
        if let Poll::Ready(None) = item {
            *slot = None;
        }
        item
    }
}

/// Exports a Rust stream as a UniFFI object that `[bindings.async] streams` makes native:
///
/// ```ignore
/// uniffi_async_runtime::export_stream!(NumberStream, u32);
/// // a fallible stream (`Stream<Item = Result<u32, MyError>>`): `next` returns
/// // `Result<Option<u32>, MyError>`, and the foreign iteration throws the error
/// uniffi_async_runtime::export_stream!(FallibleStream, u32, MyError);
///
/// #[uniffi::export]
/// fn numbers() -> std::sync::Arc<NumberStream> {
///     NumberStream::new(my_stream)
/// }
/// ```
///
/// and in `uniffi.toml`: `[bindings.async] streams = ["NumberStream", "FallibleStream"]`.
/// The crate needs `uniffi` as a dependency (the macro derives `uniffi::Object`).
#[macro_export]
macro_rules! export_stream {
    ($name:ident, $item:ty) => {
        /// A stream of items, exported with `uniffi_async_runtime::export_stream!`.
        #[derive(uniffi::Object)]
        pub struct $name {
            slot: $crate::stream::StreamSlot<$item>,
        }

        impl $name {
            /// Wraps `stream` for export.
            pub fn new(stream: impl $crate::stream::Stream<Item = $item> + Send + 'static) -> ::std::sync::Arc<Self> {
                ::std::sync::Arc::new($name { slot: $crate::stream::StreamSlot::new(stream) })
            }
        }

        #[uniffi::export]
        impl $name {
            /// The next item, or `None` at the end of the stream.
            pub async fn next(&self) -> Option<$item> {
                self.slot.next().await
            }
        }
    };
    ($name:ident, $item:ty, $error:ty) => {
        /// A stream of items that may fail, exported with `uniffi_async_runtime::export_stream!`.
        #[derive(uniffi::Object)]
        pub struct $name {
            slot: $crate::stream::StreamSlot<::std::result::Result<$item, $error>>,
        }

        impl $name {
            /// Wraps `stream` for export.
            pub fn new(
                stream: impl $crate::stream::Stream<Item = ::std::result::Result<$item, $error>> + Send + 'static,
            ) -> ::std::sync::Arc<Self> {
                ::std::sync::Arc::new($name { slot: $crate::stream::StreamSlot::new(stream) })
            }
        }

        #[uniffi::export]
        impl $name {
            /// The next item, `None` at the end of the stream, or the stream's error.
            pub async fn next(&self) -> ::std::result::Result<Option<$item>, $error> {
                self.slot.next().await.transpose()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::{Wake, Waker};

    struct Counting(u32, u32);
    impl Stream for Counting {
        type Item = u32;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<u32>> {
            if self.0 == self.1 {
                return Poll::Ready(None);
            }
            self.0 += 1;
            Poll::Ready(Some(self.0))
        }
    }

    struct Noop;
    impl Wake for Noop {
        fn wake(self: std::sync::Arc<Self>) {}
    }

    #[test]
    fn a_slot_yields_every_item_then_none_forever() {
        let slot = StreamSlot::new(Counting(0, 3));
        let waker = Waker::from(std::sync::Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        let got: Vec<_> = (0..5).map(|_| slot.poll_next(&mut cx)).collect();
        assert_eq!(got, [Poll::Ready(Some(1)), Poll::Ready(Some(2)), Poll::Ready(Some(3)), Poll::Ready(None), Poll::Ready(None)]);
        assert!(slot.inner.lock().unwrap().is_none(), "the ended stream is dropped");
    }
}
