//! Reads an IR callable and its Python types; produces its view for function.py
//! ([`PyCallable`]) and the Rust trait methods of a class for traits.py ([`PyTraits`]).
//!
//! A view includes the direct ("fast") form of its FFI call: the inline range checks and the
//! argument list for a ctypes function that has no `argtypes`, so ctypes skips its
//! per-argument `from_param` conversions (they cost more than the call itself).
//!
//! Without `argtypes`, ctypes passes a Python `int` as a C `int` (masked to 32 bits), a
//! `ctypes.Structure` instance by value and a `byref` as a pointer; so integers of up to 32
//! bits go as they are (after the range check), 64-bit integers and handles are wrapped in
//! `ctypes.c_uint64`/`c_int64`, floats in `c_float`/`c_double`. A callable with any other FFI
//! argument type keeps the declared `argtypes` path.

use crate::ir::{Callable, CallableKind, FfiType, Module, Type};

use super::ffi;
use super::names;
use super::options::PyCx;
use super::types::{self, PyType};

/// The direct call of one callable (a sync call, or the call starting an async one).
pub struct FastCall {
    /// `(argument, min, max, canonical type)` of each integer argument checked inline.
    pub checks: Vec<(String, String, String, String)>,
    /// The call's arguments, without the call status.
    pub args: String,
    /// `(local, expression)`: arguments lowered before the call's argument list (see
    /// [`callable`]).
    pub prelude: Vec<(String, String)>,
}

/// `lowered` holds, per FFI argument, the Python expression of the lowered value and, for a
/// plain argument, its name and type. `None` when the callable keeps the `argtypes` path.
/// With `receiver` (methods), every argument but the first (the receiver's handle) is
/// lowered into a local of the prelude first.
pub fn fast_call(c: &Callable, lowered: &[(String, Option<(String, PyType)>)], receiver: bool) -> Option<FastCall> {
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
    // Whether each argument's expression cannot fail (an integer checked above).
    let mut safe = Vec::new();
    for ((expr, plain), ffi) in lowered.iter().zip(&c.ffi_args) {
        // An integer argument: checked inline, then passed without its converter.
        let value = match plain {
            Some((name, t)) if t.kind == "int" => {
                checks.push((name.clone(), t.min.clone(), t.max.clone(), t.canonical.clone()));
                safe.push(true);
                name.clone()
            }
            _ => {
                safe.push(false);
                expr.clone()
            }
        };
        args.push(match ffi {
            FfiType::U8 | FfiType::I8 | FfiType::U16 | FfiType::I16 | FfiType::U32 | FfiType::I32 => value,
            FfiType::RustBuffer => value,
            FfiType::U64 | FfiType::Handle => format!("_uniffi_ctypes.c_uint64({value})"),
            FfiType::I64 => format!("_uniffi_ctypes.c_int64({value})"),
            FfiType::F32 => format!("_uniffi_ctypes.c_float({value})"),
            FfiType::F64 => format!("_uniffi_ctypes.c_double({value})"),
            _ => return None,
        });
    }
    let mut prelude = Vec::new();
    if receiver {
        for (i, a) in args.iter_mut().enumerate().skip(1).filter(|(i, _)| !safe[*i]) {
            let local = format!("_uniffi_arg{i}");
            prelude.push((local.clone(), std::mem::replace(a, local)));
        }
    }
    Some(FastCall { checks, args: args.join(", "), prelude })
}

/// Whether the converter's `lift` returns the raw FFI value unchanged (ints and floats), so
/// the call can return it as is.
pub fn identity_lift(t: &PyType) -> bool {
    matches!(t.kind, "int" | "float")
}

/// A callable as the Python template renders it; every string precomputed.
pub struct PyCallable {
    pub name: String,
    /// A module-level function (two blank lines around it) rather than a method.
    pub top: bool,
    /// `@classmethod` for named constructors.
    pub decorator: Option<&'static str>,
    /// What the `offload` wrapper runs: `_uniffi_blocking_f` or `self._uniffi_blocking_f`.
    pub offload_target: String,
    pub docstring: Option<String>,
    pub is_async: bool,
    /// `offload`: a blocking Rust call exposed as `async def`, run in an executor.
    pub offload: bool,
    /// `blocking`: an async Rust call that also gets `<name>_blocking`.
    pub blocking: bool,
    /// `a, b`: the parameters forwarded by the offload wrapper.
    pub arg_names: String,
    /// `a: int, b: int = 3`
    pub params: String,
    /// `(parameter, expression)`: parameters left at `_UNIFFI_DEFAULT` get a fresh value.
    pub fresh_defaults: Vec<(String, String)>,
    /// `_UniffiConverterU32.lower(a), ...` (the FFI call's argument list)
    pub lowered_args: String,
    /// `(local, expression)`: methods lower their arguments into locals first, then clone the
    /// receiver's handle in `lowered_args`.
    pub prelude: Vec<(String, String)>,
    pub return_hint: String,
    /// The expression returning the lifted `raw` value, or `None` for unit.
    pub lift: Option<String>,
    /// Converter name for the declared error, or `None`.
    pub error: Option<String>,
    pub ffi_symbol: String,
    /// The direct ctypes call (sync calls whose FFI arguments allow it), see [`fast_call`].
    pub fast: Option<FastCall>,
    /// `raw: int` when the lift returns the raw value as is (so it keeps a static type), else `raw`.
    pub raw_decl: String,
    /// The module-level names of the directly called symbols (`ffi::bound_name`).
    pub bound_symbol: String,
    pub poll: String,
    pub complete: String,
    pub free: String,
}

/// The view of one callable (function, method or constructor) that function.py renders.
pub fn callable(m: &Module, cfg: &PyCx<'_>, c: &Callable) -> PyCallable {
    // Defaults other than immutable literals (`[]`, `Point()`) are created in the body.
    let mut fresh_defaults = Vec::new();
    let mut params: Vec<String> = c
        .args
        .iter()
        .map(|a| {
            let (name, t) = (names::param_name(&a.name), PyType::of(&a.ty, cfg));
            match a.default.as_ref().and_then(|d| types::default_value(d, &a.ty, cfg)) {
                Some(types::Default::Literal(v)) => format!("{name}: {} = {v}", t.hint),
                // A list or dict is created per call too: no mutable default (ruff's B006).
                Some(types::Default::Mutable(e) | types::Default::Constructed(e)) => {
                    let param = format!("{name}: {} | _UniffiDefaultType = _UNIFFI_DEFAULT", t.hint);
                    fresh_defaults.push((name, e));
                    param
                }
                None => format!("{name}: {}", t.hint),
            }
        })
        .collect();
    let mut plain: Vec<(String, Option<(String, PyType)>)> = c
        .args
        .iter()
        .map(|a| {
            let (name, t) = (names::param_name(&a.name), PyType::of(&a.ty, cfg));
            (format!("{}.lower({name})", t.converter), Some((name, t)))
        })
        .collect();
    let name = match c.kind {
        CallableKind::Function => names::function_name(&c.name),
        _ => names::method_name(&c.name),
    };
    // Methods pass a fresh reference to the receiver (Rust consumes it); named constructors
    // are classmethods.
    let (top, decorator, offload_target) = match &c.kind {
        CallableKind::Function => (true, None, format!("_uniffi_blocking_{name}")),
        CallableKind::Constructor { primary: true, .. } if !c.is_async() => {
            params.insert(0, "self".into());
            (false, None, String::new())
        }
        CallableKind::Constructor { .. } => {
            params.insert(0, "cls".into());
            (false, Some("@_uniffi_classmethod"), format!("cls._uniffi_blocking_{name}"))
        }
        CallableKind::Method { object } if m.records.iter().any(|r| &r.name == object) => {
            // A record's (or enum's) method: the receiver crosses by value, like an argument.
            params.insert(0, "self".into());
            let conv = PyType::of(&Type::Record(object.clone()), cfg).converter;
            plain.insert(0, (format!("{conv}.lower(self)"), None));
            (false, None, format!("self._uniffi_blocking_{name}"))
        }
        CallableKind::Method { object } if m.enums.iter().any(|e| &e.name == object) => {
            params.insert(0, "self".into());
            let conv = PyType::of(&Type::Enum(object.clone()), cfg).converter;
            plain.insert(0, (format!("{conv}.lower(self)"), None));
            (false, None, format!("self._uniffi_blocking_{name}"))
        }
        CallableKind::Method { .. } | CallableKind::ForeignMethod { .. } => {
            params.insert(0, "self".into());
            plain.insert(0, ("self._uniffi_clone_handle()".into(), None));
            (false, None, format!("self._uniffi_blocking_{name}"))
        }
    };
    let receiver = matches!(c.kind, CallableKind::Method { .. } | CallableKind::ForeignMethod { .. });
    // A method clones its receiver's handle (a new Rust reference) only after every other
    // argument is lowered: an argument that is rejected must not leak that reference.
    let mut prelude = Vec::new();
    let fast = fast_call(c, &plain, receiver);
    if receiver && plain.len() > 1 {
        for (i, (expr, _)) in plain.iter_mut().enumerate().skip(1) {
            let local = format!("_uniffi_arg{i}");
            prelude.push((local.clone(), std::mem::replace(expr, local)));
        }
    }
    let lowered: Vec<&str> = plain.iter().map(|(e, _)| e.as_str()).collect();
    let ret = c.ret.as_ref().map(|t| PyType::of(t, cfg));
    let raw_decl = match &ret {
        Some(t) if identity_lift(t) => format!("_uniffi_raw: {}", t.hint),
        _ => "_uniffi_raw".into(),
    };
    let fam = c.async_shape.as_ref().and_then(|s| s.rust_future());
    PyCallable {
        top,
        decorator,
        offload_target,
        docstring: c.docstring.as_deref().map(|d| {
            let d = if c.annotations.offload {
                format!("{d}\n\nRuns the blocking Rust call in the offload executor (see `uniffi_set_offload_executor`).")
            } else {
                d.to_owned()
            };
            types::docstring(&d, 4)
        }),
        is_async: c.is_async(),
        offload: c.annotations.offload,
        blocking: c.annotations.blocking,
        arg_names: c.args.iter().map(|a| names::param_name(&a.name)).collect::<Vec<_>>().join(", "),
        params: params.join(", "),
        fresh_defaults,
        lowered_args: lowered.join(", "),
        prelude,
        return_hint: ret.as_ref().map_or("None".into(), |t| t.hint.clone()),
        lift: ret.map(|t| {
            if identity_lift(&t) {
                "_uniffi_raw".into()
            } else if t.lift_is_typed() {
                format!("{}.lift(_uniffi_raw)", t.converter)
            } else {
                format!("_uniffi_typing.cast(\"{}\", {}.lift(_uniffi_raw))", t.hint, t.converter)
            }
        }),
        error: c.throws.as_ref().map(|t| match t {
            Type::Object { .. } => types::error_converter(t),
            _ => PyType::of(t, cfg).converter,
        }),
        ffi_symbol: c.ffi_symbol.clone(),
        fast,
        raw_decl,
        bound_symbol: ffi::bound_name(&c.ffi_symbol),
        poll: fam.map(|f| ffi::bound_name(&f.poll)).unwrap_or_default(),
        complete: fam.map(|f| ffi::bound_name(&f.complete)).unwrap_or_default(),
        free: fam.map(|f| ffi::bound_name(&f.free)).unwrap_or_default(),
        name,
    }
}

/// Rust trait methods (`Display`, `Debug`, `Eq`, `Hash`, `Ord`) of an object, record or enum,
/// rendered as dunder methods by traits.py.
pub struct PyTraits {
    /// The class the methods belong to (`isinstance` checks of `other`).
    pub owner: String,
    pub display: Option<PyCallable>,
    pub debug: Option<PyCallable>,
    pub eq: Option<PyCallable>,
    pub ne: Option<PyCallable>,
    pub hash: Option<PyCallable>,
    pub cmp: Option<PyCallable>,
}

pub fn traits(m: &Module, cfg: &PyCx<'_>, t: &crate::ir::TraitMethods, owner: &str) -> PyTraits {
    let tm = |c: &Option<Callable>| c.as_ref().map(|c| callable(m, cfg, c));
    PyTraits {
        owner: owner.to_owned(),
        display: tm(&t.display),
        debug: tm(&t.debug),
        eq: tm(&t.eq),
        ne: tm(&t.ne),
        hash: tm(&t.hash),
        cmp: tm(&t.cmp),
    }
}
