//! Reads an IR module and the `[bindings.swift]` config; produces `<module>.swift` (Swift 6
//! async/await over the C ABI, the module view rendering `templates/swift/module.swift`), the
//! C header `<ffi module>.h` and `<ffi module>.modulemap` (from `ffi.rs`): the `Backend` impl.

mod callable;
mod callback;
mod external;
mod ffi;
mod names;
mod object;
mod options;
pub mod package;
mod types;
mod user_types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::ToUpperCamelCase;

use crate::config::LangConfig;
use crate::ir::{Module, Type};
use crate::backend::{Backend, OutputFile, Rendered};

use callable::{callable, render_callable, Role};
use object::SwiftObject;
use user_types::{SwiftEnum, SwiftRecord};
pub use types::SwiftType;
use types::docs;
use external::{ExternalHook, SwiftImport};

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
    /// Some foreign trait is a stream: the `UniffiStreamPump` of `stream_source.swift`.
    has_stream_sources: bool,
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

fn render(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
    let options::ModuleNames { module: module_name, ffi_module, ffi_file } = options::module_names(m, cfg);
    external::check(m)?;
    let imports = external::imports(m, cfg);
    // Modules named by `[bindings.swift.custom_types.<T>] imports`.
    let mut config_imports: Vec<String> = cfg.custom_types.values().flat_map(|c| c.imports.iter().flatten().cloned()).collect();
    config_imports.sort();
    config_imports.dedup();
    config_imports.retain(|i| !["Foundation", "Dispatch"].contains(&i.as_str()));
    let callbacks = callback::callbacks(m, cfg, cfg_file)?;
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
        objects: m.objects.iter().map(|o| object::object(m, cfg, o, cfg_file)).collect::<Result<_>>()?,
        has_main_dispatch: callbacks.iter().any(|c| c.dispatch_main),
        has_stream_sources: callbacks.iter().any(|c| c.stream.is_some()),
        callbacks,
        converters: m.all_types.iter().map(|t| converter(m, cfg, t)).collect(),
        hooks: external::hooks(m, cfg),
        imports,
        config_imports,
        records: m.records.iter().map(|r| user_types::record(m, cfg, r)).collect::<Result<_>>()?,
        enums: m.enums.iter().map(|e| user_types::enumeration(m, cfg, e)).collect::<Result<_>>()?,
    };
    let swift = t.render().context("rendering swift/module.swift")?;
    let header = ffi::header(m)?;
    let mut files = vec![
        OutputFile { path: format!("{module_name}.swift").into(), contents: swift },
        OutputFile { path: format!("{ffi_file}.h").into(), contents: header },
    ];
    if cfg.generate_module_map.unwrap_or(true) {
        let contents = ffi::modulemap(ffi_module, format!("{ffi_file}.h"), &cfg.link_frameworks)?;
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
