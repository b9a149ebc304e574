//! Reads an IR module and the `[bindings.kotlin]` config; produces
//! `<package path>/<namespace>.kt` (JNA direct mapping, coroutines) by rendering
//! `templates/kotlin/module.kt`: the `Backend` impl and the module view. What goes into the view
//! comes from the sibling modules (see README "How it is built").

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

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;

use crate::backend::{Backend, OutputFile, Rendered};
use crate::config::LangConfig;
use crate::ir::Module;

use callable::{callable, callables, KtCallable, Place};
use callback::foreign_impls;
use options::Names;
use types::kdoc;

/// The Kotlin backend.
pub struct Kotlin;

impl Backend for Kotlin {
    fn render(&self, m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
        render(m, cfg, cfg_file)
    }
}

#[derive(Template)]
#[template(path = "kotlin/module.kt", escape = "none")]
struct ModuleTemplate<'a> {
    m: &'a Module,
    package: String,
    cdylib: String,
    doc: String,
    ffi_decls: Vec<ffi::FfiDecl>,
    /// `(symbol, expected)` for the checksum checks, the expected value as a Kotlin literal.
    checksums: Vec<(String, String)>,
    families: Vec<ffi::KtFamily>,
    converters: Vec<types::KtType>,
    /// Custom types, rendered as typealiases of their builtin type (upstream's default) or of
    /// the configured `type_name`.
    aliases: Vec<types::KtAlias>,
    /// `imports` of the `custom_types` config, and the external types.
    imports: Vec<String>,
    records: Vec<user_types::KtRecord>,
    enums: Vec<user_types::KtEnum>,
    functions: Vec<KtCallable>,
    objects: Vec<object::KtObject>,
    /// Callback interfaces and foreign traits: what Rust calls through vtables.
    foreigns: Vec<callback::KtForeign>,
    /// Some interface is implemented in Kotlin: render the handle map and foreign-call runtime.
    has_foreign: bool,
    /// Some foreign method is async: render the foreign-future runtime.
    has_foreign_futures: bool,
    /// Some foreign trait is a stream: render `UniffiFlowSource` and its handle counting.
    has_stream_sources: bool,
    result_structs: Vec<callback::KtResultStruct>,
    /// Some callable is `offload`ed: render `UniffiAsyncConfig` and import `withContext`.
    has_offload: bool,
    /// Some callable has a blocking twin: render the latch-based driver.
    has_blocking: bool,
    /// Some interface is `dispatch = "main"`: track the main thread's sync calls into Rust.
    has_main_dispatch: bool,
    /// `[bindings.kotlin] object_identity`: lifting a known handle returns the live wrapper.
    object_identity: bool,
    /// Some object, record or enum is `Disposable`: render the interface.
    has_disposable: bool,
    /// `kotlin_target_version` and the cleaner keys.
    opts: options::KtOptions,
}

fn render(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
    let opts = options::options(cfg, cfg_file)?;
    let n = Names::new(m, cfg);
    types::check_defaults(m, &n, callables(m))?;
    let holders = user_types::object_holders(m);
    let package = cfg.package_name.clone().unwrap_or_else(|| format!("uniffi.{}", m.namespace));
    let has_disposable = !m.objects.is_empty()
        || m.records.iter().any(|r| holders.contains(&r.name))
        || m.enums.iter().any(|e| holders.contains(&e.name));
    let t = ModuleTemplate {
        opts,
        has_disposable,
        m,
        cdylib: cfg.cdylib_name.clone().unwrap_or_else(|| m.cdylib.clone()),
        doc: kdoc(m.docstring.as_deref(), 0),
        ffi_decls: ffi::ffi_decls(m, &n),
        checksums: m.checksums.iter().map(|(s, v)| (s.clone(), v.to_string())).collect(),
        families: m.future_families.iter().map(ffi::family).collect(),
        converters: m.all_types.iter().map(|t| types::KtType::of(t, &n)).collect(),
        aliases: types::aliases(m, cfg, &n),
        imports: {
            let mut all: BTreeSet<String> =
                cfg.custom_types.values().flat_map(|c| c.imports.iter().flatten()).cloned().collect();
            all.extend(n.external_imports());
            all.into_iter().collect()
        },
        records: m.records.iter().map(|r| user_types::record(&n, r, holders.contains(&r.name))).collect(),
        enums: m.enums.iter().map(|e| user_types::enumeration(&n, e, holders.contains(&e.name))).collect(),
        functions: m.functions.iter().map(|f| callable(&n, f, Place::Free)).collect(),
        objects: m.objects.iter().map(|o| object::object(&n, o, cfg_file)).collect::<Result<_>>()?,
        foreigns: callback::foreigns(m, &n, cfg_file)?,
        has_stream_sources: foreign_impls(m).any(|(_, _, f, _)| f.stream_next().is_some()),
        has_foreign: foreign_impls(m).next().is_some(),
        has_foreign_futures: foreign_impls(m).any(|(_, _, f, _)| f.methods.iter().any(|c| c.is_async())),
        result_structs: m.foreign_future_shapes.iter().map(callback::result_struct).collect(),
        has_offload: callables(m).any(|f| f.annotations.offload),
        has_blocking: callables(m).any(|f| f.annotations.blocking && f.is_async()),
        object_identity: cfg.object_identity == Some(true),
        has_main_dispatch: foreign_impls(m).any(|(_, _, f, _)| f.dispatch.is_main()),
        package: package.clone(),
    };
    let contents = t.render().context("rendering kotlin/module.kt")?;
    let path = format!("{}/{}.kt", package.replace('.', "/"), m.namespace);
    let warnings = cfg
        .custom_types
        .keys()
        .filter(|name| types::custom_conversions(&n, name).is_none())
        .map(|name| format!("kotlin: `custom_types.{name}` needs `lift` and `lower`; `{name}` is a typealias of its builtin type"))
        .collect();
    Ok(Rendered { files: vec![OutputFile { path: path.into(), contents }], warnings })
}
