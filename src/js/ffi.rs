//! Reads the IR's FFI symbols and types; produces the native-call layer: the koffi spelling of
//! FFI types, the `lib.func(...)` declaration of every symbol the module calls, the koffi
//! prototypes and structs the vtables and foreign futures use, and the RustFuture families
//! `async.js` drives.

use crate::ir::{FfiType, ForeignImpl, FutureFamily, Module};

use super::callable::all_callables;
use super::names::family_var;

/// One `lib.func(...)` declaration.
pub struct FfiDecl {
    pub symbol: String,
    pub ret: String,
    pub args: String,
}

/// A RustFuture family as the async runtime drives it.
pub struct JsFamily {
    /// `UNIFFI_FUTURE_U32`.
    pub var: String,
    pub poll: String,
    pub complete: String,
    pub cancel: String,
    pub free: String,
}

/// The view of a RustFuture family.
pub fn family(f: &FutureFamily) -> JsFamily {
    JsFamily {
        var: family_var(f),
        poll: f.poll.clone(),
        complete: f.complete.clone(),
        cancel: f.cancel.clone(),
        free: f.free.clone(),
    }
}

/// koffi declarations for every symbol the module calls.
pub fn ffi_decls(m: &Module) -> Vec<FfiDecl> {
    let decl = |symbol: &str, ret: Option<&FfiType>, mut args: Vec<String>, with_status: bool| {
        if with_status {
            args.push("UNIFFI_STATUS_PTR".into());
        }
        FfiDecl { symbol: symbol.to_owned(), ret: ret.map_or("'void'".into(), koffi_type), args: args.join(", ") }
    };
    let rb = &m.rustbuffer;
    let mut out = vec![
        decl(&m.contract_version_symbol, Some(&FfiType::U32), vec![], false),
        decl(&rb.from_bytes, Some(&FfiType::RustBuffer), vec![koffi_type(&FfiType::ForeignBytes)], true),
        decl(&rb.free, None, vec![koffi_type(&FfiType::RustBuffer)], true),
    ];
    for (symbol, _) in &m.checksums {
        out.push(decl(symbol, Some(&FfiType::U16), vec![], false));
    }
    for c in all_callables(m) {
        let args = c.ffi_args.iter().map(koffi_type).collect();
        out.push(decl(&c.ffi_symbol, c.ffi_ret.as_ref(), args, c.has_call_status));
    }
    let h = koffi_type(&FfiType::Handle);
    for o in &m.objects {
        out.push(decl(&o.clone_symbol, Some(&FfiType::Handle), vec![h.clone()], true));
        out.push(decl(&o.free_symbol, None, vec![h.clone()], true));
    }
    let foreign = m.callback_interfaces.iter().map(|c| &c.foreign).chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()));
    for f in foreign {
        out.push(decl(&f.init_symbol, None, vec![format!("koffi.pointer(Uniffi{})", f.vtable_struct)], false));
    }
    for f in &m.future_families {
        let cont = "koffi.pointer(UniffiRustFutureContinuation)".to_owned();
        out.push(decl(&f.poll, None, vec![h.clone(), cont, h.clone()], false));
        out.push(decl(&f.complete, f.ffi_ret.as_ref(), vec![h.clone()], true));
        out.push(decl(&f.cancel, None, vec![h.clone()], false));
        out.push(decl(&f.free, None, vec![h.clone()], false));
    }
    out
}

/// `const X = koffi....;` declarations of the FFI types the vtables need, in dependency order.
pub fn ffi_types(m: &Module) -> Vec<String> {
    let foreign: Vec<&ForeignImpl> = m
        .callback_interfaces
        .iter()
        .map(|c| &c.foreign)
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()))
        .collect();
    if foreign.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        "const UniffiCallbackInterfaceFree = koffi.proto('void', ['uint64_t']);".to_owned(),
        "const UniffiCallbackInterfaceClone = koffi.proto('uint64_t', ['uint64_t']);".to_owned(),
        "const UniffiForeignFutureDroppedCallback = koffi.proto('void', ['uint64_t']);".to_owned(),
        "const UniffiForeignFutureDroppedCallbackStruct = koffi.struct({ handle: 'uint64_t', free: koffi.pointer(UniffiForeignFutureDroppedCallback) });".to_owned(),
    ];
    for s in &m.foreign_future_shapes {
        let value = s.ffi_ret.as_ref().map(|t| format!("return_value: {}, ", koffi_type(t))).unwrap_or_default();
        out.push(format!("const Uniffi{} = koffi.struct({{ {value}call_status: UniffiRustCallStatus }});", s.result_struct));
        out.push(format!("const Uniffi{} = koffi.proto('void', ['uint64_t', Uniffi{}]);", s.complete_callback, s.result_struct));
    }
    for f in &foreign {
        let mut fields = vec![
            "uniffi_free: koffi.pointer(UniffiCallbackInterfaceFree)".to_owned(),
            "uniffi_clone: koffi.pointer(UniffiCallbackInterfaceClone)".to_owned(),
        ];
        for c in &f.methods {
            let mut args: Vec<String> = c.ffi_args.iter().map(koffi_type).collect();
            if c.has_call_status {
                args.push("koffi.pointer(UniffiRustCallStatus)".into());
            }
            out.push(format!("const Uniffi{} = koffi.proto('void', [{}]);", c.ffi_symbol, args.join(", ")));
            fields.push(format!("{}: koffi.pointer(Uniffi{})", c.name, c.ffi_symbol));
        }
        out.push(format!("const Uniffi{} = koffi.struct({{ {} }});", f.vtable_struct, fields.join(", ")));
    }
    out
}

/// The koffi type expression for an FFI type (a JS expression, evaluated once at load time).
pub fn koffi_type(t: &FfiType) -> String {
    match t {
        FfiType::U8 => "'uint8_t'".into(),
        FfiType::I8 => "'int8_t'".into(),
        FfiType::U16 => "'uint16_t'".into(),
        FfiType::I16 => "'int16_t'".into(),
        FfiType::U32 => "'uint32_t'".into(),
        FfiType::I32 => "'int32_t'".into(),
        FfiType::U64 | FfiType::Handle => "'uint64_t'".into(),
        FfiType::I64 => "'int64_t'".into(),
        FfiType::F32 => "'float'".into(),
        FfiType::F64 => "'double'".into(),
        FfiType::RustBuffer => "UniffiRustBuffer".into(),
        FfiType::ForeignBytes => "UniffiForeignBytes".into(),
        FfiType::RustCallStatus => "UniffiRustCallStatus".into(),
        FfiType::Callback(n) => format!("koffi.pointer(Uniffi{n})"),
        FfiType::Struct(n) => format!("Uniffi{n}"),
        FfiType::Reference(t) | FfiType::MutReference(t) => format!("koffi.pointer({})", koffi_type(t)),
        FfiType::VoidPointer => "'void *'".into(),
    }
}

/// The zero value of an FFI return type in a foreign-future result (`0`, `0n`, an empty buffer).
pub fn ffi_zero(t: &FfiType) -> String {
    match t {
        FfiType::RustBuffer => "uniffiEmptyBuffer()".into(),
        FfiType::U64 | FfiType::I64 | FfiType::Handle => "0n".into(),
        _ => "0".into(),
    }
}
