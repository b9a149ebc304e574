//! Reads an IR module and the `[bindings.js]` config; produces `<namespace>.js` (an ES module
//! calling the cdylib through koffi: converters for every type, records as plain objects,
//! enums as string literals or `{ tag }` objects, errors and objects as classes, callback
//! interfaces as vtables over JS objects, async functions as Promises, whose continuations use
//! the native queue of `runtime/uniffi-async-runtime` when the library exports it) and `<namespace>.d.ts`,
//! by rendering `templates/js/`, plus a `package.json` on request. Of `[bindings.async]`,
//! `offload` becomes a Promise run on libuv's thread pool; `blocking` twins are not generated
//! (one warning each: they would block the only JS thread); `dispatch` needs nothing (koffi
//! already relays Rust-thread calls to the JS thread). Conventions: `docs/js.md`.

mod callable;
mod names;
mod object;
mod types;
mod user;

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::ToShoutySnakeCase;

use crate::config::LangConfig;
use crate::ir::{Callable, FfiType, FutureFamily, Module, Type};
use crate::backend::{Backend, doc_lines, OutputFile, Rendered};

use callable::{callable, family_var, JsCallable};
use object::{JsForeign, JsObject};
pub use types::JsType;
use names::type_name;
use types::{js_string, koffi_type};
use user::{JsEnum, JsRecord};

/// The Js backend.
pub struct Js;

impl Backend for Js {
    fn render(&self, m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
        render(m, cfg, cfg_file)
    }
}

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
    /// `uniffi_async_runtime_<namespace>_`: the symbols `export_continuation_queue!` exports.
    queue_prefix: String,
    /// `UNIFFI_<NAMESPACE>_CONTINUATION_QUEUE` (`0` forces the koffi continuation).
    queue_env_var: String,
    /// `UNIFFI_<NS>_CALLBACK_GATE`: `0` keeps koffi's callbacks in the vtables (`gate.js`).
    gate_env_var: String,
    /// Worker environment-data key naming the JS thread that registered the vtables.
    vtables_owner_key: String,
    /// The configured library path relative to the module, as a JS string literal.
    lib_path: Option<String>,
    /// `import` lines from `[bindings.js.custom_types]`.
    imports: Vec<String>,
    /// koffi declarations of callback prototypes and FFI structs the vtables use.
    ffi_types: Vec<String>,
    ffi_decls: Vec<FfiDecl>,
    families: Vec<JsFamily>,
    functions: Vec<JsCallable>,
    converters: Vec<JsType>,
    records: Vec<JsRecord>,
    enums: Vec<JsEnum>,
    objects: Vec<JsObject>,
    /// Callback interfaces and the foreign side of foreign traits.
    foreign: Vec<JsForeign>,
    /// Modules this one takes external types from (converters in the `.js`, types in the `.d.ts`).
    externals: Vec<JsExternal>,
    /// Converters of the user types this module defines, exported (under their `Uniffi` names)
    /// for modules that use these types as external types.
    exported_converters: String,
    /// Custom types: `(name, TypeScript type, JSDoc)`.
    customs: Vec<(String, String, String)>,
    /// Some callable returns a Promise (a Rust future or an offloaded call): render async.js.
    has_async: bool,
    /// Some callable drives a Rust future (the RustFuture half of async.js).
    has_futures: bool,
    /// Some foreign method is async (the foreign-future half of async.js).
    has_foreign_futures: bool,
    /// Some callback interface or foreign trait exists (the handle maps of handles.js).
    has_foreign: bool,
}

/// Another generated module whose types this one uses.
struct JsExternal {
    /// Its namespace (`geometry`).
    namespace: String,
    /// The import specifier: `./geometry.js`, or `[bindings.js] external_packages`.
    specifier: String,
    /// `UniffiConverterTypePoint, UniffiConverterTypeUnit`.
    converters: String,
    /// `Point, Unit`.
    types: String,
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

/// Every callable foreign code calls: functions, constructors, methods and trait methods.
fn all_callables(m: &Module) -> impl Iterator<Item = &Callable> {
    m.functions.iter().chain(m.objects.iter().flat_map(|o| {
        let t = &o.trait_methods;
        let traits = [&t.display, &t.debug, &t.eq, &t.ne, &t.hash, &t.cmp].into_iter().flatten();
        o.constructors.iter().chain(o.methods.iter()).chain(traits)
    }))
}

fn render(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
    let functions: Vec<JsCallable> = m.functions.iter().map(|f| callable(m, cfg, f, names::function_name(&f.name), None, "")).collect();
    let objects: Vec<JsObject> = m.objects.iter().map(|o| object::object(m, cfg, o)).collect();
    let mut foreign: Vec<JsForeign> =
        m.callback_interfaces.iter().map(|c| object::callback_interface(cfg, c)).collect();
    let callables: Vec<&Callable> = all_callables(m).collect();
    let has_foreign_futures = foreign
        .iter()
        .chain(objects.iter().filter_map(|o| o.foreign.as_ref()))
        .any(|f| f.methods.iter().any(|m| m.is_async));
    foreign.sort_by(|a, b| a.name.cmp(&b.name));
    let mut imports: Vec<String> =
        cfg.custom_types.values().flat_map(|c| c.imports.iter().flatten().cloned()).collect();
    imports.sort();
    imports.dedup();
    let view = View {
        m,
        doc: m.docstring.as_deref().map(|d| jsdoc(d, "", &[])).unwrap_or_default(),
        cdylib: cfg.cdylib_name.clone().unwrap_or_else(|| m.cdylib.clone()),
        env_var: format!("UNIFFI_{}_LIB_PATH", m.namespace.to_shouty_snake_case()),
        queue_prefix: format!("uniffi_async_runtime_{}_", m.namespace),
        queue_env_var: format!("UNIFFI_{}_CONTINUATION_QUEUE", m.namespace.to_shouty_snake_case()),
        gate_env_var: format!("UNIFFI_{}_CALLBACK_GATE", m.namespace.to_shouty_snake_case()),
        vtables_owner_key: format!("uniffi:{}:vtables", m.namespace),
        lib_path: cfg.lib_path.as_deref().map(js_string),
        imports,
        ffi_types: object::ffi_types(m),
        ffi_decls: ffi_decls(m),
        families: m.future_families.iter().map(family).collect(),
        has_async: has_foreign_futures || callables.iter().any(|c| c.is_async() || c.annotations.offload),
        has_futures: callables.iter().any(|c| c.is_async()),
        has_foreign_futures,
        has_foreign: !foreign.is_empty() || objects.iter().any(|o| o.foreign.is_some()),
        functions,
        converters: m
            .all_types
            .iter()
            .filter(|t| !m.external_types.iter().any(|e| e.ty.canonical_name() == t.canonical_name()))
            .map(|t| JsType::of(t, cfg))
            .collect(),
        externals: externals(m, cfg),
        exported_converters: exported_converters(m, cfg),
        records: m.records.iter().map(|r| user::record(m, cfg, r)).collect(),
        enums: m.enums.iter().map(|e| user::enum_(m, cfg, e)).collect(),
        objects,
        foreign,
        customs: m
            .custom_types
            .iter()
            .map(|c| {
                let t = JsType::of(&c.builtin, cfg);
                let ts = cfg.custom_types.get(&c.name).and_then(|c| c.type_name.clone()).unwrap_or(t.ts);
                let doc = c.docstring.as_deref().map(|d| jsdoc(d, "", &[])).unwrap_or_default();
                (type_name(&c.name), ts, doc)
            })
            .collect(),
    };
    let js = ModuleJs { v: &view }.render().context("rendering js/module.js")? + "\n";
    let dts = ModuleDts { v: &view }.render().context("rendering js/module.d.ts")? + "\n";
    let mut files = vec![
        OutputFile { path: format!("{}.js", m.namespace).into(), contents: js },
        OutputFile { path: format!("{}.d.ts", m.namespace).into(), contents: dts },
    ];
    // One package.json per library: a component that another crate of the same cdylib bundles
    // (its crate is not the library's own) leaves it to that crate, whose package exports it.
    if cfg.package_json == Some(true) && m.crate_name == m.cdylib {
        files.push(OutputFile { path: "package.json".into(), contents: package_json(m, cfg) });
    }
    let warnings = if cfg.warn_blocking == Some(false) { Vec::new() } else { blocking_warnings(m, cfg_file) };
    Ok(Rendered { files, warnings })
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
                "{cfg_file}: js: no blocking twin for `{}`: it would block the only JS thread (see docs/annotations.md; \
                 `[bindings.js] warn_blocking = false` silences this)",
                c.config_name()
            )
        })
        .collect()
}

/// The external types grouped by defining module, in namespace order. A module is imported
/// from `[bindings.js] external_packages` (keyed by namespace or crate name) or from beside
/// this one (`./<namespace>.js`).
fn externals(m: &Module, cfg: &LangConfig) -> Vec<JsExternal> {
    let mut by_ns: BTreeMap<&str, (Vec<String>, Vec<String>, &str)> = BTreeMap::new();
    for e in &m.external_types {
        let t = JsType::of(&e.ty, cfg);
        let entry = by_ns.entry(&e.namespace).or_insert_with(|| (vec![], vec![], &e.crate_name));
        entry.0.push(t.converter);
        entry.1.push(t.ts);
    }
    by_ns
        .into_iter()
        .map(|(ns, (mut converters, mut types, crate_name))| {
            converters.sort();
            types.sort();
            let specifier = cfg
                .external_packages
                .get(ns)
                .or_else(|| cfg.external_packages.get(crate_name))
                .cloned()
                .unwrap_or_else(|| format!("./{ns}.js"));
            let specifier = format!("'{}'", specifier.replace('\\', "\\\\").replace('\'', "\\'"));
            JsExternal { namespace: ns.to_owned(), specifier, converters: converters.join(", "), types: types.join(", ") }
        })
        .collect()
}

/// `UniffiConverterTypePoint, ...`: the converters of every user type this module defines.
fn exported_converters(m: &Module, cfg: &LangConfig) -> String {
    let mut names: Vec<String> = m
        .all_types
        .iter()
        .filter(|t| {
            matches!(t, Type::Record(_) | Type::Enum(_) | Type::Object { .. } | Type::CallbackInterface(_) | Type::Custom { .. })
        })
        .filter(|t| !m.external_types.iter().any(|e| e.ty.canonical_name() == t.canonical_name()))
        .map(|t| JsType::of(t, cfg).converter)
        .collect();
    names.sort();
    names.dedup();
    names.join(", ")
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

/// A JSDoc block (`/** ... */` plus newline), each line prefixed by `indent`; empty if there
/// is neither text nor tags.
pub(crate) fn jsdoc(doc: &str, indent: &str, tags: &[String]) -> String {
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

/// The koffi release the bindings are written and tested against (`scripts/setup-toolchains.sh`
/// installs exactly this version); the generated `package.json` pins it.
const KOFFI_VERSION: &str = "3.3.4";

/// `package.json` for the generated module: an ES module named `package_name` (default: the
/// namespace), versioned like the crate, whose entry and types are the generated files and
/// whose `files` hold every module of the directory and the cdylib where the module looks for
/// it (beside it, or `lib_path`); koffi is a pinned dependency. `./<module>.js` exports every
/// module of the directory (the components of the same library this one imports from).
fn package_json(m: &Module, cfg: &LangConfig) -> String {
    let ns = &m.namespace;
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let name = cfg.package_name.clone().unwrap_or_else(|| ns.clone());
    let version = m.crate_version.clone().unwrap_or_else(|| "0.0.0".into());
    let mut files = vec!["*.js".to_owned(), "*.d.ts".to_owned()];
    match cfg.lib_path.as_deref() {
        Some(path) => files.push(path.trim_start_matches("./").to_owned()),
        None => files.extend([format!("lib{}.so", m.cdylib), format!("lib{}.dylib", m.cdylib), format!("{}.dll", m.cdylib)]),
    }
    let files = files.iter().map(|f| q(f)).collect::<Vec<_>>().join(", ");
    [
        "{".to_owned(),
        format!("  \"name\": {},", q(&name)),
        format!("  \"version\": {},", q(&version)),
        "  \"type\": \"module\",".to_owned(),
        format!("  \"main\": \"./{ns}.js\","),
        format!("  \"types\": \"./{ns}.d.ts\","),
        "  \"exports\": {".to_owned(),
        format!("    \".\": {{ \"types\": \"./{ns}.d.ts\", \"default\": \"./{ns}.js\" }},"),
        "    \"./*.js\": { \"types\": \"./*.d.ts\", \"default\": \"./*.js\" }".to_owned(),
        "  },".to_owned(),
        format!("  \"files\": [{files}],"),
        "  \"engines\": { \"node\": \">=20\" },".to_owned(),
        "  \"dependencies\": {".to_owned(),
        format!("    \"koffi\": \"{KOFFI_VERSION}\""),
        "  }".to_owned(),
        "}".to_owned(),
    ]
    .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module() -> Module {
        let udl = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/udl/slice/src/slice.udl");
        let mut m = crate::load::load(Utf8Path::new(udl), None, None).unwrap().remove(0).module;
        m.crate_version = Some("1.2.3".into());
        m
    }

    #[test]
    fn package_json_is_publishable() {
        let m = module();
        let cfg = LangConfig { package_name: Some("@acme/sl\"ice".into()), lib_path: Some("./native/libslice.so".into()), ..Default::default() };
        let pkg = package_json(&m, &cfg);
        assert!(pkg.contains("\"name\": \"@acme/sl\\\"ice\","), "{pkg}");
        assert!(pkg.contains("\"version\": \"1.2.3\","), "{pkg}");
        assert!(pkg.contains("\"files\": [\"*.js\", \"*.d.ts\", \"native/libslice.so\"],"), "{pkg}");
        assert!(pkg.contains(&format!("\"koffi\": \"{KOFFI_VERSION}\"")), "{pkg}");
        assert!(!pkg.contains("private"), "{pkg}");
        let m = Module { crate_version: None, ..m };
        let pkg = package_json(&m, &LangConfig::default());
        assert!(pkg.contains("\"name\": \"slice\",") && pkg.contains("\"version\": \"0.0.0\","), "{pkg}");
        assert!(pkg.contains("\"libslice.so\", \"libslice.dylib\", \"slice.dll\""), "{pkg}");
    }
}
