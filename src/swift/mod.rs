//! Reads an IR module and the `[bindings.swift]` config; produces the swift bindings.

use anyhow::{bail, Result};
use camino::Utf8Path;

use crate::config::LangConfig;
use crate::ir::Module;
use crate::render::{Rendered, Support};

pub const SUPPORT: Support = Support {
    records: false,
    enums: false,
    objects: false,
    callback_interfaces: false,
    custom_types: false,
    bytes_and_time: false,
    collections: false,
    annotations: false,
};

pub fn render(m: &Module, _cfg: &LangConfig, _cfg_file: &Utf8Path) -> Result<Rendered> {
    bail!("swift bindings are not implemented yet (module `{}`)", m.namespace)
}
