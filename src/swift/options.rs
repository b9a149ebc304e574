//! Reads the `[bindings.swift]` keys (the module names, `omit_argument_labels`,
//! `omit_localized_error_conformance`); produces the choices the other Swift modules share.

use crate::config::LangConfig;
use crate::ir::Module;

/// The names one component's files and modules take.
pub struct ModuleNames {
    /// The Swift module (`module_name`, else the namespace).
    pub module: String,
    /// The C module of the FFI declarations (`ffi_module_name`, else `<module>FFI`).
    pub ffi_module: String,
    /// The header and modulemap file stem (`ffi_module_filename`, else the C module's name).
    pub ffi_file: String,
}

pub fn module_names(m: &Module, cfg: &LangConfig) -> ModuleNames {
    let module = cfg.module_name.clone().unwrap_or_else(|| m.namespace.clone());
    let ffi_module = cfg.ffi_module_name.clone().unwrap_or_else(|| format!("{module}FFI"));
    let ffi_file = cfg.ffi_module_filename.clone().unwrap_or_else(|| ffi_module.clone());
    ModuleNames { module, ffi_module, ffi_file }
}

/// Whether `[bindings.swift] omit_argument_labels` is set: declarations take their arguments
/// unlabelled (`_ name: T`), and calls into Swift implementations pass them so.
pub fn omit_labels(cfg: &LangConfig) -> bool {
    cfg.omit_argument_labels == Some(true)
}

/// Whether errors conform to `Foundation.LocalizedError` (upstream's default; off with
/// `[bindings.swift] omit_localized_error_conformance`).
pub fn localized_errors(cfg: &LangConfig) -> bool {
    cfg.omit_localized_error_conformance != Some(true)
}
