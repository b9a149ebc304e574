//! Reads every component's IR module and `[bindings.swift]` config plus their rendered Swift
//! files; produces the SwiftPM layout of `[bindings.swift] package = true`: each component's
//! files moved under `Sources/` (a system-library target `<ffi module>` holding the header and
//! the modulemap as `module.modulemap`, a Swift target `<module>`) and a `Package.swift`
//! (rendering `templates/swift/Package.swift`) that links the cdylib from the package directory.

use anyhow::{bail, Context, Result};
use askama::Template;

use super::options::{module_names, ModuleNames};
use crate::backend::OutputFile;
use crate::config::LangConfig;
use crate::ir::Module;

/// One component's targets.
pub struct Component {
    /// The crate (to match rendered files to their component).
    crate_name: String,
    namespace: String,
    /// The Swift module (target) name.
    pub module: String,
    /// The C module (system-library target) name.
    pub ffi_module: String,
    /// Header and modulemap file stem.
    ffi_file: String,
    /// Quoted target names this Swift target depends on: its C module, then the components
    /// whose types it uses.
    pub deps: String,
}

#[derive(Template)]
#[template(path = "swift/Package.swift", escape = "none")]
struct PackageTemplate<'a> {
    /// Package and library product name: the cdylib's.
    name: &'a str,
    /// The cdylib to link (`lib<cdylib>.so` beside `Package.swift`).
    cdylib: &'a str,
    components: &'a [Component],
    /// Quoted Swift target names, for the product and the optional test target.
    targets: String,
}

/// The package of a library, when any of its components asks for one (`package = true`).
pub struct Package {
    name: String,
    cdylib: String,
    components: Vec<Component>,
}

impl Package {
    /// `None` unless some component's `[bindings.swift]` has `package = true`; then every
    /// component becomes part of one package.
    pub fn new<'a>(items: impl Iterator<Item = (&'a Module, &'a LangConfig)> + Clone) -> Result<Option<Self>> {
        if !items.clone().any(|(_, cfg)| cfg.package == Some(true)) {
            return Ok(None);
        }
        let mut components = Vec::new();
        let mut cdylib = None;
        for (m, cfg) in items.clone() {
            if cfg.generate_module_map == Some(false) {
                bail!(
                    "[bindings.swift] package = true needs the modulemap, but `{}` sets generate_module_map = false",
                    m.crate_name
                );
            }
            let ModuleNames { module, ffi_module, ffi_file } = module_names(m, cfg);
            let mut deps = vec![format!("\"{ffi_module}\"")];
            for e in &m.external_types {
                let Some((other, other_cfg)) = items.clone().find(|(o, _)| o.namespace == e.namespace) else {
                    bail!(
                        "[bindings.swift] package = true: `{}` uses types of `{}`, which is not generated with it; \
                         generate the whole library (without --crate)",
                        m.namespace,
                        e.namespace
                    );
                };
                let dep = format!("\"{}\"", other_cfg.module_name.clone().unwrap_or_else(|| other.namespace.clone()));
                if !deps.contains(&dep) {
                    deps.push(dep);
                }
            }
            if m.crate_name == m.cdylib || cdylib.is_none() {
                cdylib = Some(m.cdylib.clone());
            }
            components.push(Component {
                crate_name: m.crate_name.clone(),
                namespace: m.namespace.clone(),
                module,
                ffi_module,
                ffi_file,
                deps: deps.join(", "),
            });
        }
        components.sort_by(|a, b| a.module.cmp(&b.module));
        let cdylib = cdylib.context("a Swift package needs at least one component")?;
        Ok(Some(Package { name: cdylib.clone(), cdylib, components }))
    }

    /// Moves one component's rendered files to their targets' directories.
    pub fn place(&self, m: &Module, files: Vec<OutputFile>) -> Result<Vec<OutputFile>> {
        let c = self
            .components
            .iter()
            .find(|c| c.crate_name == m.crate_name && c.namespace == m.namespace)
            .with_context(|| format!("`{}` is not a component of the Swift package", m.crate_name))?;
        files
            .into_iter()
            .map(|f| {
                let path = if f.path == format!("{}.swift", c.module) {
                    format!("Sources/{0}/{0}.swift", c.module)
                } else if f.path == format!("{}.h", c.ffi_file) {
                    format!("Sources/{}/{}.h", c.ffi_module, c.ffi_file)
                } else if f.path == format!("{}.modulemap", c.ffi_file) {
                    format!("Sources/{}/module.modulemap", c.ffi_module)
                } else {
                    bail!("{}: no place for `{}` in the Swift package", m.crate_name, f.path)
                };
                Ok(OutputFile { path: path.into(), contents: f.contents })
            })
            .collect()
    }

    /// `Package.swift`.
    pub fn manifest(&self) -> Result<OutputFile> {
        let targets = self.components.iter().map(|c| format!("\"{}\"", c.module)).collect::<Vec<_>>().join(", ");
        let t = PackageTemplate { name: &self.name, cdylib: &self.cdylib, components: &self.components, targets };
        Ok(OutputFile { path: "Package.swift".into(), contents: t.render().context("rendering swift/Package.swift")? })
    }
}
