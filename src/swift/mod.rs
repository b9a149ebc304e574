//! Reads an IR module and the `[bindings.swift]` config; produces `<module>.swift` (Swift 6
//! async/await over the C ABI), the C header `<ffi module>.h` and `<ffi module>.modulemap` by
//! rendering `templates/swift/`.

mod types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::ToUpperCamelCase;

use crate::config::LangConfig;
use crate::ir::{Callable, Enum, FfiType, Field, Module, Record, Type};
use crate::render::{doc_lines, renamed, OutputFile, Rendered, Support};

pub use types::SwiftType;
use types::{c_type, literal, type_name, var_name};

pub const SUPPORT: Support = Support {
    records: true,
    enums: true,
    objects: false,
    callback_interfaces: false,
    custom_types: false,
    bytes_and_time: false,
    collections: true,
    annotations: true,
};

#[derive(Template)]
#[template(path = "swift/module.swift", escape = "none")]
struct ModuleTemplate<'a> {
    m: &'a Module,
    ffi_module: String,
    /// Suffix of the public test helper (`uniffiPendingPollCount<Suffix>`).
    namespace_suffix: String,
    doc: Vec<String>,
    functions: Vec<SwiftCallable>,
    converters: Vec<SwiftType>,
    records: Vec<SwiftRecord>,
    enums: Vec<SwiftEnum>,
}

#[derive(Template)]
#[template(path = "swift/header.h", escape = "none")]
struct HeaderTemplate<'a> {
    m: &'a Module,
    decls: Vec<CDecl>,
}

#[derive(Template)]
#[template(path = "swift/modulemap", escape = "none")]
struct ModuleMapTemplate {
    ffi_module: String,
    header: String,
}

/// One C function prototype of the header.
pub struct CDecl {
    pub ret: String,
    pub symbol: String,
    /// The parameter list, `void` when empty.
    pub params: String,
}

/// A callable as the Swift template renders it; every string precomputed.
pub struct SwiftCallable {
    pub name: String,
    pub doc: Vec<String>,
    pub is_async: bool,
    /// `offload`: a blocking Rust call exposed as `async throws`, run off the cooperative pool.
    pub offload: bool,
    /// `blocking`: an async Rust call that also gets a synchronous twin named `blocking_name`.
    pub blocking: bool,
    pub blocking_name: String,
    /// Sync only: whether the Swift function `throws` (async ones always do).
    pub throws: bool,
    /// `a: UInt32, b: UInt32 = 3`
    pub params: String,
    /// The FFI call's argument list (`UniffiConverterU32.lower(a), ...`).
    pub lowered_args: String,
    /// ` -> UInt32`, or empty for unit.
    pub ret_decl: String,
    /// Converter for the return value, or `None` for unit.
    pub lift: Option<String>,
    /// `UniffiConverterTypeMathError.lift` or `nil`.
    pub error_lift: String,
    pub ffi_symbol: String,
    pub poll: String,
    pub complete: String,
    pub cancel: String,
    pub free: String,
}

pub struct SwiftRecord {
    pub name: String,
    pub doc: Vec<String>,
    pub converter: String,
    pub conformances: String,
    pub fields: Vec<SwiftField>,
    /// `a: a, b: b` for the memberwise initializer call in `read`.
    pub read_expr: String,
}

pub struct SwiftField {
    pub name: String,
    pub doc: Vec<String>,
    /// `a: UInt32` or, for nameless variant fields, `UInt32`.
    pub decl: String,
    pub converter: String,
    pub default: Option<String>,
    /// The name the value is bound to when matching a variant (`a`, `v0`).
    pub binding: String,
}

pub struct SwiftEnum {
    pub name: String,
    pub doc: Vec<String>,
    pub converter: String,
    /// `Swift.Error, Equatable, Hashable` etc.
    pub conformances: String,
    pub variants: Vec<SwiftVariant>,
}

pub struct SwiftVariant {
    pub doc: Vec<String>,
    /// 1-based index on the wire.
    pub index: usize,
    /// The case declaration after `case `: `overflow(a: UInt32, b: UInt32)`.
    pub decl: String,
    /// The expression `read` returns: `try .overflow(a: ..., b: ...)` or `.divisionByZero`.
    pub read_expr: String,
    /// The pattern `write` matches: `let .overflow(a, b)` or `.divisionByZero`.
    pub pattern: String,
    /// Flat errors: the message crosses as a string after the index.
    pub has_message: bool,
    pub fields: Vec<SwiftField>,
}

pub fn render(m: &Module, cfg: &LangConfig, _cfg_file: &Utf8Path) -> Result<Rendered> {
    let module_name = cfg.module_name.clone().unwrap_or_else(|| m.namespace.clone());
    let ffi_module = cfg.ffi_module_name.clone().unwrap_or_else(|| format!("{module_name}FFI"));
    let ffi_file = cfg.ffi_module_filename.clone().unwrap_or_else(|| ffi_module.clone());
    let t = ModuleTemplate {
        m,
        ffi_module: ffi_module.clone(),
        namespace_suffix: m.namespace.to_upper_camel_case(),
        doc: docs(&m.docstring),
        functions: m.functions.iter().map(|f| callable(cfg, f)).collect(),
        converters: m.all_types.iter().map(|t| SwiftType::of(t, cfg)).collect(),
        records: m.records.iter().map(|r| record(cfg, r)).collect(),
        enums: m.enums.iter().map(|e| enumeration(cfg, e)).collect(),
    };
    let swift = t.render().context("rendering swift/module.swift")?;
    let header = HeaderTemplate { m, decls: c_decls(m) }.render().context("rendering swift/header.h")?;
    let mut files = vec![
        OutputFile { path: format!("{module_name}.swift").into(), contents: swift },
        OutputFile { path: format!("{ffi_file}.h").into(), contents: header },
    ];
    if cfg.generate_module_map.unwrap_or(true) {
        let map = ModuleMapTemplate { ffi_module, header: format!("{ffi_file}.h") };
        let contents = map.render().context("rendering swift/modulemap")?;
        files.push(OutputFile { path: format!("{ffi_file}.modulemap").into(), contents });
    }
    Ok(Rendered { files, warnings: Vec::new() })
}

fn docs(doc: &Option<String>) -> Vec<String> {
    doc.as_deref().map(|d| doc_lines(d).into_iter().map(str::to_owned).collect()).unwrap_or_default()
}

fn callable(cfg: &LangConfig, c: &Callable) -> SwiftCallable {
    let params = c
        .args
        .iter()
        .map(|a| {
            let t = SwiftType::of(&a.ty, cfg);
            let default = a.default.as_ref().map(|d| format!(" = {}", literal(d))).unwrap_or_default();
            format!("{}: {}{default}", var_name(&a.name), t.name)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let lowered_args = c
        .args
        .iter()
        .map(|a| format!("{}.lower({})", SwiftType::of(&a.ty, cfg).converter, var_name(&a.name)))
        .collect::<Vec<_>>()
        .join(", ");
    let ret = c.ret.as_ref().map(|t| SwiftType::of(t, cfg));
    let fam = c.async_shape.as_ref().and_then(|s| s.rust_future());
    let sym = |f: fn(&crate::ir::FutureFamily) -> &String| fam.map(|x| f(x).clone()).unwrap_or_default();
    let name = renamed(cfg, &c.config_name(), var_name(&c.name));
    SwiftCallable {
        blocking_name: format!("{name}Blocking"),
        name,
        doc: docs(&c.docstring),
        is_async: c.is_async(),
        offload: c.annotations.offload,
        blocking: c.annotations.blocking,
        throws: c.throws.is_some(),
        params,
        lowered_args,
        ret_decl: ret.as_ref().map(|t| format!(" -> {}", t.name)).unwrap_or_default(),
        lift: ret.map(|t| t.converter),
        error_lift: c
            .throws
            .as_ref()
            .map_or("nil".into(), |t| format!("{}.lift", SwiftType::of(t, cfg).converter)),
        ffi_symbol: c.ffi_symbol.clone(),
        poll: sym(|f| &f.poll),
        complete: sym(|f| &f.complete),
        cancel: sym(|f| &f.cancel),
        free: sym(|f| &f.free),
    }
}

fn field(cfg: &LangConfig, f: &Field, i: usize) -> SwiftField {
    let t = SwiftType::of(&f.ty, cfg);
    let nameless = f.name.is_empty() || f.name.chars().all(|c| c.is_ascii_digit());
    let name = if nameless { format!("v{i}") } else { var_name(&f.name) };
    SwiftField {
        decl: if nameless { t.name.clone() } else { format!("{name}: {}", t.name) },
        doc: docs(&f.docstring),
        // Positional, so field names like `buf` or `value` cannot shadow `write`'s parameters.
        binding: format!("v{i}"),
        name,
        converter: t.converter,
        default: f.default.as_ref().map(literal),
    }
}

/// `label: Conv.read(from: &reader), ...` (labels omitted for nameless fields).
fn read_args(fields: &[SwiftField]) -> String {
    fields
        .iter()
        .map(|f| {
            let label = if f.decl.contains(':') { format!("{}: ", f.name) } else { String::new() };
            format!("{label}{}.read(from: &reader)", f.converter)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn record(cfg: &LangConfig, r: &Record) -> SwiftRecord {
    let fields: Vec<SwiftField> = r.fields.iter().enumerate().map(|(i, f)| field(cfg, f, i)).collect();
    SwiftRecord {
        name: type_name(cfg, &r.name),
        doc: docs(&r.docstring),
        converter: SwiftType::of(&Type::Record(r.name.clone()), cfg).converter,
        conformances: "Equatable, Hashable, Sendable".into(),
        read_expr: read_args(&fields),
        fields,
    }
}

fn enumeration(cfg: &LangConfig, e: &Enum) -> SwiftEnum {
    let variants = e
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // Upstream spells error cases UpperCamelCase and other enum cases lowerCamelCase.
            let name = if e.is_error { type_name(cfg, &v.name) } else { var_name(&v.name) };
            // Flat errors cross as variant + message only, whatever fields Rust has.
            let fields: Vec<SwiftField> = match e.is_flat_error {
                true => Vec::new(),
                false => v.fields.iter().enumerate().map(|(i, f)| field(cfg, f, i)).collect(),
            };
            let (decl, read_expr, pattern) = if e.is_flat_error {
                (
                    format!("{name}(message: String)"),
                    format!(".{name}(message: uniffiReadString(from: &reader))"),
                    format!(".{name}"),
                )
            } else if fields.is_empty() {
                (name.clone(), format!(".{name}"), format!(".{name}"))
            } else {
                let decls = fields.iter().map(|f| f.decl.as_str()).collect::<Vec<_>>().join(", ");
                let binds = fields.iter().map(|f| f.binding.as_str()).collect::<Vec<_>>().join(", ");
                (
                    format!("{name}({decls})"),
                    format!("try .{name}({})", read_args(&fields)),
                    format!("let .{name}({binds})"),
                )
            };
            SwiftVariant {
                doc: docs(&v.docstring),
                index: i + 1,
                read_expr: if e.is_flat_error { format!("try {read_expr}") } else { read_expr },
                decl,
                pattern,
                has_message: e.is_flat_error,
                fields,
            }
        })
        .collect();
    let conformances = if e.is_error { "Swift.Error, Equatable, Hashable" } else { "Equatable, Hashable, Sendable" };
    SwiftEnum {
        name: type_name(cfg, &e.name),
        doc: docs(&e.docstring),
        converter: SwiftType::of(&Type::Enum(e.name.clone()), cfg).converter,
        conformances: conformances.into(),
        variants,
    }
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
    for c in &m.functions {
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
