//! Reads a UniFFI component (cdylib or UDL) and its `uniffi.toml`; produces Kotlin, Swift,
//! Python and Node.js bindings with native async. [`generate`] is the entry point for the CLI
//! and for `build.rs` scripts.

pub mod cli;
pub mod config;
pub mod ir;
pub mod load;
mod render;

mod js;
mod kotlin;
mod python;
mod swift;

use anyhow::{Context, Result};
use camino::{Utf8Path, Utf8PathBuf};

pub use render::{Language, OutputFile};

/// What to generate. Mirrors `uniffi-bindgen generate`'s flags.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// A compiled cdylib (library mode) or a `.udl` file.
    pub source: Utf8PathBuf,
    /// Languages to generate; empty means all four.
    pub languages: Vec<Language>,
    pub out_dir: Utf8PathBuf,
    /// A `uniffi.toml` that replaces each crate's own.
    pub config: Option<Utf8PathBuf>,
    /// Only this crate (library mode).
    pub crate_name: Option<String>,
}

/// What [`generate`] wrote.
#[derive(Debug, Default)]
pub struct Report {
    /// Paths of the files written, in order.
    pub files: Vec<Utf8PathBuf>,
    /// Non-fatal notes for the user (e.g. an annotation a language cannot honour).
    pub warnings: Vec<String>,
}

/// Loads, validates and renders everything in memory, then writes the files. Nothing is
/// written if any step fails.
pub fn generate(opts: &GenerateOptions) -> Result<Report> {
    let (files, warnings) = render_all(opts)?;
    std::fs::create_dir_all(&opts.out_dir)
        .with_context(|| format!("{}: cannot create output directory", opts.out_dir))?;
    let mut report = Report { files: Vec::new(), warnings };
    for f in files {
        let path = opts.out_dir.join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("{dir}: cannot create"))?;
        }
        std::fs::write(&path, &f.contents).with_context(|| format!("{path}: cannot write"))?;
        report.files.push(path);
    }
    Ok(report)
}

/// Renders every requested file in memory without writing anything.
pub fn render_all(opts: &GenerateOptions) -> Result<(Vec<OutputFile>, Vec<String>)> {
    let languages = if opts.languages.is_empty() {
        Language::ALL.to_vec()
    } else {
        let mut l = opts.languages.clone();
        l.sort();
        l.dedup();
        l
    };
    let loaded = load::load(&opts.source, opts.crate_name.as_deref(), opts.config.as_deref())?;
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for item in loaded {
        let mut module = item.module;
        let config = match &item.config_path {
            Some(path) => {
                let cfg = config::Config::load(path)?;
                ir::annotations::apply(&mut module, &cfg.async_, path)?;
                cfg
            }
            None => config::Config::default(),
        };
        for lang in &languages {
            let out = render::render(*lang, &module, &config, config_file(&item.config_path))
                .with_context(|| format!("{lang}: crate `{}`", module.crate_name))?;
            files.extend(out.files);
            warnings.extend(out.warnings);
        }
    }
    Ok((files, warnings))
}

fn config_file(p: &Option<Utf8PathBuf>) -> &Utf8Path {
    p.as_deref().unwrap_or(Utf8Path::new("uniffi.toml"))
}
