//! Reads the `[bindings.python]` config and the IR module; produces [`PyCx`], the per-render
//! context every other module of the backend takes instead of the bare config (what other
//! components define, which builtins and modules a hint must name through an alias, custom-type
//! configs).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

use crate::config::LangConfig;
use crate::ir::Module;

use super::names;

/// The `[bindings.python]` config plus what the module imports from other components: every
/// type-mapping function takes this instead of the bare config.
pub struct PyCx<'a> {
    cfg: &'a LangConfig,
    /// Type name -> the local name of the Python module that defines it (`geometry`).
    pub external: BTreeMap<String, String>,
    /// This module's enums with data (their base class is a `Name()` default).
    pub data_enums: BTreeSet<String>,
    /// Objects whose primary constructor takes no required argument (`Name()` is a default).
    pub constructible: BTreeSet<String>,
    /// Renamed type name -> its Rust name (custom-type configs are keyed by the Rust name).
    rust_names: BTreeMap<String, String>,
    /// The builtin type names and module names a hint may use that some item of this module
    /// takes (a function, type, method, field or parameter called `int` or `typing`): hints name
    /// those through their private alias (`_uniffi_int`, `_uniffi_typing`), which no user item
    /// can take.
    shadowed: BTreeSet<&'static str>,
}

impl<'a> PyCx<'a> {
    pub fn new(cfg: &'a LangConfig, m: &Module) -> Self {
        let external = m
            .external_types
            .iter()
            .filter_map(|e| e.ty.user_name().map(|n| (n.to_owned(), e.namespace.clone())))
            .collect();
        let data_enums = m.enums.iter().filter(|e| !(e.is_flat && !e.is_error)).map(|e| e.name.clone()).collect();
        let constructible = m
            .objects
            .iter()
            .filter(|o| {
                o.constructors.iter().any(|c| {
                    matches!(c.kind, crate::ir::CallableKind::Constructor { primary: true, .. })
                        && !c.is_async()
                        && c.args.iter().all(|a| a.default.is_some())
                })
            })
            .map(|o| o.name.clone())
            .collect();
        let rust_names = cfg
            .rename
            .iter()
            .filter(|(k, _)| !k.contains('.'))
            .map(|(k, v)| (v.clone(), k.clone()))
            .collect();
        let shadowed = names::shadowed_names(m);
        PyCx { cfg, external, data_enums, constructible, rust_names, shadowed }
    }

    /// How a hint names the builtin type `name`: as is, or through its private alias when an
    /// item of the module takes the name.
    pub fn builtin(&self, name: &str) -> String {
        if self.shadowed.contains(name) {
            format!("{}{name}", names::BUILTIN_ALIAS_PREFIX)
        } else {
            name.to_owned()
        }
    }

    /// How a hint or a public base class names the imported module `module` (`typing`,
    /// `concurrent.futures`): as is, or through its private alias when an item of the module
    /// takes its name.
    pub fn module(&self, module: &str) -> String {
        if self.shadowed.contains(module.split('.').next().unwrap_or(module)) {
            names::module_alias(module)
        } else {
            module.to_owned()
        }
    }

    /// Whether a plain `import <module>` may be emitted: no item of the module takes its name.
    pub fn module_unshadowed(&self, module: &str) -> bool {
        !self.shadowed.contains(module.split('.').next().unwrap_or(module))
    }

    /// The `[bindings.python.custom_types]` entry of a custom type, looked up by its Rust
    /// (un-renamed) name as upstream does.
    pub fn custom_config(&self, name: &str) -> Option<&crate::config::CustomTypeConfig> {
        let rust = self.rust_names.get(name).map_or(name, String::as_str);
        self.cfg.custom_types.get(rust)
    }
}

impl Deref for PyCx<'_> {
    type Target = LangConfig;

    fn deref(&self) -> &LangConfig {
        self.cfg
    }
}
