//! Reads the `--config` file (upstream's global format or a plain `uniffi.toml`) and each
//! crate's own `uniffi.toml`; produces each crate's merged configuration table, as upstream
//! UniFFI 0.32 merges them: `[defaults]`, then the crate's file, then `[crates.<name>]`.
//! Also reads a UDL file under an explicit crate name (`--crate` in UDL mode).

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use camino::{Utf8Path, Utf8PathBuf};
use uniffi_bindgen::BindgenPathsLayer;
use uniffi_meta::{Metadata, MetadataGroupMap};

/// The `--config` file.
pub enum GlobalOrPlain {
    /// `[defaults]`, `[crates.<name>]`, `[crate-roots]`.
    Global {
        path: Utf8PathBuf,
        defaults: toml::Table,
        crates: BTreeMap<String, toml::Table>,
        roots: CrateRoots,
    },
    /// A plain `uniffi.toml`: it replaces every crate's own.
    Plain {
        path: Utf8PathBuf,
        table: toml::Table,
    },
}

impl GlobalOrPlain {
    pub fn read(path: &Utf8Path) -> Result<Self> {
        let mut table = read_table(path)?;
        if !["defaults", "crates", "crate-roots"]
            .iter()
            .any(|k| table.contains_key(*k))
        {
            return Ok(GlobalOrPlain::Plain {
                path: path.to_owned(),
                table,
            });
        }
        let section = |table: &mut toml::Table, key: &str| -> Result<toml::Table> {
            match table.remove(key) {
                None => Ok(toml::Table::new()),
                Some(toml::Value::Table(t)) => Ok(t),
                Some(_) => bail!("{path}: invalid configuration: `{key}` must be a table"),
            }
        };
        let defaults = section(&mut table, "defaults")?;
        let mut crates = BTreeMap::new();
        for (name, value) in section(&mut table, "crates")? {
            match value {
                toml::Value::Table(t) => crates.insert(name, t),
                _ => bail!("{path}: invalid configuration: `crates.{name}` must be a table"),
            };
        }
        let base = path.parent().unwrap_or(Utf8Path::new("."));
        let mut roots = BTreeMap::new();
        for (name, value) in section(&mut table, "crate-roots")? {
            match value {
                toml::Value::String(dir) => roots.insert(name, base.join(dir)),
                _ => bail!(
                    "{path}: invalid configuration: `crate-roots.{name}` must be a path string"
                ),
            };
        }
        if let Some(key) = table.keys().next() {
            bail!(
                "{path}: invalid configuration: `{key}` at the top level of a global config; \
                 expected `[defaults]`, `[crates.<name>]` or `[crate-roots]`"
            );
        }
        Ok(GlobalOrPlain::Global {
            path: path.to_owned(),
            defaults,
            crates,
            roots: CrateRoots(roots),
        })
    }

    /// Whether crates' own `uniffi.toml` files are not read at all.
    pub fn replaces_crate_configs(&self) -> bool {
        matches!(self, GlobalOrPlain::Plain { .. })
    }

    /// The `[crate-roots]` layer, if any.
    pub fn crate_roots(&self) -> Option<CrateRoots> {
        match self {
            GlobalOrPlain::Global { roots, .. } if !roots.0.is_empty() => Some(roots.clone()),
            _ => None,
        }
    }

    /// The merged table for `crate_name`, whose own `uniffi.toml` is `own` (if found), and the
    /// path that names it in messages.
    pub fn config_for(
        &self,
        crate_name: &str,
        own: Option<&Utf8Path>,
    ) -> Result<(Option<Utf8PathBuf>, Option<toml::Table>)> {
        match self {
            GlobalOrPlain::Plain { path, table } => Ok((Some(path.clone()), Some(table.clone()))),
            GlobalOrPlain::Global {
                path,
                defaults,
                crates,
                roots,
            } => {
                let own = own
                    .map(Utf8Path::to_owned)
                    .or_else(|| roots.get_config_path(crate_name).filter(|p| p.exists()));
                let mut merged = defaults.clone();
                if let Some(own) = &own {
                    merge(&mut merged, read_table(own)?, own, path)?;
                }
                if let Some(over) = crates.get(crate_name) {
                    merge(
                        &mut merged,
                        over.clone(),
                        path,
                        own.as_deref().unwrap_or(path),
                    )?;
                }
                Ok((Some(own.unwrap_or_else(|| path.clone())), Some(merged)))
            }
        }
    }
}

/// `[crate-roots]`: crate name -> its root directory.
#[derive(Clone)]
pub struct CrateRoots(BTreeMap<String, Utf8PathBuf>);

impl BindgenPathsLayer for CrateRoots {
    fn get_crate_root(&self, crate_name: &str) -> Option<Utf8PathBuf> {
        self.0.get(crate_name).cloned()
    }
}

pub fn read_table(path: &Utf8Path) -> Result<toml::Table> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{path}: cannot read"))?;
    match toml::from_str(&text) {
        Ok(t) => Ok(t),
        Err(e) => bail!(
            "{path}: invalid configuration: {}",
            e.to_string().trim_end()
        ),
    }
}

/// Merges `from` (read from `path`) into `into` (from `other`) recursively, later wins
/// (upstream's rule); a key that changes kind (a table and a string, ...) is an error.
fn merge(
    into: &mut toml::Table,
    from: toml::Table,
    path: &Utf8Path,
    other: &Utf8Path,
) -> Result<()> {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge(a, b, path, other)?,
            (Some(old), new) if std::mem::discriminant(old) != std::mem::discriminant(&new) => {
                bail!(
                    "{path}: `{key}` is of type {} here but of type {} in {other}",
                    new.type_str(),
                    old.type_str()
                )
            }
            (_, new) => {
                into.insert(key, new);
            }
        }
    }
    Ok(())
}

/// The metadata of a UDL file read as crate `crate_name` (no `Cargo.toml` needed), with the
/// checksums the scaffolding computes for UDL items.
pub fn udl_metadata(source: &Utf8Path, crate_name: &str) -> Result<MetadataGroupMap> {
    use uniffi_bindgen::interface::{Constructor, Function, Method};
    let text = std::fs::read_to_string(source).with_context(|| format!("{source}: cannot read"))?;
    let mut group = uniffi_udl::parse_udl(&text, crate_name)
        .with_context(|| format!("{source}: parsing the UDL as crate `{crate_name}`"))?;
    let items = std::mem::take(&mut group.items);
    for mut item in items {
        match &mut item {
            Metadata::Func(f) if f.checksum.is_none() => {
                f.checksum = Some(Function::checksum_from_metadata(f.clone()))
            }
            Metadata::Method(m) if m.checksum.is_none() => {
                m.checksum = Some(Method::checksum_from_metadata(m.clone()))
            }
            Metadata::Constructor(c) if c.checksum.is_none() => {
                c.checksum = Some(Constructor::checksum_from_metadata(c.clone()))
            }
            _ => {}
        }
        group.items.insert(item);
    }
    Ok(MetadataGroupMap::from([(crate_name.to_owned(), group)]))
}
