//! Reads an IR module and the `[bindings.kotlin]` config; produces
//! `<package path>/<namespace>.kt` (JNA direct mapping, coroutines) by rendering
//! `templates/kotlin/`.

mod types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::ToUpperCamelCase;

use crate::config::LangConfig;
use crate::ir::{Callable, Enum, FfiType, Field, Module, Record, Type};
use crate::render::{renamed, OutputFile, Rendered, Support};

pub use types::KtType;
use types::{constant, error_suffix, ffi_type, ident, kdoc, literal, Names};

pub const SUPPORT: Support = Support {
    records: false,
    enums: false,
    objects: false,
    callback_interfaces: false,
    custom_types: false,
    bytes_and_time: false,
    collections: false,
    annotations: true,
};

#[derive(Template)]
#[template(path = "kotlin/module.kt", escape = "none")]
struct ModuleTemplate<'a> {
    m: &'a Module,
    package: String,
    cdylib: String,
    doc: String,
    ffi_decls: Vec<FfiDecl>,
    /// `(symbol, expected)` for the checksum checks, the expected value as a Kotlin literal.
    checksums: Vec<(String, String)>,
    families: Vec<KtFamily>,
    converters: Vec<KtType>,
    records: Vec<KtRecord>,
    enums: Vec<KtEnum>,
    functions: Vec<KtCallable>,
    /// Some callable is `offload`ed: render `UniffiAsyncConfig` and import `withContext`.
    has_offload: bool,
    /// Some callable has a blocking twin: render the latch-based driver.
    has_blocking: bool,
}

/// One direct-mapped `external fun`.
pub struct FfiDecl {
    pub symbol: String,
    /// `arg0: Int, arg1: Int, uniffiStatus: UniffiRustCallStatus`
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

/// A callable as the Kotlin template renders it; every string precomputed.
pub struct KtCallable {
    pub name: String,
    pub doc: String,
    pub is_async: bool,
    /// `a: UInt, b: UInt = 3u`
    pub params: String,
    /// `: UInt` or empty for unit.
    pub return_decl: String,
    /// The FFI call: `UniffiLib.sym(lowered args, uniffiStatus)`; for async callables the
    /// expression creating the future.
    pub ffi_call: String,
    /// Name of the sync call's status lambda parameter (`_` when the symbol takes none).
    pub status_param: String,
    /// The exception class for `@Throws`, if the callable throws.
    pub throws: Option<String>,
    /// The error converter passed to the checked call, or `null`.
    pub handler: String,
    /// Expression lifting `uniffiResult`, or `None` for unit.
    pub lift: Option<String>,
    /// The future family object (async only).
    pub future: String,
    /// `offload`: a blocking Rust call rendered as a `suspend fun` running on
    /// `UniffiAsyncConfig.offloadDispatcher`.
    pub offload: bool,
    /// The declared return type of the offloaded `suspend fun` (`Unit` for unit).
    pub offload_return: String,
    /// `blocking`: name of the blocking twin of an async call (`loadConfigBlocking`).
    pub blocking: Option<String>,
    /// KDoc of the blocking twin.
    pub blocking_doc: String,
    /// `@Throws` classes of the blocking twin (`MathException::class, InterruptedException::class`).
    pub blocking_throws: String,
}

pub struct KtRecord {
    pub name: String,
    /// `var` (upstream's default) or `val` with `generate_immutable_records`.
    pub keyword: &'static str,
    pub doc: String,
    pub converter: String,
    pub fields: Vec<KtField>,
}

pub struct KtField {
    pub name: String,
    pub doc: String,
    pub type_name: String,
    pub converter: String,
    /// ` = literal` or empty.
    pub default: String,
}

pub struct KtEnum {
    pub name: String,
    pub doc: String,
    pub converter: String,
    /// A flat, non-error enum: rendered as `enum class`.
    pub is_plain_flat: bool,
    pub is_error: bool,
    pub is_flat_error: bool,
    pub variants: Vec<KtVariant>,
}

pub struct KtVariant {
    pub name: String,
    pub doc: String,
    /// 1-based index on the wire.
    pub index: usize,
    pub fields: Vec<KtField>,
    /// For non-flat error variants: the `message` template (`a=$a, b=$b`).
    pub message: String,
}

pub fn render(m: &Module, cfg: &LangConfig, _cfg_file: &Utf8Path) -> Result<Rendered> {
    let n = Names::new(m, cfg);
    let package = cfg.package_name.clone().unwrap_or_else(|| format!("uniffi.{}", m.namespace));
    let t = ModuleTemplate {
        m,
        cdylib: cfg.cdylib_name.clone().unwrap_or_else(|| m.cdylib.clone()),
        doc: kdoc(m.docstring.as_deref(), 0),
        ffi_decls: ffi_decls(m),
        checksums: m.checksums.iter().map(|(s, v)| (s.clone(), v.to_string())).collect(),
        families: m.future_families.iter().map(family).collect(),
        converters: m.all_types.iter().map(|t| KtType::of(t, &n)).collect(),
        records: m.records.iter().map(|r| record(&n, r)).collect(),
        enums: m.enums.iter().map(|e| enumeration(&n, e)).collect(),
        functions: m.functions.iter().map(|f| callable(&n, f)).collect(),
        has_offload: m.functions.iter().any(|f| f.annotations.offload),
        has_blocking: m.functions.iter().any(|f| f.annotations.blocking && f.is_async()),
        package: package.clone(),
    };
    let contents = t.render().context("rendering kotlin/module.kt")?;
    let path = format!("{}/{}.kt", package.replace('.', "/"), m.namespace);
    Ok(Rendered { files: vec![OutputFile { path: path.into(), contents }], warnings: Vec::new() })
}

fn family_object(suffix: &str) -> String {
    format!("UniffiRustFuture{}", suffix.to_upper_camel_case())
}

fn family(f: &crate::ir::FutureFamily) -> KtFamily {
    KtFamily {
        object: family_object(&f.suffix),
        ffi_ret: f.ffi_ret.as_ref().map_or("Unit".into(), ffi_type),
        poll: f.poll.clone(),
        complete: f.complete.clone(),
        cancel: f.cancel.clone(),
        free: f.free.clone(),
    }
}

fn field(n: &Names, f: &Field, indent: usize) -> KtField {
    let t = KtType::of(&f.ty, n);
    KtField {
        name: ident(&f.name),
        doc: kdoc(f.docstring.as_deref(), indent),
        default: f.default.as_ref().map(|d| format!(" = {}", literal(d, &f.ty, n))).unwrap_or_default(),
        type_name: t.name,
        converter: t.converter,
    }
}

fn record(n: &Names, r: &Record) -> KtRecord {
    KtRecord {
        name: n.class(&r.name),
        keyword: if n.cfg.generate_immutable_records == Some(true) { "val" } else { "var" },
        doc: kdoc(r.docstring.as_deref(), 0),
        converter: KtType::of(&Type::Record(r.name.clone()), n).converter,
        fields: r.fields.iter().map(|f| field(n, f, 4)).collect(),
    }
}

fn enumeration(n: &Names, e: &Enum) -> KtEnum {
    let plain_flat = e.is_flat && !e.is_error;
    KtEnum {
        name: n.class(&e.name),
        doc: kdoc(e.docstring.as_deref(), 0),
        converter: KtType::of(&Type::Enum(e.name.clone()), n).converter,
        is_plain_flat: plain_flat,
        is_error: e.is_error,
        is_flat_error: e.is_flat_error,
        variants: e
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let fields: Vec<KtField> = v.fields.iter().map(|f| field(n, f, 8)).collect();
                let message = fields
                    .iter()
                    .map(|f| format!("{0}=${{{1}}}", f.name.trim_matches('`'), f.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                KtVariant {
                    name: if plain_flat {
                        constant(&v.name)
                    } else if e.is_error {
                        error_suffix(&v.name.to_upper_camel_case())
                    } else {
                        v.name.to_upper_camel_case()
                    },
                    doc: kdoc(v.docstring.as_deref(), 4),
                    index: i + 1,
                    fields,
                    message,
                }
            })
            .collect(),
    }
}

fn callable(n: &Names, c: &Callable) -> KtCallable {
    let params = c
        .args
        .iter()
        .map(|a| {
            let t = KtType::of(&a.ty, n);
            let default = a.default.as_ref().map(|d| format!(" = {}", literal(d, &a.ty, n)));
            format!("{}: {}{}", ident(&a.name), t.name, default.unwrap_or_default())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut ffi_args: Vec<String> =
        c.args.iter().map(|a| KtType::of(&a.ty, n).lower(&ident(&a.name))).collect();
    if c.has_call_status {
        ffi_args.push("uniffiStatus".into());
    }
    let mut ffi_call = format!("UniffiLib.{}({})", c.ffi_symbol, ffi_args.join(", "));
    if c.is_async() && c.has_call_status {
        ffi_call = format!("uniffiRustCall(null) {{ uniffiStatus -> {ffi_call} }}");
    }
    let ret = c.ret.as_ref().map(|t| KtType::of(t, n));
    let error = c.throws.as_ref().map(|t| KtType::of(t, n));
    let fam = c.async_shape.as_ref().and_then(|s| s.rust_future());
    let name = renamed(n.cfg, &c.config_name(), ident(&c.name));
    let offload = c.annotations.offload && !c.is_async();
    let mut doc = c.docstring.clone().unwrap_or_default();
    if offload {
        let sep = if doc.is_empty() { "" } else { "\n\n" };
        doc.push_str(&format!(
            "{sep}Runs the blocking Rust call on [UniffiAsyncConfig.offloadDispatcher]."
        ));
    }
    let blocking = (c.annotations.blocking && c.is_async())
        .then(|| format!("{}Blocking", name.trim_matches('`')));
    let blocking_throws = error
        .iter()
        .map(|e| format!("{}::class", e.name))
        .chain(["InterruptedException::class".to_string()])
        .collect::<Vec<_>>()
        .join(", ");
    KtCallable {
        blocking_doc: kdoc(
            Some(&format!(
                "Blocking twin of [{name}]: drives the Rust future to completion on the calling \
                 thread,\nno coroutine needed. Interrupting the waiting thread cancels the Rust \
                 future and\nthrows [InterruptedException]."
            )),
            0,
        ),
        blocking,
        blocking_throws,
        offload,
        offload_return: ret.as_ref().map_or("Unit".into(), |t| t.name.clone()),
        name,
        doc: kdoc((!doc.is_empty()).then_some(doc.as_str()), 0),
        is_async: c.is_async(),
        params,
        return_decl: ret.as_ref().map(|t| format!(": {}", t.name)).unwrap_or_default(),
        ffi_call,
        status_param: if c.has_call_status { "uniffiStatus" } else { "_" }.into(),
        throws: error.as_ref().map(|e| e.name.clone()),
        handler: error.map_or("null".into(), |e| e.converter),
        lift: ret.map(|t| t.lift("uniffiResult")),
        future: fam.map(|f| family_object(&f.suffix)).unwrap_or_default(),
    }
}

/// Direct-mapped declarations for every symbol the module calls (runtime ones are in the
/// template).
fn ffi_decls(m: &Module) -> Vec<FfiDecl> {
    let status = "uniffiStatus: UniffiRustCallStatus";
    let mut out = Vec::new();
    for c in &m.functions {
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
    for f in &m.future_families {
        out.push(FfiDecl {
            symbol: f.poll.clone(),
            params: format!(
                "handle: {handle}, callback: UniffiRustFutureContinuationCallback, callbackData: {handle}"
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
