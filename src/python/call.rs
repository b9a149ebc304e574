//! Reads a sync IR callable and its Python types; produces the direct ("fast") form of its FFI
//! call: the inline range checks and the argument list for a ctypes function that has no
//! `argtypes`, so ctypes skips its per-argument `from_param` conversions (they cost more than
//! the call itself).
//!
//! Without `argtypes`, ctypes passes a Python `int` as a C `int` (masked to 32 bits), a
//! `ctypes.Structure` instance by value and a `byref` as a pointer; so integers of up to 32
//! bits go as they are (after the range check), 64-bit integers and handles are wrapped in
//! `ctypes.c_uint64`/`c_int64`, floats in `c_float`/`c_double`. A callable with any other FFI
//! argument type keeps the declared `argtypes` path.

use crate::ir::{Callable, CallableKind, FfiType};

use super::PyType;

/// The direct call of one callable (a sync call, or the call starting an async one).
pub struct FastCall {
    /// `(argument, min, max, canonical type)` of each integer argument checked inline.
    pub checks: Vec<(String, String, String, String)>,
    /// The call's arguments, without the call status.
    pub args: String,
}

/// `lowered` holds, per FFI argument, the Python expression of the lowered value and, for a
/// plain argument, its name and type. `None` when the callable keeps the `argtypes` path.
pub fn fast_call(c: &Callable, lowered: &[(String, Option<(String, PyType)>)]) -> Option<FastCall> {
    let eligible = (c.is_async() || c.has_call_status)
        && matches!(
            c.kind,
            CallableKind::Function
                | CallableKind::Method { .. }
                | CallableKind::ForeignMethod { .. }
                | CallableKind::Constructor { primary: false, .. }
        )
        && lowered.len() == c.ffi_args.len();
    if !eligible {
        return None;
    }
    let mut checks = Vec::new();
    let mut args = Vec::new();
    for ((expr, plain), ffi) in lowered.iter().zip(&c.ffi_args) {
        // An integer argument: checked inline, then passed without its converter.
        let value = match plain {
            Some((name, t)) if t.kind == "int" => {
                checks.push((name.clone(), t.min.clone(), t.max.clone(), t.canonical.clone()));
                name.clone()
            }
            _ => expr.clone(),
        };
        args.push(match ffi {
            FfiType::U8 | FfiType::I8 | FfiType::U16 | FfiType::I16 | FfiType::U32 | FfiType::I32 => value,
            FfiType::RustBuffer => value,
            FfiType::U64 | FfiType::Handle => format!("ctypes.c_uint64({value})"),
            FfiType::I64 => format!("ctypes.c_int64({value})"),
            FfiType::F32 => format!("ctypes.c_float({value})"),
            FfiType::F64 => format!("ctypes.c_double({value})"),
            _ => return None,
        });
    }
    Some(FastCall { checks, args: args.join(", ") })
}

/// Whether the converter's `lift` returns the raw FFI value unchanged (ints and floats), so
/// the call can return it as is.
pub fn identity_lift(t: &PyType) -> bool {
    matches!(t.kind, "int" | "float")
}
