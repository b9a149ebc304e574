//! Reads an IR module's FFI symbols and FFI types; produces the C side of the Swift bindings:
//! the C header `<ffi module>.h` (prototypes, vtable and foreign-future typedefs, rendering
//! `templates/swift/header.h`), the `modulemap` and the Swift and C spellings of FFI types.

use anyhow::{Context, Result};
use askama::Template;
use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use super::names::vtable_field;
use crate::ir::{Callable, FfiType, ForeignImpl, Module};

#[derive(Template)]
#[template(path = "swift/header.h", escape = "none")]
struct HeaderTemplate<'a> {
    m: &'a Module,
    decls: Vec<CDecl>,
    /// (include guard, C type definition) for the vtables and foreign futures.
    typedefs: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "swift/modulemap", escape = "none")]
struct ModuleMapTemplate<'a> {
    ffi_module: String,
    header: String,
    /// `link_frameworks`: frameworks the C module links (`link framework "X"`).
    link_frameworks: &'a [String],
}

/// One C function prototype of the header.
pub struct CDecl {
    pub ret: String,
    pub symbol: String,
    /// The parameter list, `void` when empty.
    pub params: String,
}

/// The C header of the FFI module.
pub fn header(m: &Module) -> Result<String> {
    HeaderTemplate { m, decls: c_decls(m), typedefs: c_typedefs(m) }.render().context("rendering swift/header.h")
}

/// The clang module map of the FFI module, naming its header.
pub fn modulemap(ffi_module: String, header: String, link_frameworks: &[String]) -> Result<String> {
    ModuleMapTemplate { ffi_module, header, link_frameworks }.render().context("rendering swift/modulemap")
}

/// C prototypes for every symbol the Swift module calls.
fn c_decls(m: &Module) -> Vec<CDecl> {
    let status = "RustCallStatus *_Nonnull out_status";
    let decl = |ret: Option<&FfiType>, symbol: &str, params: Vec<String>| CDecl {
        ret: ret.map_or("void".into(), c_type),
        symbol: symbol.into(),
        params: if params.is_empty() { "void".into() } else { params.join(", ") },
    };
    let rb = &m.rustbuffer;
    let mut out = vec![
        decl(Some(&FfiType::U32), &m.contract_version_symbol, vec![]),
        decl(Some(&FfiType::RustBuffer), &rb.alloc, vec!["uint64_t size".into(), status.into()]),
        decl(Some(&FfiType::RustBuffer), &rb.from_bytes, vec!["ForeignBytes bytes".into(), status.into()]),
        decl(None, &rb.free, vec!["RustBuffer buf".into(), status.into()]),
        decl(
            Some(&FfiType::RustBuffer),
            &rb.reserve,
            vec!["RustBuffer buf".into(), "uint64_t additional".into(), status.into()],
        ),
    ];
    for (symbol, _) in &m.checksums {
        out.push(decl(Some(&FfiType::U16), symbol, vec![]));
    }
    let foreign = m.callback_interfaces.iter().map(|c| &c.foreign).chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()));
    for f in foreign {
        let vtable = format!("const Uniffi{} *_Nonnull vtable", f.vtable_struct);
        out.push(decl(None, &f.init_symbol, vec![vtable]));
    }
    for o in &m.objects {
        out.push(decl(Some(&FfiType::Handle), &o.clone_symbol, vec!["uint64_t handle".into(), status.into()]));
        out.push(decl(None, &o.free_symbol, vec!["uint64_t handle".into(), status.into()]));
    }
    let t = |t: &crate::ir::TraitMethods| {
        [&t.display, &t.debug, &t.eq, &t.ne, &t.hash, &t.cmp].into_iter().flatten().cloned().collect::<Vec<_>>()
    };
    let callables: Vec<Callable> = m
        .functions
        .iter()
        .cloned()
        .chain(m.objects.iter().flat_map(|o| o.constructors.iter().chain(&o.methods).cloned().chain(t(&o.trait_methods))))
        .chain(m.records.iter().flat_map(|r| r.methods.iter().cloned().chain(t(&r.trait_methods))))
        .chain(m.enums.iter().flat_map(|e| e.methods.iter().cloned().chain(t(&e.trait_methods))))
        .collect();
    for c in &callables {
        let mut params: Vec<String> =
            c.ffi_args.iter().enumerate().map(|(i, t)| format!("{} arg{i}", c_type(t))).collect();
        if c.has_call_status {
            params.push(status.into());
        }
        out.push(decl(c.ffi_ret.as_ref(), &c.ffi_symbol, params));
    }
    for f in &m.future_families {
        let handle = || "uint64_t handle".to_string();
        out.push(decl(
            None,
            &f.poll,
            vec![handle(), "UniffiRustFutureContinuationCallback _Nonnull callback".into(), "uint64_t callback_data".into()],
        ));
        out.push(decl(f.ffi_ret.as_ref(), &f.complete, vec![handle(), status.into()]));
        out.push(decl(None, &f.cancel, vec![handle()]));
        out.push(decl(None, &f.free, vec![handle()]));
    }
    out
}

/// C type definitions the vtables need, each behind its own include guard (shared ones are
/// the same in every UniFFI header, so several modules can be imported together).
pub fn c_typedefs(m: &Module) -> Vec<(String, String)> {
    let foreign: Vec<&ForeignImpl> = m
        .callback_interfaces
        .iter()
        .map(|c| &c.foreign)
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()))
        .collect();
    let mut out = vec![
        ("ForeignFutureDroppedCallback".into(), "typedef void (*UniffiForeignFutureDroppedCallback)(uint64_t handle);".into()),
        (
            "ForeignFutureDroppedCallbackStruct".into(),
            "typedef struct UniffiForeignFutureDroppedCallbackStruct {\n    uint64_t handle;\n    UniffiForeignFutureDroppedCallback _Nonnull free;\n} UniffiForeignFutureDroppedCallbackStruct;".into(),
        ),
        ("CallbackInterfaceFree".into(), "typedef void (*UniffiCallbackInterfaceFree)(uint64_t handle);".into()),
        ("CallbackInterfaceClone".into(), "typedef uint64_t (*UniffiCallbackInterfaceClone)(uint64_t handle);".into()),
    ];
    // One result struct and completion callback per FFI symbol (the IR dedups them).
    for s in &m.foreign_future_shapes {
        let value = s.ffi_ret.as_ref().map(|t| format!("    {} returnValue;\n", c_type(t))).unwrap_or_default();
        out.push((
            s.result_struct.clone(),
            format!("typedef struct Uniffi{0} {{\n{value}    RustCallStatus callStatus;\n}} Uniffi{0};", s.result_struct),
        ));
        out.push((
            s.complete_callback.clone(),
            format!("typedef void (*Uniffi{})(uint64_t callback_data, Uniffi{} result);", s.complete_callback, s.result_struct),
        ));
    }
    for f in &foreign {
        let mut fields = vec![
            "    UniffiCallbackInterfaceFree _Nonnull uniffiFree;".to_string(),
            "    UniffiCallbackInterfaceClone _Nonnull uniffiClone;".to_string(),
        ];
        for (i, c) in f.methods.iter().enumerate() {
            let mut params: Vec<String> = c.ffi_args.iter().map(param_type).collect();
            if c.has_call_status {
                params.push("RustCallStatus *_Nonnull uniffiCallStatus".into());
            }
            let name = format!("Uniffi{}", c.ffi_symbol.to_upper_camel_case());
            out.push((c.ffi_symbol.clone(), format!("typedef void (*{name})({});", params.join(", "))));
            fields.push(format!("    {name} _Nonnull {};", vtable_field(i)));
        }
        out.push((
            f.vtable_struct.clone(),
            format!("typedef struct Uniffi{0} {{\n{1}\n}} Uniffi{0};", f.vtable_struct, fields.join("\n")),
        ));
    }
    out.into_iter().map(|(name, text)| (format!("UNIFFI_FFIDEF_{}", name.to_shouty_snake_case()), text)).collect()
}

/// A parameter type in a callback typedef: function pointers are never null.
fn param_type(t: &FfiType) -> String {
    match t {
        FfiType::Callback(_) => format!("{} _Nonnull", c_type(t)),
        _ => c_type(t),
    }
}

/// The Swift spelling of an FFI type (what converters' `lift` take and `lower` return).
pub fn swift_ffi_type(t: &FfiType) -> String {
    match t {
        FfiType::U8 => "UInt8".into(),
        FfiType::I8 => "Int8".into(),
        FfiType::U16 => "UInt16".into(),
        FfiType::I16 => "Int16".into(),
        FfiType::U32 => "UInt32".into(),
        FfiType::I32 => "Int32".into(),
        FfiType::U64 | FfiType::Handle => "UInt64".into(),
        FfiType::I64 => "Int64".into(),
        FfiType::F32 => "Float".into(),
        FfiType::F64 => "Double".into(),
        FfiType::RustBuffer => "RustBuffer".into(),
        FfiType::ForeignBytes => "ForeignBytes".into(),
        FfiType::RustCallStatus => "RustCallStatus".into(),
        FfiType::Callback(n) | FfiType::Struct(n) => format!("Uniffi{}", n.to_upper_camel_case()),
        FfiType::Reference(t) => format!("UnsafePointer<{}>", swift_ffi_type(t)),
        FfiType::MutReference(t) => format!("UnsafeMutablePointer<{}>", swift_ffi_type(t)),
        FfiType::VoidPointer => "UnsafeMutableRawPointer?".into(),
    }
}

/// The C spelling of an FFI type in the generated header.
pub fn c_type(t: &FfiType) -> String {
    match t {
        FfiType::U8 => "uint8_t".into(),
        FfiType::I8 => "int8_t".into(),
        FfiType::U16 => "uint16_t".into(),
        FfiType::I16 => "int16_t".into(),
        FfiType::U32 => "uint32_t".into(),
        FfiType::I32 => "int32_t".into(),
        FfiType::U64 | FfiType::Handle => "uint64_t".into(),
        FfiType::I64 => "int64_t".into(),
        FfiType::F32 => "float".into(),
        FfiType::F64 => "double".into(),
        FfiType::RustBuffer => "RustBuffer".into(),
        FfiType::ForeignBytes => "ForeignBytes".into(),
        FfiType::RustCallStatus => "RustCallStatus".into(),
        FfiType::Callback(n) => format!("Uniffi{}", n.to_upper_camel_case()),
        FfiType::Struct(n) => format!("Uniffi{}", n.to_upper_camel_case()),
        FfiType::Reference(t) => format!("const {} *_Nonnull", c_type(t)),
        FfiType::MutReference(t) => format!("{} *_Nonnull", c_type(t)),
        FfiType::VoidPointer => "void *_Nullable".into(),
    }
}
