//! Reads a compiled cdylib (library mode) or a `.udl` file through `uniffi_bindgen::BindgenLoader`
//! and produces our IR ([`crate::ir::Module`]). The only module that touches uniffi_bindgen types.

mod config_source;
mod convert;
mod external;
mod ffi;
#[cfg(test)]
mod tests;

use anyhow::{bail, Context, Result};
use camino::{Utf8Path, Utf8PathBuf};
use uniffi_bindgen::cargo_metadata::CrateConfigSupplier;
use uniffi_bindgen::{
    BindgenLoader, BindgenPaths, BindgenPathsLayer, ComponentInterface, GlobalConfig,
};

use crate::ir::Module;

/// One component loaded from the source, with its configuration: the path that names it in
/// messages (the crate's `uniffi.toml`, or the `--config` file) and the merged table.
pub struct Loaded {
    pub module: Module,
    pub config_path: Option<Utf8PathBuf>,
    pub config_table: Option<toml::Table>,
}

/// How to find the components and their configuration (upstream's `generate` flags).
#[derive(Debug, Clone, Default)]
pub struct LoadOptions<'a> {
    /// Library mode: only this crate. UDL mode: the crate's name, instead of reading it from
    /// the `Cargo.toml` beside the UDL file.
    pub crate_name: Option<&'a str>,
    /// `--config`: upstream's global format (`[defaults]`, `[crates.<name>]`,
    /// `[crate-roots]`), or a plain `uniffi.toml` that replaces every crate's own.
    pub config: Option<&'a Utf8Path>,
    /// `--metadata-no-deps`: run `cargo metadata --no-deps`.
    pub metadata_no_deps: bool,
}

/// [`load_with`] with the default options but a crate filter and a config override.
pub fn load(
    source: &Utf8Path,
    crate_filter: Option<&str>,
    config: Option<&Utf8Path>,
) -> Result<Vec<Loaded>> {
    load_with(
        source,
        &LoadOptions {
            crate_name: crate_filter,
            config,
            metadata_no_deps: false,
        },
    )
}

/// Loads every component in `source` (or just `opts.crate_name`), each with its configuration:
/// the crate's `uniffi.toml` located through `cargo metadata` (or beside a UDL file), merged
/// with the global config as upstream does.
pub fn load_with(source: &Utf8Path, opts: &LoadOptions) -> Result<Vec<Loaded>> {
    if !source.exists() {
        bail!("{source}: no such file (expected a compiled cdylib or a .udl file)");
    }
    let is_udl = source.extension() == Some("udl");
    let global = match opts.config {
        Some(path) => Some(config_source::GlobalOrPlain::read(path)?),
        None => None,
    };
    let crate_filter = opts.crate_name;
    // Without `cargo metadata` nobody can tell where a crate's `uniffi.toml` is. Upstream fails
    // there; so do we, unless the configuration is given explicitly or the source is a UDL
    // file (whose crate is the directory above it).
    let cargo = match CrateConfigSupplier::from_cargo_metadata_command(opts.metadata_no_deps) {
        Ok(c) => Some(c),
        Err(_) if is_udl || global.as_ref().is_some_and(|g| g.replaces_crate_configs()) => None,
        Err(e) => bail!(
            "{source}: cannot run `cargo metadata` to find each crate's uniffi.toml ({e:#}); run \
             from inside the crate's cargo workspace, or pass the configuration with --config"
        ),
    };
    let mut paths = BindgenPaths::default();
    if let Some(layer) = global.as_ref().and_then(|g| g.crate_roots()) {
        paths.add_layer(layer);
    }
    if let Some(layer) = &cargo {
        paths.add_layer(layer.clone());
    }
    let loader = BindgenLoader::new(paths, GlobalConfig::default());
    let metadata = match (is_udl, crate_filter) {
        (true, Some(name)) => config_source::udl_metadata(source, name)?,
        _ => loader
            .load_metadata(source)
            .with_context(|| format!("{source}: reading UniFFI metadata"))?,
    };
    let crate_filter = if is_udl { None } else { crate_filter };
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
        ci.derive_ffi_funcs().with_context(|| {
            format!("{source}: deriving FFI functions of `{}`", ci.crate_name())
        })?;
        let own = discover_config(cargo.as_ref(), source, ci.crate_name());
        let (config_path, config_table) = match &global {
            Some(g) => g.config_for(ci.crate_name(), own.as_deref())?,
            None => match own {
                Some(p) => (Some(p.clone()), Some(config_source::read_table(&p)?)),
                None => (None, None),
            },
        };
        let cdylib = cdylib.clone().unwrap_or_else(|| ci.crate_name().to_owned());
        let mut module = convert::module(&ci, &cdylib)
            .with_context(|| format!("{source}: crate `{}`", ci.crate_name()))?;
        module.crate_version = cargo
            .as_ref()
            .and_then(|c| crate_version(c, ci.crate_name()));
        out.push(Loaded {
            module,
            config_path,
            config_table,
        });
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

/// `package.version` of the crate's `Cargo.toml`, or its workspace's `workspace.package.version`
/// when it is inherited (`version.workspace = true`); `None` when neither is a string.
fn crate_version(cargo: &CrateConfigSupplier, crate_name: &str) -> Option<String> {
    let root = cargo.get_crate_root(crate_name)?;
    let read = |dir: &Utf8Path| -> Option<toml::Table> {
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .ok()?
            .parse()
            .ok()
    };
    let version = read(&root)?.get("package")?.get("version")?.clone();
    if let Some(v) = version.as_str() {
        return Some(v.to_owned());
    }
    root.ancestors().skip(1).find_map(|dir| {
        let ws = read(dir)?;
        Some(
            ws.get("workspace")?
                .get("package")?
                .get("version")?
                .as_str()?
                .to_owned(),
        )
    })
}

fn is_empty(ci: &ComponentInterface) -> bool {
    ci.function_definitions().is_empty()
        && ci.object_definitions().is_empty()
        && ci.record_definitions().is_empty()
        && ci.enum_definitions().is_empty()
        && ci.callback_interface_definitions().is_empty()
}
