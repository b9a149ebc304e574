//! Reads an IR module and the `[bindings.js]` config; produces `<namespace>.js` (an ES module
//! calling the cdylib through koffi, async functions as Promises) and `<namespace>.d.ts`, by
//! rendering `templates/js/`, plus a `package.json` on request. Of `[bindings.async]`, `offload`
//! becomes a Promise run on libuv's thread pool; `blocking` twins are not generated (one warning
//! each: they would block the only JS thread); `dispatch` needs nothing (koffi already relays
//! Rust-thread calls to the JS thread).

mod types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use crate::config::LangConfig;
use crate::ir::{Callable, FfiType, FutureFamily, Module, Type};
use crate::render::{doc_lines, renamed, OutputFile, Rendered, Support};

pub use types::JsType;
use types::{class_name, ident, koffi_type};

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
#[template(path = "js/module.js", escape = "none")]
struct ModuleJs<'a> {
    v: &'a View<'a>,
}

#[derive(Template)]
#[template(path = "js/module.d.ts", escape = "none")]
struct ModuleDts<'a> {
    v: &'a View<'a>,
}

/// Everything both templates render; every string precomputed.
struct View<'a> {
    m: &'a Module,
    /// JSDoc block of the module docstring (empty when none).
    doc: String,
    cdylib: String,
    /// `UNIFFI_<NAMESPACE>_LIB_PATH`.
    env_var: String,
    /// The configured library path relative to the module, as a JS string literal.
    lib_path: Option<String>,
    ffi_decls: Vec<FfiDecl>,
    families: Vec<JsFamily>,
    functions: Vec<JsCallable>,
    converters: Vec<JsType>,
    enums: Vec<JsEnum>,
    /// Some function returns a Promise (a Rust future or an offloaded call): render async.js.
    has_async: bool,
    /// Some function drives a Rust future (the RustFuture half of async.js).
    has_futures: bool,
}

/// One `lib.func(...)` declaration.
struct FfiDecl {
    symbol: String,
    ret: String,
    args: String,
}

/// A RustFuture family as the async runtime drives it.
struct JsFamily {
    /// `UNIFFI_FUTURE_U32`.
    var: String,
    poll: String,
    complete: String,
    cancel: String,
    free: String,
}

/// A callable as the JS templates render it.
struct JsCallable {
    name: String,
    /// JSDoc block (with `@throws`); empty when there is nothing to say.
    doc: String,
    is_async: bool,
    /// `offload`: a blocking Rust call run on libuv's thread pool, returning a Promise.
    is_offload: bool,
    /// `is_async || is_offload`.
    returns_promise: bool,
    /// `a, b` (JS parameters, with `options = {}` last for async callables).
    params: String,
    /// `a: number, b: number` (TypeScript parameters, without the async options).
    ts_params: String,
    /// `number`, `void`, ... (without the Promise).
    ts_ret: String,
    /// `UniffiConverterU32.check(a, 'a');` statements, one per argument.
    checks: Vec<String>,
    /// The checked FFI call expression, returning the raw FFI value (for async callables: the
    /// future handle; for offloaded callables: the `(status, done) => ....async(...)` starter).
    ffi_call: String,
    /// Converter lifting the return value, or `None` for unit.
    lift: Option<String>,
    /// Converter of the declared error, or `undefined`.
    error: String,
    /// The RustFuture family variable, for async callables.
    family: String,
}

struct JsEnum {
    name: String,
    doc: String,
    converter: String,
    is_flat_error: bool,
    variants: Vec<JsVariant>,
}

struct JsVariant {
    /// The tag (`Overflow`).
    tag: String,
    doc: String,
    /// 1-based index on the wire.
    index: usize,
    fields: Vec<JsField>,
    /// `{ a: number; b: number }` (TypeScript shape of the fields).
    ts_fields: String,
}

struct JsField {
    name: String,
    ts: String,
    converter: String,
    doc: String,
}

pub fn render(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
    let functions: Vec<JsCallable> = m.functions.iter().map(|f| callable(cfg, f)).collect();
    let view = View {
        m,
        doc: m.docstring.as_deref().map(|d| jsdoc(d, "", &[])).unwrap_or_default(),
        cdylib: cfg.cdylib_name.clone().unwrap_or_else(|| m.cdylib.clone()),
        env_var: format!("UNIFFI_{}_LIB_PATH", m.namespace.to_shouty_snake_case()),
        lib_path: cfg.lib_path.as_deref().map(js_string),
        ffi_decls: ffi_decls(m),
        families: m.future_families.iter().map(family).collect(),
        has_async: functions.iter().any(|f| f.returns_promise),
        has_futures: functions.iter().any(|f| f.is_async),
        functions,
        converters: m.all_types.iter().map(|t| JsType::of(t, cfg)).collect(),
        enums: m.enums.iter().map(|e| js_enum(cfg, e)).collect(),
    };
    let js = ModuleJs { v: &view }.render().context("rendering js/module.js")? + "\n";
    let dts = ModuleDts { v: &view }.render().context("rendering js/module.d.ts")? + "\n";
    let mut files = vec![
        OutputFile { path: format!("{}.js", m.namespace).into(), contents: js },
        OutputFile { path: format!("{}.d.ts", m.namespace).into(), contents: dts },
    ];
    if cfg.package_json == Some(true) {
        files.push(OutputFile { path: "package.json".into(), contents: package_json(m) });
    }
    Ok(Rendered { files, warnings: blocking_warnings(m, cfg_file) })
}

/// One warning per `blocking` annotation: Node has a single JS thread, and a synchronous wait
/// on it would block the thread koffi delivers Rust's continuations to (a deadlock).
fn blocking_warnings(m: &Module, cfg_file: &Utf8Path) -> Vec<String> {
    m.functions
        .iter()
        .chain(m.objects.iter().flat_map(|o| o.constructors.iter().chain(o.methods.iter())))
        .filter(|c| c.annotations.blocking)
        .map(|c| {
            format!(
                "{cfg_file}: js: no blocking twin for `{}`: it would block the only JS thread (see docs/annotations.md)",
                c.config_name()
            )
        })
        .collect()
}

fn family(f: &FutureFamily) -> JsFamily {
    JsFamily {
        var: family_var(f),
        poll: f.poll.clone(),
        complete: f.complete.clone(),
        cancel: f.cancel.clone(),
        free: f.free.clone(),
    }
}

fn family_var(f: &FutureFamily) -> String {
    format!("UNIFFI_FUTURE_{}", f.suffix.to_shouty_snake_case())
}

fn callable(cfg: &LangConfig, c: &Callable) -> JsCallable {
    let args: Vec<(String, JsType)> = c.args.iter().map(|a| (ident(&a.name), JsType::of(&a.ty, cfg))).collect();
    let ret = c.ret.as_ref().map(|t| JsType::of(t, cfg));
    let err = c.throws.as_ref().map(|t| JsType::of(t, cfg));
    let mut tags = Vec::new();
    if let Some(e) = &err {
        tags.push(format!("@throws {{{}}}", e.ts));
    }
    if c.is_async() {
        tags.push("@throws {Error} an `AbortError` when `options.signal` aborts the call.".into());
    }
    let is_offload = c.annotations.offload && !c.is_async();
    let mut doc = c.docstring.clone().unwrap_or_default();
    if is_offload {
        doc.push_str(
            "\n\nThe blocking Rust call runs on libuv's thread pool, so the event loop keeps running;\n\
             it cannot be aborted once started.",
        );
    }
    let error = err.as_ref().map_or("undefined".into(), |t| t.converter.clone());
    let mut lowered: Vec<String> = args.iter().map(|(n, t)| format!("{}.lower({n})", t.converter)).collect();
    let ffi_call = if is_offload {
        if c.has_call_status {
            lowered.push("status".into());
        }
        lowered.push("done".into());
        format!("(status, done) => uniffiFfi.{}.async({})", c.ffi_symbol, lowered.join(", "))
    } else if c.has_call_status {
        lowered.push("status".into());
        format!("uniffiRustCall((status) => uniffiFfi.{}({}), {error})", c.ffi_symbol, lowered.join(", "))
    } else {
        format!("uniffiFfi.{}({})", c.ffi_symbol, lowered.join(", "))
    };
    let mut params: Vec<String> = args.iter().map(|(n, _)| n.clone()).collect();
    if c.is_async() {
        params.push("options = {}".into());
    }
    JsCallable {
        name: renamed(cfg, &c.config_name(), ident(&c.name)),
        doc: jsdoc(&doc, "", &tags),
        is_async: c.is_async(),
        is_offload,
        returns_promise: c.is_async() || is_offload,
        params: params.join(", "),
        ts_params: args.iter().map(|(n, t)| format!("{n}: {}", t.ts)).collect::<Vec<_>>().join(", "),
        ts_ret: ret.as_ref().map_or("void".into(), |t| t.ts.clone()),
        checks: args.iter().map(|(n, t)| format!("{}.check({n}, '{n}');", t.converter)).collect(),
        ffi_call,
        lift: ret.map(|t| t.converter),
        error,
        family: c.async_shape.as_ref().and_then(|s| s.rust_future()).map(family_var).unwrap_or_default(),
    }
}

fn js_enum(cfg: &LangConfig, e: &crate::ir::Enum) -> JsEnum {
    let variant = |(i, v): (usize, &crate::ir::Variant)| {
        let fields: Vec<JsField> = v
            .fields
            .iter()
            .map(|f| {
                let t = JsType::of(&f.ty, cfg);
                JsField {
                    name: ident(&f.name),
                    ts: t.ts,
                    converter: t.converter,
                    doc: f.docstring.as_deref().map(|d| jsdoc(d, "    ", &[])).unwrap_or_default(),
                }
            })
            .collect();
        let list: Vec<String> = fields.iter().map(|f| format!("{}: {}", f.name, f.ts)).collect();
        JsVariant {
            tag: v.name.to_upper_camel_case(),
            doc: v.docstring.as_deref().map(|d| jsdoc(d, "  ", &[])).unwrap_or_default(),
            index: i + 1,
            ts_fields: format!("{{ {} }}", list.join("; ")),
            fields,
        }
    };
    JsEnum {
        name: class_name(cfg, &e.name),
        doc: e.docstring.as_deref().map(|d| jsdoc(d, "", &[])).unwrap_or_default(),
        converter: JsType::of(&Type::Enum(e.name.clone()), cfg).converter,
        is_flat_error: e.is_flat_error,
        variants: e.variants.iter().enumerate().map(variant).collect(),
    }
}

/// koffi declarations for every symbol the module calls.
fn ffi_decls(m: &Module) -> Vec<FfiDecl> {
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
    for c in &m.functions {
        let args = c.ffi_args.iter().map(koffi_type).collect();
        out.push(decl(&c.ffi_symbol, c.ffi_ret.as_ref(), args, c.has_call_status));
    }
    let h = koffi_type(&FfiType::Handle);
    for f in &m.future_families {
        let cont = "koffi.pointer(UniffiRustFutureContinuation)".to_owned();
        out.push(decl(&f.poll, None, vec![h.clone(), cont, h.clone()], false));
        out.push(decl(&f.complete, f.ffi_ret.as_ref(), vec![h.clone()], true));
        out.push(decl(&f.cancel, None, vec![h.clone()], false));
        out.push(decl(&f.free, None, vec![h.clone()], false));
    }
    out
}

/// A JSDoc block (`/** ... */` plus newline), each line prefixed by `indent`; empty if there
/// is neither text nor tags.
fn jsdoc(doc: &str, indent: &str, tags: &[String]) -> String {
    let mut lines: Vec<String> = if doc.trim().is_empty() {
        Vec::new()
    } else {
        doc_lines(doc).into_iter().map(|l| l.replace("*/", "*\\/")).collect()
    };
    if !tags.is_empty() && !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(tags.iter().cloned());
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}/**\n");
    for l in lines {
        if l.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {l}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// A JS string literal (double-quoted; Rust's escapes are a subset JS understands).
fn js_string(s: &str) -> String {
    format!("{s:?}")
}

/// The koffi release the bindings are written and tested against (`scripts/setup-toolchains.sh`
/// installs exactly this version); the generated `package.json` accepts compatible updates.
const KOFFI_VERSION: &str = "3.3.4";

/// `package.json` for the generated module: an ES module whose entry and types are the
/// generated files, depending on koffi.
fn package_json(m: &Module) -> String {
    let ns = &m.namespace;
    [
        "{".to_owned(),
        format!("  \"name\": \"{ns}\","),
        "  \"private\": true,".to_owned(),
        "  \"type\": \"module\",".to_owned(),
        format!("  \"main\": \"./{ns}.js\","),
        format!("  \"types\": \"./{ns}.d.ts\","),
        "  \"exports\": {".to_owned(),
        format!("    \".\": {{ \"types\": \"./{ns}.d.ts\", \"default\": \"./{ns}.js\" }}"),
        "  },".to_owned(),
        "  \"dependencies\": {".to_owned(),
        format!("    \"koffi\": \"^{KOFFI_VERSION}\""),
        "  }".to_owned(),
        "}".to_owned(),
    ]
    .join("\n")
        + "\n"
}
