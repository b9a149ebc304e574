//! Reads an IR module and the `[bindings.js]` config; produces `<namespace>.js` (an ES module
//! calling the cdylib through koffi: converters for every type, records as plain objects,
//! enums as string literals or `{ tag }` objects, errors and objects as classes, callback
//! interfaces as vtables over JS objects, async functions as Promises, whose continuations use
//! the native queue of `runtime/uniffi-async-runtime` when the library exports it) and `<namespace>.d.ts`,
//! by rendering `templates/js/`, plus a `package.json` on request. Of `[bindings.async]`,
//! `offload` becomes a Promise run on libuv's thread pool; `blocking` twins are not generated
//! (one warning each: they would block the only JS thread); `dispatch` needs nothing (koffi
//! already relays Rust-thread calls to the JS thread); `streams` on a foreign trait adds an
//! adapter from a JS async iterable (`asNumberSource`). Conventions: `docs/js.md`.

mod callable;
mod callback;
mod external;
mod ffi;
mod names;
mod object;
mod options;
mod package;
mod types;
mod user_types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::ToShoutySnakeCase;

use crate::backend::{Backend, OutputFile, Rendered};
use crate::config::LangConfig;
use crate::ir::{Callable, Module};

use callable::{all_callables, callable, JsCallable};
use callback::{JsForeign, JsSource};
use external::{exported_converters, externals, JsExternal};
use ffi::{family, ffi_decls, FfiDecl, JsFamily};
use object::JsObject;
use options::{custom_imports, jsdoc};
use package::package_json;
use types::{custom_aliases, js_string, JsType};
use user_types::{JsEnum, JsRecord};

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
    /// `UNIFFI_<NS>_CALLBACK_GATE`: `0` keeps koffi's callbacks in the vtables (`callback_gate.js`).
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
    /// Some object is a stream (`uniffiStreamIterator` in async.js).
    has_streams: bool,
    /// Some foreign method is async (the foreign-future half of async.js).
    has_foreign_futures: bool,
    /// The adapters of stream traits (`asNumberSource`), sorted.
    sources: Vec<JsSource>,
    /// Some trait has an adapter (`UniffiStreamSource` in async_foreign.js).
    has_foreign_streams: bool,
    /// Some callback interface or foreign trait exists (the handle maps of handles.js).
    has_foreign: bool,
}


fn render(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
    let functions: Vec<JsCallable> = m.functions.iter().map(|f| callable(m, cfg, f, names::function_name(&f.name), None, "")).collect();
    let objects: Vec<JsObject> = m.objects.iter().map(|o| object::object(m, cfg, o, cfg_file)).collect::<Result<_>>()?;
    let mut foreign: Vec<JsForeign> =
        m.callback_interfaces.iter().map(|c| callback::callback_interface(cfg, c)).collect();
    let callables: Vec<&Callable> = all_callables(m).collect();
    let has_foreign_futures = foreign
        .iter()
        .chain(objects.iter().filter_map(|o| o.foreign.as_ref()))
        .any(|f| f.methods.iter().any(|m| m.is_async));
    foreign.sort_by(|a, b| a.name.cmp(&b.name));
    let sources = callback::sources(m, cfg, cfg_file)?;
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
        imports: custom_imports(cfg),
        ffi_types: ffi::ffi_types(m),
        ffi_decls: ffi_decls(m),
        families: m.future_families.iter().map(family).collect(),
        has_async: has_foreign_futures || callables.iter().any(|c| c.is_async() || c.annotations.offload),
        has_futures: callables.iter().any(|c| c.is_async()),
        has_streams: objects.iter().any(|o| o.stream.is_some()),
        has_foreign_futures,
        has_foreign_streams: !sources.is_empty(),
        sources,
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
        records: m.records.iter().map(|r| user_types::record(m, cfg, r)).collect(),
        enums: m.enums.iter().map(|e| user_types::enum_(m, cfg, e)).collect(),
        objects,
        foreign,
        customs: custom_aliases(m, cfg),
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
