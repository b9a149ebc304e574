//! Reads an IR module; produces the ctypes side of the Python module: the `argtypes`/`restype`
//! declaration of every FFI symbol called, and the ctypes types (callback function types and
//! structs) that vtables and foreign futures need, in dependency order.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Callable, FfiType, ForeignImpl, Module};

/// `_uniffi_lib.<symbol>.argtypes = [...]` / `.restype = ...`.
pub struct FfiDecl {
    pub symbol: String,
    pub argtypes: String,
    pub restype: String,
    /// Called directly (see `callable.rs`): bound to the module-level name `name`, with no
    /// `argtypes`.
    pub bound: bool,
    /// See [`bound_name`].
    pub name: String,
}

/// A ctypes type the module defines: a `CFUNCTYPE` (callback) or a `ctypes.Structure`.
pub struct FfiDef {
    /// `_UniffiCallbackInterfaceLoggerMethod0`, ...
    pub name: String,
    pub is_struct: bool,
    /// Callbacks: `restype, argtype, ...` (the `CFUNCTYPE` arguments).
    pub cfunctype_args: String,
    /// Structs: `(field name, ctype)`.
    pub fields: Vec<(String, String)>,
    /// Whether blank lines separate it from what precedes (structs, and what follows one).
    pub spaced: bool,
}

const STATUS_PTR: &str = "_uniffi_ctypes.POINTER(_UniffiRustCallStatus)";

/// Every foreign implementation (callback interfaces and foreign traits) of the module.
pub fn foreign_impls(m: &Module) -> impl Iterator<Item = &ForeignImpl> {
    m.callback_interfaces
        .iter()
        .map(|c| &c.foreign)
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()))
}

fn traits(t: &crate::ir::TraitMethods) -> [&Option<Callable>; 6] {
    [&t.display, &t.debug, &t.eq, &t.ne, &t.hash, &t.cmp]
}

/// Every Rust-implemented callable: functions, constructors, methods and trait methods.
fn rust_callables(m: &Module) -> impl Iterator<Item = &Callable> {
    let objects = m.objects.iter().flat_map(|o| {
        o.constructors.iter().chain(o.methods.iter()).chain(traits(&o.trait_methods).into_iter().flatten())
    });
    let records = m.records.iter().flat_map(|r| r.methods.iter().chain(traits(&r.trait_methods).into_iter().flatten()));
    let enums = m.enums.iter().flat_map(|e| e.methods.iter().chain(traits(&e.trait_methods).into_iter().flatten()));
    m.functions.iter().chain(objects).chain(records).chain(enums)
}

/// ctypes declarations for every symbol the module calls.
pub fn decls(m: &Module, fast: &BTreeSet<&str>) -> Vec<FfiDecl> {
    let mut out = Vec::new();
    let h = ctype(&FfiType::Handle);
    for c in rust_callables(m) {
        let mut args: Vec<String> = c.ffi_args.iter().map(ctype).collect();
        if c.has_call_status {
            args.push(STATUS_PTR.into());
        }
        out.push(FfiDecl {
            name: bound_name(&c.ffi_symbol),
            symbol: c.ffi_symbol.clone(),
            argtypes: args.join(", "),
            // A Rust future's handle stays a `c_uint64` object (a subclass is not converted to
            // `int`), so poll/complete/free take it directly.
            restype: if c.is_async() && c.async_shape.as_ref().is_some_and(|s| s.rust_future().is_some()) {
                "_UniffiHandle".into()
            } else {
                c.ffi_ret.as_ref().map_or("None".into(), ctype)
            },
            bound: fast.contains(c.ffi_symbol.as_str()),
        });
    }
    for o in &m.objects {
        let argtypes = format!("{h}, {STATUS_PTR}");
        out.push(FfiDecl { name: bound_name(&o.clone_symbol), symbol: o.clone_symbol.clone(), argtypes: argtypes.clone(), restype: h.clone(), bound: false });
        out.push(FfiDecl { name: bound_name(&o.free_symbol), symbol: o.free_symbol.clone(), argtypes, restype: "None".into(), bound: false });
    }
    for f in foreign_impls(m) {
        out.push(FfiDecl {
            name: bound_name(&f.init_symbol),
            symbol: f.init_symbol.clone(),
            argtypes: format!("_uniffi_ctypes.POINTER(_Uniffi{})", f.vtable_struct),
            restype: "None".into(),
            bound: false,
        });
    }
    // The RustFuture family is called directly (async.py passes `_UniffiHandle` objects, the
    // continuation and a `byref` status, which need no conversion).
    for f in &m.future_families {
        out.push(FfiDecl { name: bound_name(&f.poll), symbol: f.poll.clone(), argtypes: String::new(), restype: "None".into(), bound: true });
        out.push(FfiDecl {
            name: bound_name(&f.complete),
            symbol: f.complete.clone(),
            argtypes: String::new(),
            restype: f.ffi_ret.as_ref().map_or("None".into(), ctype),
            bound: true,
        });
        for sym in [&f.cancel, &f.free] {
            out.push(FfiDecl { name: bound_name(sym), symbol: sym.clone(), argtypes: String::new(), restype: "None".into(), bound: true });
        }
    }
    out
}

/// The ctypes types that vtables and foreign futures need, each after the types it uses.
pub fn defs(m: &Module) -> Vec<FfiDef> {
    let impls: Vec<&ForeignImpl> = foreign_impls(m).collect();
    if impls.is_empty() {
        return Vec::new();
    }
    let cb = |name: &str, args: String| FfiDef {
        name: format!("_Uniffi{name}"),
        is_struct: false,
        cfunctype_args: args,
        fields: Vec::new(),
        spaced: false,
    };
    let st = |name: &str, fields: Vec<(String, String)>| FfiDef {
        name: format!("_Uniffi{name}"),
        is_struct: true,
        cfunctype_args: String::new(),
        fields,
        spaced: true,
    };
    let u64 = ctype(&FfiType::Handle);
    let mut out = vec![
        cb("CallbackInterfaceFree", format!("None, {u64}")),
        cb("CallbackInterfaceClone", format!("{u64}, {u64}")),
    ];
    let methods = || impls.iter().flat_map(|f| f.methods.iter());
    // One result struct and completion callback per foreign-future return type.
    let mut shapes = BTreeMap::new();
    for c in methods() {
        if let Some(crate::ir::AsyncShape::ForeignFuture(s)) = &c.async_shape {
            shapes.insert(s.result_struct.clone(), s.clone());
        }
    }
    if !shapes.is_empty() {
        out.push(cb("ForeignFutureDroppedCallback", format!("None, {u64}")));
        out.push(st(
            "ForeignFutureDroppedCallbackStruct",
            vec![
                ("callback_data".into(), u64.clone()),
                ("callback".into(), "_UniffiForeignFutureDroppedCallback".into()),
            ],
        ));
    }
    for s in shapes.values() {
        let mut fields = Vec::new();
        if let Some(t) = &s.ffi_ret {
            fields.push(("return_value".into(), ctype(t)));
        }
        fields.push(("call_status".into(), "_UniffiRustCallStatus".into()));
        out.push(st(&s.result_struct, fields));
        out.push(cb(&s.complete_callback, format!("None, {u64}, _Uniffi{}", s.result_struct)));
    }
    for c in methods() {
        let mut args: Vec<String> = c.ffi_args.iter().map(ctype).collect();
        if c.has_call_status {
            args.push(STATUS_PTR.into());
        }
        out.push(cb(&c.ffi_symbol, format!("None, {}", args.join(", "))));
    }
    for f in &impls {
        let mut fields = vec![
            ("uniffi_free".to_owned(), "_UniffiCallbackInterfaceFree".to_owned()),
            ("uniffi_clone".to_owned(), "_UniffiCallbackInterfaceClone".to_owned()),
        ];
        fields.extend(f.methods.iter().map(|c| (c.name.clone(), format!("_Uniffi{}", c.ffi_symbol))));
        out.push(st(&f.vtable_struct, fields));
    }
    for i in 1..out.len() {
        if out[i - 1].is_struct {
            out[i].spaced = true;
        }
    }
    out
}

/// The module-level name a directly called symbol is bound to (`_uniffi_<ns>_fn_func_add`,
/// `_uniffi_ffi_<ns>_rust_future_poll_u32`).
pub fn bound_name(symbol: &str) -> String {
    match symbol.strip_prefix("uniffi_") {
        Some(rest) => format!("_uniffi_{rest}"),
        None => format!("_uniffi_{symbol}"),
    }
}

/// The ctypes type of an FFI type.
pub fn ctype(t: &FfiType) -> String {
    match t {
        FfiType::U8 => "_uniffi_ctypes.c_uint8".into(),
        FfiType::I8 => "_uniffi_ctypes.c_int8".into(),
        FfiType::U16 => "_uniffi_ctypes.c_uint16".into(),
        FfiType::I16 => "_uniffi_ctypes.c_int16".into(),
        FfiType::U32 => "_uniffi_ctypes.c_uint32".into(),
        FfiType::I32 => "_uniffi_ctypes.c_int32".into(),
        FfiType::U64 | FfiType::Handle => "_uniffi_ctypes.c_uint64".into(),
        FfiType::I64 => "_uniffi_ctypes.c_int64".into(),
        FfiType::F32 => "_uniffi_ctypes.c_float".into(),
        FfiType::F64 => "_uniffi_ctypes.c_double".into(),
        FfiType::RustBuffer => "_UniffiRustBuffer".into(),
        FfiType::ForeignBytes => "_UniffiForeignBytes".into(),
        FfiType::RustCallStatus => "_UniffiRustCallStatus".into(),
        FfiType::Callback(n) => format!("_Uniffi{n}"),
        FfiType::Struct(n) => format!("_Uniffi{n}"),
        FfiType::Reference(t) | FfiType::MutReference(t) => format!("_uniffi_ctypes.POINTER({})", ctype(t)),
        FfiType::VoidPointer => "_uniffi_ctypes.c_void_p".into(),
    }
}

/// The Python hint of a value ctypes hands a callback for an argument of this FFI type.
pub fn received_hint(t: &FfiType) -> &'static str {
    match t {
        FfiType::U8
        | FfiType::I8
        | FfiType::U16
        | FfiType::I16
        | FfiType::U32
        | FfiType::I32
        | FfiType::U64
        | FfiType::I64
        | FfiType::Handle => "_uniffi_int",
        FfiType::F32 | FfiType::F64 => "_uniffi_float",
        FfiType::RustBuffer => "_UniffiRustBuffer",
        _ => "_uniffi_typing.Any",
    }
}
