//! Reads the JS thread's "inside a synchronous call into Rust" word (written by the generated
//! Node.js bindings); produces native shims that stand in a callback vtable in front of koffi's
//! callbacks, so that a Rust thread calling JS while the JS thread is blocked in a sync Rust
//! call does not wait forever in koffi's relay.
//!
//! koffi relays a call from a Rust-owned thread to the JS thread and blocks until it ran; if
//! the JS thread is inside a sync call that waits for that Rust thread, both wait forever. A
//! shim runs on the calling thread first: on the JS thread (inline callbacks) or while the JS
//! thread is in no sync call, it forwards to koffi's callback. While the JS thread stays inside
//! the same sync call for [`BLOCKED_MILLIS`], a method with a call status fails with
//! `CALL_UNEXPECTED_ERROR` and a message naming the cause and the fix; a `free` is deferred
//! (JS runs it when the sync call returns); other entries (`clone`, async methods) forward.
//!
//! The shims forward every argument without knowing the signature: all the registers a C call
//! passes arguments in (integer and vector) and the first [`STACK_WORDS`] eightbytes of the
//! caller's stack arguments, which the target reads from the same places. The callbacks of
//! UniFFI vtables return nothing or one integer (`clone`), so the integer return register is all
//! that comes back. Only x86_64 with the System V convention (Linux, macOS, the BSDs); elsewhere
//! no shim exists and the bindings keep koffi's callbacks.

use std::sync::atomic::{AtomicU32, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long a callback waits while the JS thread stays inside one sync call into Rust.
pub const BLOCKED_MILLIS: u64 = 500;

/// Shims available per process.
pub const SLOTS: usize = 512;

/// Stack eightbytes forwarded (arguments beyond the registers: UniFFI's by-value RustBuffers
/// on x86_64 take three each).
pub const STACK_WORDS: usize = 16;

/// Integer argument registers of the C calling convention (x86_64 System V).
pub const INT_REGS: usize = 6;

/// `kind` of a slot: a method with a call status (fails when the JS thread stays blocked).
pub const KIND_STATUS: u8 = 1;
/// `kind` of a slot: `uniffi_free(handle)` (deferred while the JS thread is blocked).
pub const KIND_FREE: u8 = 2;
// Any other `kind` (`clone`, async methods): always forwarded.

/// Words the JS thread writes: `[sync call serial (0: none), deferred frees pending]`.
#[repr(C)]
pub struct Shared {
    pub call: AtomicU32,
    pub deferred: AtomicU32,
}

struct Slot {
    target: AtomicUsize,
    kind: AtomicU8,
    /// Index of the call status pointer in `[int registers..., stack words...]`.
    status: AtomicU32,
    name: OnceLock<String>,
}

static SLOT_TABLE: [Slot; SLOTS] = [const {
    Slot {
        target: AtomicUsize::new(0),
        kind: AtomicU8::new(0),
        status: AtomicU32::new(0),
        name: OnceLock::new(),
    }
}; SLOTS];
static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);
static SHARED: Shared = Shared {
    call: AtomicU32::new(0),
    deferred: AtomicU32::new(0),
};
static JS_THREAD: AtomicUsize = AtomicUsize::new(0);
static DEFERRED: Mutex<Vec<(u32, u64)>> = Mutex::new(Vec::new());

/// UniFFI's `RustBuffer` and `RustCallStatus` (C layout).
#[repr(C)]
struct RustBuffer {
    capacity: u64,
    len: u64,
    data: *mut u8,
}

#[repr(C)]
struct RustCallStatus {
    code: i8,
    error_buf: RustBuffer,
}

const CALL_UNEXPECTED_ERROR: i8 = 2;

/// Binds the gate to the calling (JS) thread and returns the block it writes.
pub fn gate_init() -> *mut Shared {
    JS_THREAD.store(super::thread_mark(), Ordering::Relaxed);
    &SHARED as *const Shared as *mut Shared
}

/// Takes a slot for `target` (`kind`, the status pointer at `status`, `name` for messages) and
/// returns its number (from 1; see [`gate_address`]), or 0 when every slot is taken or the
/// platform has no shims.
pub fn gate_shim(target: usize, kind: u8, status: u32, name: &str) -> u32 {
    if table().is_empty() {
        return 0;
    }
    let i = NEXT_SLOT.fetch_add(1, Ordering::Relaxed);
    let Some(slot) = SLOT_TABLE.get(i) else {
        return 0;
    };
    let _ = slot.name.set(name.to_owned());
    slot.kind.store(kind, Ordering::Relaxed);
    slot.status.store(status, Ordering::Relaxed);
    slot.target.store(target, Ordering::Release);
    i as u32 + 1
}

/// The shim of slot `number` (null for an unknown one): what the vtable holds instead of the
/// koffi callback.
pub fn gate_address(number: u32) -> *const () {
    let i = (number as usize).wrapping_sub(1);
    table().get(i).copied().unwrap_or(std::ptr::null())
}

/// The next deferred `free`: its slot number and handle.
pub fn gate_deferred() -> Option<(u32, u64)> {
    let mut list = DEFERRED.lock().unwrap_or_else(|e| e.into_inner());
    let (slot, handle) = list.pop()?;
    SHARED.deferred.store(list.len() as u32, Ordering::Release);
    Some((slot + 1, handle))
}

/// What a shim does before forwarding: `true` to forward, `false` when it handled the call.
fn admit(index: usize, ints: &[u64; INT_REGS], stack: &[u64; STACK_WORDS]) -> bool {
    let slot = &SLOT_TABLE[index];
    if JS_THREAD.load(Ordering::Relaxed) == super::thread_mark() {
        return true;
    }
    match slot.kind.load(Ordering::Relaxed) {
        KIND_FREE => {
            if SHARED.call.load(Ordering::Acquire) == 0 {
                return true;
            }
            let mut list = DEFERRED.lock().unwrap_or_else(|e| e.into_inner());
            list.push((index as u32, ints[0]));
            SHARED.deferred.store(list.len() as u32, Ordering::Release);
            false
        }
        KIND_STATUS => {
            if wait_for_js() {
                return true;
            }
            let at = slot.status.load(Ordering::Relaxed) as usize;
            let ptr = if at < INT_REGS {
                ints[at]
            } else {
                stack[at - INT_REGS]
            };
            let name = slot.name.get().map_or("a callback", String::as_str);
            let message = format!(
                "{name} was called from a Rust thread while the JS thread has been blocked for \
                 {BLOCKED_MILLIS} ms in one synchronous call into Rust (most likely waiting for this \
                 callback), so it cannot run: make that call `offload` ([bindings.async] offload) \
                 or async (docs/js.md, \"Threads\")"
            );
            let mut bytes = std::mem::ManuallyDrop::new(message.into_bytes());
            let status = ptr as *mut RustCallStatus;
            // SAFETY: UniFFI passes a valid call status as this method's last argument; the
            // buffer is a leaked Vec<u8>, which UniFFI frees as a RustBuffer.
            unsafe {
                (*status).code = CALL_UNEXPECTED_ERROR;
                (*status).error_buf = RustBuffer {
                    capacity: bytes.capacity() as u64,
                    len: bytes.len() as u64,
                    data: bytes.as_mut_ptr(),
                };
            }
            false
        }
        _ => true,
    }
}

/// Waits while the JS thread is inside a sync call: `true` once it is in none (or in another
/// one), `false` after it stayed in the same one for [`BLOCKED_MILLIS`].
fn wait_for_js() -> bool {
    let mut seen = 0;
    let mut since = Instant::now();
    loop {
        let call = SHARED.call.load(Ordering::Acquire);
        if call == 0 {
            return true;
        }
        if call != seen {
            seen = call;
            since = Instant::now();
        } else if since.elapsed() >= Duration::from_millis(BLOCKED_MILLIS) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[cfg(all(unix, target_arch = "x86_64"))]
mod shims {
    use super::*;

    macro_rules! shim {
        ($($i:ident)*; $($s:ident)*) => {
            #[allow(clippy::too_many_arguments)]
            pub extern "C" fn shim<const N: usize>(
                $($i: u64,)*
                f0: f64, f1: f64, f2: f64, f3: f64, f4: f64, f5: f64, f6: f64, f7: f64,
                $($s: u64,)*
            ) -> u64 {
                type Target = extern "C" fn(
                    $($i: u64,)* f64, f64, f64, f64, f64, f64, f64, f64, $($s: u64,)*
                ) -> u64;
                if !admit(N, &[$($i),*], &[$($s),*]) {
                    return 0;
                }
                let target = SLOT_TABLE[N].target.load(Ordering::Acquire);
                // SAFETY: `target` is the koffi callback the bindings registered for this slot;
                // it reads its real arguments from the registers and stack words passed here.
                let f: Target = unsafe { std::mem::transmute::<usize, Target>(target) };
                f($($i,)* f0, f1, f2, f3, f4, f5, f6, f7, $($s),*)
            }
        };
    }

    shim!(i0 i1 i2 i3 i4 i5; s0 s1 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 s12 s13 s14 s15);

    macro_rules! row {
        ($b:literal) => {
            [
                shim::<{ $b * 16 }> as *const (),
                shim::<{ $b * 16 + 1 }> as *const (),
                shim::<{ $b * 16 + 2 }> as *const (),
                shim::<{ $b * 16 + 3 }> as *const (),
                shim::<{ $b * 16 + 4 }> as *const (),
                shim::<{ $b * 16 + 5 }> as *const (),
                shim::<{ $b * 16 + 6 }> as *const (),
                shim::<{ $b * 16 + 7 }> as *const (),
                shim::<{ $b * 16 + 8 }> as *const (),
                shim::<{ $b * 16 + 9 }> as *const (),
                shim::<{ $b * 16 + 10 }> as *const (),
                shim::<{ $b * 16 + 11 }> as *const (),
                shim::<{ $b * 16 + 12 }> as *const (),
                shim::<{ $b * 16 + 13 }> as *const (),
                shim::<{ $b * 16 + 14 }> as *const (),
                shim::<{ $b * 16 + 15 }> as *const (),
            ]
        };
    }

    pub fn table() -> &'static [*const ()] {
        struct Table([[*const (); 16]; SLOTS / 16]);
        // SAFETY: function addresses, never written.
        unsafe impl Sync for Table {}
        // SAFETY: as above.
        unsafe impl Send for Table {}
        static TABLE: OnceLock<Table> = OnceLock::new();
        let t = TABLE.get_or_init(|| {
            Table([
                row!(0),
                row!(1),
                row!(2),
                row!(3),
                row!(4),
                row!(5),
                row!(6),
                row!(7),
                row!(8),
                row!(9),
                row!(10),
                row!(11),
                row!(12),
                row!(13),
                row!(14),
                row!(15),
                row!(16),
                row!(17),
                row!(18),
                row!(19),
                row!(20),
                row!(21),
                row!(22),
                row!(23),
                row!(24),
                row!(25),
                row!(26),
                row!(27),
                row!(28),
                row!(29),
                row!(30),
                row!(31),
            ])
        });
        t.0.as_flattened()
    }
}

#[cfg(not(all(unix, target_arch = "x86_64")))]
mod shims {
    pub fn table() -> &'static [*const ()] {
        &[]
    }
}

use shims::table;

#[cfg(all(test, unix, target_arch = "x86_64"))]
mod tests {
    use super::*;

    /// A sync vtable method with a by-value RustBuffer (on the stack) and a float.
    type Method = extern "C" fn(u64, u32, f64, RustBuffer, *mut u64, *mut RustCallStatus);

    /// What `method` received: handle, integer, float, buffer capacity and length.
    type Seen = (u64, u32, f64, u64, u64);

    static SEEN: Mutex<Vec<Seen>> = Mutex::new(Vec::new());

    extern "C" fn method(
        h: u64,
        a: u32,
        f: f64,
        buf: RustBuffer,
        out: *mut u64,
        _status: *mut RustCallStatus,
    ) {
        SEEN.lock().unwrap().push((h, a, f, buf.capacity, buf.len));
        // SAFETY: the test passes a live u64.
        unsafe { out.write(h + u64::from(a)) };
    }

    extern "C" fn free(_h: u64) {
        panic!("deferred, never called");
    }

    fn call(m: Method, h: u64) -> (u64, RustCallStatus) {
        let mut out = 0u64;
        let mut status = RustCallStatus {
            code: 0,
            error_buf: RustBuffer {
                capacity: 0,
                len: 0,
                data: std::ptr::null_mut(),
            },
        };
        let buf = RustBuffer {
            capacity: 3,
            len: 2,
            data: std::ptr::null_mut(),
        };
        m(h, 7, 1.5, buf, &mut out, &mut status);
        (out, status)
    }

    #[test]
    fn forwards_fails_and_defers() {
        gate_init();
        // The status of `(i, i, f, b, i, i)` is the fourth integer register.
        let slot = gate_shim(method as Method as usize, KIND_STATUS, 3, "L.m()");
        // SAFETY: the shim forwards to `method`, whose signature this is.
        let shim: Method = unsafe { std::mem::transmute(gate_address(slot)) };
        // On the JS thread (this one): forwarded, even inside a sync call.
        SHARED.call.store(1, Ordering::Release);
        assert_eq!(call(shim, 10).0, 17);
        // Another thread while the JS thread is in no sync call: forwarded.
        SHARED.call.store(0, Ordering::Release);
        assert_eq!(
            std::thread::spawn(move || call(shim, 20).0).join().unwrap(),
            27
        );
        assert_eq!(
            *SEEN.lock().unwrap(),
            [(10, 7, 1.5, 3, 2), (20, 7, 1.5, 3, 2)]
        );
        // Another thread while the JS thread stays in one sync call: fails after the delay.
        SHARED.call.store(2, Ordering::Release);
        let started = Instant::now();
        let (out, code, message) = std::thread::spawn(move || {
            let (out, status) = call(shim, 30);
            let buf = status.error_buf;
            // SAFETY: the gate made the buffer from a Vec<u8>.
            let message =
                unsafe { Vec::from_raw_parts(buf.data, buf.len as usize, buf.capacity as usize) };
            (out, status.code, String::from_utf8(message).unwrap())
        })
        .join()
        .unwrap();
        assert!(started.elapsed() >= Duration::from_millis(BLOCKED_MILLIS));
        assert_eq!((out, code), (0, CALL_UNEXPECTED_ERROR));
        assert!(
            message.starts_with("L.m() was called from a Rust thread"),
            "{message}"
        );
        assert_eq!(SEEN.lock().unwrap().len(), 2);
        // A free from another thread meanwhile is deferred.
        let free_slot = gate_shim(free as extern "C" fn(u64) as usize, KIND_FREE, 0, "L free");
        // SAFETY: as above, for `free`.
        let free_shim: extern "C" fn(u64) = unsafe { std::mem::transmute(gate_address(free_slot)) };
        std::thread::spawn(move || free_shim(41)).join().unwrap();
        assert_eq!(SHARED.deferred.load(Ordering::Acquire), 1);
        SHARED.call.store(0, Ordering::Release);
        assert_eq!(gate_deferred(), Some((free_slot, 41)));
        assert_eq!(gate_deferred(), None);
    }
}
