//! Reads the IR module's FFI symbols (callables, vtable inits, object clone/free, RustFuture
//! families); produces the direct-mapped `external fun` declarations of `UniffiLib` and the
//! future-family objects `templates/kotlin/module.kt` and `async.kt` render (symbols of the
//! runtime itself are written in the templates).

use super::callable::{callables, family_object};
use super::callback::foreign_impls;
use super::options::Names;
use super::types::ffi_type;
use crate::ir::{FfiType, Module};

/// One direct-mapped `external fun`.
pub struct FfiDecl {
    pub symbol: String,
    /// `arg0: Int, arg1: Int, uniffiStatus: Pointer`
    pub params: String,
    /// `: Int`, or empty for void.
    pub ret: String,
}

/// One RustFuture FFI family, rendered as an object implementing `UniffiRustFuture<F>`.
pub struct KtFamily {
    pub object: String,
    /// JVM type `complete` returns (`Unit` for void).
    pub ffi_ret: String,
    pub poll: String,
    pub complete: String,
    pub cancel: String,
    pub free: String,
}

pub fn family(f: &crate::ir::FutureFamily) -> KtFamily {
    KtFamily {
        object: family_object(&f.suffix),
        ffi_ret: f.ffi_ret.as_ref().map_or("kotlin.Unit".into(), ffi_type),
        poll: f.poll.clone(),
        complete: f.complete.clone(),
        cancel: f.cancel.clone(),
        free: f.free.clone(),
    }
}

/// Direct-mapped declarations for every symbol the module calls (runtime ones are in the
/// template).
pub fn ffi_decls(m: &Module, n: &Names) -> Vec<FfiDecl> {
    let status = "uniffiStatus: Pointer";
    let mut out = Vec::new();
    for c in callables(m) {
        let mut params: Vec<String> =
            c.ffi_args.iter().enumerate().map(|(i, t)| format!("arg{i}: {}", ffi_type(t))).collect();
        if c.has_call_status {
            params.push(status.into());
        }
        out.push(FfiDecl {
            symbol: c.ffi_symbol.clone(),
            params: params.join(", "),
            ret: ret_decl(c.ffi_ret.as_ref()),
        });
    }
    let handle = ffi_type(&FfiType::Handle);
    for (name, _, f, _) in foreign_impls(m) {
        out.push(FfiDecl {
            symbol: f.init_symbol.clone(),
            params: format!("vtable: UniffiVTable{}Struct", n.class(name)),
            ret: String::new(),
        });
    }
    for o in &m.objects {
        out.push(FfiDecl {
            symbol: o.clone_symbol.clone(),
            params: format!("handle: {handle}, {status}"),
            ret: format!(": {handle}"),
        });
        out.push(FfiDecl {
            symbol: o.free_symbol.clone(),
            params: format!("handle: {handle}, {status}"),
            ret: String::new(),
        });
    }
    for f in &m.future_families {
        out.push(FfiDecl {
            symbol: f.poll.clone(),
            params: format!(
                "handle: {handle}, callback: Pointer, callbackData: {handle}"
            ),
            ret: String::new(),
        });
        out.push(FfiDecl {
            symbol: f.complete.clone(),
            params: format!("handle: {handle}, {status}"),
            ret: ret_decl(f.ffi_ret.as_ref()),
        });
        for sym in [&f.cancel, &f.free] {
            out.push(FfiDecl {
                symbol: sym.clone(),
                params: format!("handle: {handle}"),
                ret: String::new(),
            });
        }
    }
    out
}

fn ret_decl(t: Option<&FfiType>) -> String {
    t.map(|t| format!(": {}", ffi_type(t))).unwrap_or_default()
}
