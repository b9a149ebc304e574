//! Reads an IR module and the `[bindings.js]` config; produces the js bindings.

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
    bail!("js bindings are not implemented yet (module `{}`)", m.namespace)
}
