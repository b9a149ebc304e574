//! Reads nothing from the bindings generator; produces, in a user's UniFFI crate (through
//! [`export_continuation_queue!`]), the C symbols that let uniffi-bindgen-async's Node.js and
//! Python bindings receive Rust future continuations without a foreign callback per wake: a native
//! continuation that queues `(data, code)` and rings a pipe once per batch, and a drain that
//! hands the JS thread every queued entry in one call; and (module `gate`) native shims for the
//! callback vtables that fail a callback from a Rust thread instead of waiting forever for a JS
//! thread blocked in a synchronous call into Rust. Protocol: `docs/js.md` and README.md. Also
//! (module `stream`, [`export_stream!`]) exported stream objects for `[bindings.async] streams`.
//!
//! One queue per JS thread that loads the bindings (the main thread, each worker): the queue id
//! rides in the high 32 bits of the continuation data, the JS side's poll key in the low 32.

use std::ffi::c_void;
use std::sync::atomic::{AtomicPtr, AtomicU32, AtomicUsize, Ordering};
use std::sync::Mutex;

mod gate;
pub mod stream;
pub use gate::{gate_address, gate_deferred, gate_init, gate_shim, Shared as GateShared};

/// Version of the protocol between this crate and the generated bindings; the bindings fall
/// back to their JS continuation when it differs from the one they expect.
pub const PROTOCOL_VERSION: u32 = 1;

/// Entries the shared block holds; a drain moves at most this many.
pub const CAPACITY: usize = 1024;

/// `inline_code` when no continuation fired inline.
const NONE: u32 = u32::MAX;

/// `polling` while the JS thread makes a call after which it drains the queue itself (e.g. the
/// completion of a foreign future, which wakes a Rust future on the JS thread): a continuation
/// firing on the JS thread during that call queues without ringing the doorbell. Never a key.
pub const DRAIN_AFTER: u32 = u32::MAX;

/// At most this many queues (JS threads) per process; `queue_new` returns 0 beyond it.
const MAX_QUEUES: usize = 1024;

/// Memory the JS thread views directly (a `Uint32Array` over it), so the hot path needs no FFI
/// call: `[polling, inline_code, key0, code0, key1, code1, ...]`.
#[repr(C)]
struct Shared {
    /// Poll key the JS thread is polling right now (0: none). Written by JS only.
    polling: AtomicU32,
    /// Poll code of the continuation that fired on the JS thread inside the poll of `polling`
    /// (`NONE` otherwise). Written by the continuation on the JS thread, read by JS after the poll.
    inline_code: AtomicU32,
    /// Drained `(key, code)` pairs.
    entries: [AtomicU32; 2 * CAPACITY],
}

struct Queue {
    shared: Box<Shared>,
    pending: Mutex<Vec<(u32, u32)>>,
    /// Identity of the JS thread that created the queue (see [`thread_mark`]).
    js_thread: usize,
    read_fd: i32,
    write_fd: i32,
}

static QUEUES: [AtomicPtr<Queue>; MAX_QUEUES] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; MAX_QUEUES];
static NEXT_QUEUE: AtomicUsize = AtomicUsize::new(1);

thread_local! {
    static MARK: u8 = const { 0 };
}

/// A value unique to the calling thread while it lives: the address of a thread-local.
fn thread_mark() -> usize {
    MARK.with(|m| m as *const u8 as usize)
}

fn queue(id: u64) -> Option<&'static Queue> {
    let slot = QUEUES.get(usize::try_from(id).ok()?)?;
    // SAFETY: a published queue is leaked, so it lives for the rest of the process.
    unsafe { slot.load(Ordering::Acquire).as_ref() }
}

/// Creates the calling (JS) thread's queue and its doorbell pipe; returns its id, or 0 if no
/// pipe could be made or the process has too many queues (the bindings then fall back).
pub fn queue_new() -> u32 {
    let Some((read_fd, write_fd)) = doorbell_pipe() else {
        return 0;
    };
    let id = NEXT_QUEUE.fetch_add(1, Ordering::Relaxed);
    if id >= MAX_QUEUES {
        close(read_fd);
        close(write_fd);
        return 0;
    }
    let shared = Box::new(Shared {
        polling: AtomicU32::new(0),
        inline_code: AtomicU32::new(NONE),
        entries: [const { AtomicU32::new(0) }; 2 * CAPACITY],
    });
    let q = Queue {
        shared,
        pending: Mutex::new(Vec::new()),
        js_thread: thread_mark(),
        read_fd,
        write_fd,
    };
    QUEUES[id].store(Box::into_raw(Box::new(q)), Ordering::Release);
    id as u32
}

/// The block the JS thread views: `2 + 2 * CAPACITY` u32 (null for an unknown id).
pub fn queue_shared(id: u32) -> *mut c_void {
    queue(u64::from(id)).map_or(std::ptr::null_mut(), |q| {
        &*q.shared as *const Shared as *mut c_void
    })
}

/// The read end of the queue's doorbell pipe (-1 for an unknown id): one byte arrives whenever
/// the queue goes from empty to non-empty.
pub fn queue_doorbell(id: u32) -> i32 {
    queue(u64::from(id)).map_or(-1, |q| q.read_fd)
}

/// Moves up to [`CAPACITY`] queued entries into the shared block and returns how many; the
/// caller drains again while it gets `CAPACITY`.
pub fn queue_drain(id: u32) -> u32 {
    let Some(q) = queue(u64::from(id)) else {
        return 0;
    };
    let mut pending = q.pending.lock().unwrap_or_else(|e| e.into_inner());
    let n = pending.len().min(CAPACITY);
    for (i, (key, code)) in pending.drain(..n).enumerate() {
        q.shared.entries[2 * i].store(key, Ordering::Relaxed);
        q.shared.entries[2 * i + 1].store(code, Ordering::Relaxed);
    }
    n as u32
}

/// The RustFuture continuation (`void(uint64_t data, int8_t poll_code)`). On the queue's JS
/// thread, inside the poll JS is waiting on, it stores the code for JS to read when `poll`
/// returns; on the JS thread during a call marked [`DRAIN_AFTER`], it queues the entry only;
/// otherwise it queues the entry and, if the queue was empty, writes one byte to the doorbell.
/// It never waits for the JS thread.
pub extern "C" fn continuation(data: u64, code: i8) {
    let Some(q) = queue(data >> 32) else {
        return;
    };
    let key = data as u32;
    let code = u32::from(code as u8);
    if q.js_thread == thread_mark() {
        let polling = q.shared.polling.load(Ordering::Relaxed);
        if polling == key {
            q.shared.inline_code.store(code, Ordering::Relaxed);
            return;
        }
        if polling == DRAIN_AFTER {
            // JS drains right after the call it is in: no doorbell needed. A Rust thread that
            // pushes before that drain finds the queue non-empty and does not ring either; the
            // drain takes its entry too.
            let mut pending = q.pending.lock().unwrap_or_else(|e| e.into_inner());
            pending.push((key, code));
            return;
        }
    }
    let was_empty = {
        let mut pending = q.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.push((key, code));
        pending.len() == 1
    };
    if was_empty {
        ring(q.write_fd);
    }
}

/// Writes one byte to the doorbell's non-blocking write end: a full pipe already holds an
/// unread byte, so a failed write loses nothing.
#[cfg(unix)]
fn ring(fd: i32) {
    let byte = 1u8;
    // SAFETY: writes one byte from a live local to an fd the queue owns.
    unsafe { libc::write(fd, &byte as *const u8 as *const c_void, 1) };
}

#[cfg(not(unix))]
fn ring(_fd: i32) {}

/// A pipe with close-on-exec ends and a non-blocking write end.
#[cfg(unix)]
fn doorbell_pipe() -> Option<(i32, i32)> {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe` writes; fcntl only touches them.
    unsafe {
        if libc::pipe(fds.as_mut_ptr()) != 0 {
            return None;
        }
        for fd in fds {
            libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
        }
        let flags = libc::fcntl(fds[1], libc::F_GETFL);
        libc::fcntl(fds[1], libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
    Some((fds[0], fds[1]))
}

/// No pipe Node could watch: `queue_new` fails and the bindings keep their koffi callback.
#[cfg(not(unix))]
fn doorbell_pipe() -> Option<(i32, i32)> {
    None
}

#[cfg(unix)]
fn close(fd: i32) {
    // SAFETY: closes an fd the caller owns and no longer uses.
    unsafe { libc::close(fd) };
}

#[cfg(not(unix))]
fn close(_fd: i32) {}

/// Exports the continuation queue's C symbols from the calling crate, named after its UniFFI
/// namespace (`uniffi_async_runtime_<namespace>_*`), where the generated Node.js bindings of
/// that namespace look for them. Call it once, at the crate root, beside
/// `uniffi::setup_scaffolding!()`:
///
/// ```ignore
/// uniffi::setup_scaffolding!();
/// uniffi_async_runtime::export_continuation_queue!(basics);
/// ```
#[macro_export]
macro_rules! export_continuation_queue {
    ($namespace:ident) => {
        const _: () = {
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_version")]
            extern "C" fn uniffi_async_runtime_version() -> u32 {
                $crate::PROTOCOL_VERSION
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_continuation")]
            extern "C" fn uniffi_async_runtime_continuation(data: u64, code: i8) {
                $crate::continuation(data, code)
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_queue_new")]
            extern "C" fn uniffi_async_runtime_queue_new() -> u32 {
                $crate::queue_new()
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_queue_shared")]
            extern "C" fn uniffi_async_runtime_queue_shared(id: u32) -> *mut ::std::ffi::c_void {
                $crate::queue_shared(id)
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_queue_doorbell")]
            extern "C" fn uniffi_async_runtime_queue_doorbell(id: u32) -> i32 {
                $crate::queue_doorbell(id)
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_queue_drain")]
            extern "C" fn uniffi_async_runtime_queue_drain(id: u32) -> u32 {
                $crate::queue_drain(id)
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_gate_init")]
            extern "C" fn uniffi_async_runtime_gate_init() -> *mut $crate::GateShared {
                $crate::gate_init()
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_gate_shim")]
            extern "C" fn uniffi_async_runtime_gate_shim(
                target: *const ::std::ffi::c_void,
                kind: u8,
                status: u32,
                name: *const ::std::ffi::c_char,
            ) -> u32 {
                // SAFETY: the bindings pass a NUL-terminated string (or null).
                let name = if name.is_null() {
                    ::std::borrow::Cow::Borrowed("a callback")
                } else {
                    unsafe { ::std::ffi::CStr::from_ptr(name) }.to_string_lossy()
                };
                $crate::gate_shim(target as usize, kind, status, &name)
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_gate_address")]
            extern "C" fn uniffi_async_runtime_gate_address(number: u32) -> *const ::std::ffi::c_void {
                $crate::gate_address(number) as *const ::std::ffi::c_void
            }
            #[allow(unsafe_code)]
            #[export_name = concat!("uniffi_async_runtime_", stringify!($namespace), "_gate_deferred")]
            extern "C" fn uniffi_async_runtime_gate_deferred(handle: *mut u64) -> u32 {
                match $crate::gate_deferred() {
                    Some((slot, h)) => {
                        // SAFETY: the bindings pass a pointer to one writable u64.
                        unsafe { handle.write(h) };
                        slot
                    }
                    None => 0,
                }
            }
        };
    };
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn read_byte(fd: i32) -> bool {
        let mut byte = 0u8;
        // SAFETY: reads one byte into a live local; the fd is put in non-blocking mode first.
        unsafe {
            libc::fcntl(
                fd,
                libc::F_SETFL,
                libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK,
            );
            libc::read(fd, &mut byte as *mut u8 as *mut c_void, 1) == 1
        }
    }

    #[test]
    fn inline_queued_and_drained() {
        let id = queue_new();
        assert_ne!(id, 0);
        let base = u64::from(id) << 32;
        let shared = unsafe { &*(queue_shared(id) as *const Shared) };
        // Inline: on this (JS) thread, inside the poll of key 5.
        shared.polling.store(5, Ordering::Relaxed);
        continuation(base | 5, 1);
        shared.polling.store(0, Ordering::Relaxed);
        assert_eq!(shared.inline_code.load(Ordering::Relaxed), 1);
        assert_eq!(queue_drain(id), 0);
        // On the JS thread during a drain-after call: queued, no doorbell byte.
        shared.polling.store(DRAIN_AFTER, Ordering::Relaxed);
        continuation(base | 6, 0);
        shared.polling.store(0, Ordering::Relaxed);
        assert!(!read_byte(queue_doorbell(id)));
        assert_eq!(queue_drain(id), 1);
        assert_eq!(shared.entries[0].load(Ordering::Relaxed), 6);
        // From other threads: queued, one doorbell byte for the batch.
        std::thread::scope(|s| {
            for k in 0..3u64 {
                s.spawn(move || continuation(base | (10 + k), 0));
            }
        });
        let fd = queue_doorbell(id);
        assert!(read_byte(fd));
        assert!(!read_byte(fd));
        assert_eq!(queue_drain(id), 3);
        let mut keys: Vec<u32> = (0..3)
            .map(|i| shared.entries[2 * i].load(Ordering::Relaxed))
            .collect();
        keys.sort();
        assert_eq!(keys, [10, 11, 12]);
        // More than one block's worth drains in several calls.
        for k in 0..(CAPACITY as u64 + 5) {
            std::thread::spawn(move || continuation(base | (k + 1), 0))
                .join()
                .unwrap();
        }
        assert_eq!(queue_drain(id), CAPACITY as u32);
        assert_eq!(queue_drain(id), 5);
        // Unknown queues are ignored.
        continuation(u64::from(u32::MAX) << 32, 0);
    }
}
