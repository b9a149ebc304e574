//! The contract between the generator and its language backends: a backend reads one IR
//! [`Module`] with its `[bindings.<lang>]` config and produces [`Rendered`] files and warnings.
//! Backends import from here and from `ir`/`config` only; `render` picks one of them.

use anyhow::Result;
use camino::{Utf8Path, Utf8PathBuf};

use crate::config::LangConfig;
use crate::ir::Module;

/// One language backend (`src/<lang>/mod.rs` implements it for a unit struct).
pub trait Backend {
    /// Renders `m` with the language's config section; `cfg_file` names the `uniffi.toml` the
    /// config came from, for error and warning messages.
    fn render(&self, m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered>;
}

/// One generated file, with its path relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: Utf8PathBuf,
    pub contents: String,
}

/// What a backend produces.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub warnings: Vec<String>,
}

/// Splits a docstring into lines with trailing whitespace removed (for doc-comment filters).
pub fn doc_lines(doc: &str) -> Vec<&str> {
    doc.trim().lines().map(str::trim_end).collect()
}
