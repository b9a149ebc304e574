//! Reads a compiled cdylib (library mode) or a `.udl` file through `uniffi_bindgen::BindgenLoader`
//! and produces our IR ([`crate::ir::Module`]). The only module that touches uniffi_bindgen types.

mod convert;

use anyhow::{bail, Context, Result};
use camino::{Utf8Path, Utf8PathBuf};
use uniffi_bindgen::cargo_metadata::CrateConfigSupplier;
use uniffi_bindgen::{BindgenLoader, BindgenPaths, BindgenPathsLayer, ComponentInterface, GlobalConfig};

use crate::ir::Module;

/// One component loaded from the source, with the path of its `uniffi.toml` when it has one.
pub struct Loaded {
    pub module: Module,
    pub config_path: Option<Utf8PathBuf>,
}

/// Loads every component in `source` (or just `crate_filter`), with configs located through
/// `cargo metadata` when the crate is part of a cargo workspace. An explicit `config` path
/// overrides the discovered one for every component.
pub fn load(
    source: &Utf8Path,
    crate_filter: Option<&str>,
    config: Option<&Utf8Path>,
) -> Result<Vec<Loaded>> {
    if !source.exists() {
        bail!("{source}: no such file (expected a compiled cdylib or a .udl file)");
    }
    // Outside a cargo workspace there is no metadata; configs then come from `--config` or
    // from beside a UDL file.
    let cargo = CrateConfigSupplier::from_cargo_metadata_command(false).ok();
    let mut paths = BindgenPaths::default();
    if let Some(layer) = &cargo {
        paths.add_layer(layer.clone());
    }
    let loader = BindgenLoader::new(paths, GlobalConfig::default());
    let metadata = loader
        .load_metadata(source)
        .with_context(|| format!("{source}: reading UniFFI metadata"))?;
    let cis = loader
        .load_cis(metadata)
        .with_context(|| format!("{source}: building the component interface"))?;
    let cdylib = loader.library_name(source).map(str::to_owned);

    let mut out = Vec::new();
    for mut ci in cis {
        if let Some(name) = crate_filter {
            if ci.crate_name() != name {
                continue;
            }
        }
        // Library mode lists dependency crates too; skip components that export nothing.
        if crate_filter.is_none() && is_empty(&ci) {
            continue;
        }
        ci.derive_ffi_funcs()
            .with_context(|| format!("{source}: deriving FFI functions of `{}`", ci.crate_name()))?;
        let config_path = match config {
            Some(p) => Some(p.to_owned()),
            None => discover_config(cargo.as_ref(), source, ci.crate_name()),
        };
        let cdylib = cdylib.clone().unwrap_or_else(|| ci.crate_name().to_owned());
        let module = convert::module(&ci, &cdylib)
            .with_context(|| format!("{source}: crate `{}`", ci.crate_name()))?;
        out.push(Loaded { module, config_path });
    }
    if out.is_empty() {
        match crate_filter {
            Some(name) => bail!("{source}: no UniFFI component for crate `{name}`"),
            None => bail!("{source}: no UniFFI component found"),
        }
    }
    out.sort_by(|a, b| a.module.namespace.cmp(&b.module.namespace));
    Ok(out)
}

fn discover_config(
    cargo: Option<&CrateConfigSupplier>,
    source: &Utf8Path,
    crate_name: &str,
) -> Option<Utf8PathBuf> {
    if let Some(p) = cargo.and_then(|c| c.get_config_path(crate_name)) {
        if p.exists() {
            return Some(p);
        }
    }
    // A UDL file lives in `<crate>/src/`; its config beside `Cargo.toml`.
    if source.extension() == Some("udl") {
        let dir = source.parent()?;
        for candidate in [dir.join("uniffi.toml"), dir.parent()?.join("uniffi.toml")] {
            if candidate.exists() {
                return Some(candidate);
            }
        }
    }
    None
}

fn is_empty(ci: &ComponentInterface) -> bool {
    ci.function_definitions().is_empty()
        && ci.object_definitions().is_empty()
        && ci.record_definitions().is_empty()
        && ci.enum_definitions().is_empty()
        && ci.callback_interface_definitions().is_empty()
}
