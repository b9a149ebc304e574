//! Reads an IR module and the `[bindings.swift]` config; produces `<module>.swift` (Swift 6
//! async/await over the C ABI), the C header `<ffi module>.h` and `<ffi module>.modulemap` by
//! rendering `templates/swift/`.

mod callback;
mod external;
mod function;
mod names;
mod object;
pub mod package;
mod record;
mod types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::ToUpperCamelCase;

use crate::config::LangConfig;
use crate::ir::{Callable, FfiType, Module, Type};
use crate::backend::{Backend, doc_lines, OutputFile, Rendered};

use function::{callable, render_callable, Role};
use object::SwiftObject;
use record::{SwiftEnum, SwiftRecord};
pub use types::SwiftType;
use external::{ExternalHook, SwiftImport};
use types::c_type;

/// The Swift backend.
pub struct Swift;

impl Backend for Swift {
    fn render(&self, m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
        render(m, cfg, cfg_file)
    }
}

#[derive(Template)]
#[template(path = "swift/module.swift", escape = "none")]
struct ModuleTemplate<'a> {
    m: &'a Module,
    ffi_module: String,
    /// Suffix of the public test helper (`uniffiPendingPollCount<Suffix>`).
    namespace_suffix: String,
    doc: Vec<String>,
    /// Rendered top-level functions.
    functions: Vec<String>,
    objects: Vec<SwiftObject>,
    callbacks: Vec<callback::SwiftCallback>,
    /// Some interface is `dispatch = "main"`: sync calls into Rust track the main thread.
    has_main_dispatch: bool,
    converters: Vec<SwiftType>,
    /// Public wire hooks of this module's records, enums and custom types, for the other
    /// components of the library that use them as external types.
    hooks: Vec<ExternalHook>,
    /// The modules (namespaces) defining this module's external types.
    imports: Vec<SwiftImport>,
    config_imports: Vec<String>,
    records: Vec<SwiftRecord>,
    enums: Vec<SwiftEnum>,
}

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

fn render(m: &Module, cfg: &LangConfig, _cfg_file: &Utf8Path) -> Result<Rendered> {
    let module_name = cfg.module_name.clone().unwrap_or_else(|| m.namespace.clone());
    let ffi_module = cfg.ffi_module_name.clone().unwrap_or_else(|| format!("{module_name}FFI"));
    let ffi_file = cfg.ffi_module_filename.clone().unwrap_or_else(|| ffi_module.clone());
    external::check(m)?;
    let imports = external::imports(m, cfg);
    // Modules named by `[bindings.swift.custom_types.<T>] imports`.
    let mut config_imports: Vec<String> = cfg.custom_types.values().flat_map(|c| c.imports.iter().flatten().cloned()).collect();
    config_imports.sort();
    config_imports.dedup();
    config_imports.retain(|i| !["Foundation", "Dispatch"].contains(&i.as_str()));
    let callbacks = callback::callbacks(m, cfg);
    let t = ModuleTemplate {
        m,
        ffi_module: ffi_module.clone(),
        namespace_suffix: m.namespace.to_upper_camel_case(),
        doc: docs(&m.docstring),
        functions: m
            .functions
            .iter()
            .map(|f| render_callable(&callable(cfg, f, Role::Function), 0))
            .collect::<Result<_>>()?,
        objects: m.objects.iter().map(|o| object::object(m, cfg, o)).collect::<Result<_>>()?,
        has_main_dispatch: callbacks.iter().any(|c| c.dispatch_main),
        callbacks,
        converters: m.all_types.iter().map(|t| converter(m, cfg, t)).collect(),
        hooks: external::hooks(m, cfg),
        imports,
        config_imports,
        records: m.records.iter().map(|r| record::record(m, cfg, r)).collect::<Result<_>>()?,
        enums: m.enums.iter().map(|e| record::enumeration(m, cfg, e)).collect::<Result<_>>()?,
    };
    let swift = t.render().context("rendering swift/module.swift")?;
    let header = HeaderTemplate { m, decls: c_decls(m), typedefs: callback::c_typedefs(m) }.render().context("rendering swift/header.h")?;
    let mut files = vec![
        OutputFile { path: format!("{module_name}.swift").into(), contents: swift },
        OutputFile { path: format!("{ffi_file}.h").into(), contents: header },
    ];
    if cfg.generate_module_map.unwrap_or(true) {
        let map = ModuleMapTemplate { ffi_module, header: format!("{ffi_file}.h"), link_frameworks: &cfg.link_frameworks };
        let contents = map.render().context("rendering swift/modulemap")?;
        files.push(OutputFile { path: format!("{ffi_file}.modulemap").into(), contents });
    }
    Ok(Rendered { files, warnings: Vec::new() })
}

/// The converter of one type, with the custom type's doc comment for its typealias. Types of
/// another component delegate to that component's hooks (and have no typealias here).
fn converter(m: &Module, cfg: &LangConfig, t: &Type) -> SwiftType {
    let mut st = SwiftType::of(t, cfg);
    if external::is_external(m, t) {
        external::delegate(&mut st, t);
    } else if let Type::Custom { name, .. } = t {
        st.doc = m.custom_types.iter().find(|c| &c.name == name).map(|c| docs(&c.docstring)).unwrap_or_default();
    }
    st
}

fn docs(doc: &Option<String>) -> Vec<String> {
    doc.as_deref().map(|d| doc_lines(d).into_iter().map(str::to_owned).collect()).unwrap_or_default()
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
