//! Reads a UniFFI component (cdylib or UDL) and its `uniffi.toml`; produces Kotlin, Swift,
//! Python and Node.js bindings with native async. [`generate`] is the entry point for the CLI
//! and for `build.rs` scripts.

pub mod cli;
pub mod config;
pub mod ir;
pub mod load;
mod backend;
mod render;

mod js;
mod kotlin;
mod python;
mod swift;

use anyhow::{Context, Result};
use camino::{Utf8Path, Utf8PathBuf};

pub use backend::OutputFile;
pub use render::Language;
/// `generate()` returns `anyhow::Result`; re-exported so callers need no extra dependency.
pub use anyhow;

/// The whole command line, for a workspace's own `uniffi-bindgen` bin (the pattern upstream
/// documents, and the one maturin runs with `cargo run --bin uniffi-bindgen`):
///
/// ```no_run
/// fn main() -> std::process::ExitCode {
///     uniffi_bindgen_async::uniffi_bindgen_main()
/// }
/// ```
///
/// Reads `std::env::args_os()`, prints errors and warnings to stderr, and returns the exit
/// code (1 on error) instead of exiting, so the caller stays in control.
pub fn uniffi_bindgen_main() -> std::process::ExitCode {
    match cli::run(std::env::args_os()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// What to generate. Mirrors `uniffi-bindgen generate`'s flags.
#[derive(Debug, Clone, Default)]
pub struct GenerateOptions {
    /// A compiled cdylib (library mode) or a `.udl` file.
    pub source: Utf8PathBuf,
    /// Languages to generate; empty means all four.
    pub languages: Vec<Language>,
    pub out_dir: Utf8PathBuf,
    /// `--config`: upstream's global config (`[defaults]` merged with each crate's
    /// `uniffi.toml`, then `[crates.<name>]` overrides, `[crate-roots]`), or a plain
    /// `uniffi.toml` that replaces each crate's own.
    pub config: Option<Utf8PathBuf>,
    /// Library mode: only this crate. UDL mode: the crate's name (no `Cargo.toml` needed).
    pub crate_name: Option<String>,
    /// Run `cargo metadata --no-deps` to find crates' configuration.
    pub metadata_no_deps: bool,
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
    let load_opts = load::LoadOptions {
        crate_name: opts.crate_name.as_deref(),
        config: opts.config.as_deref(),
        metadata_no_deps: opts.metadata_no_deps,
    };
    let loaded = load::load_with(&opts.source, &load_opts)?;
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut items = Vec::new();
    for item in loaded {
        let mut module = item.module;
        let config = match (&item.config_path, item.config_table) {
            (Some(path), Some(table)) => {
                let cfg = config::Config::from_table(table, path)?;
                ir::annotations::apply(&mut module, &cfg.async_, path)?;
                cfg
            }
            _ => config::Config::default(),
        };
        items.push((module, config, item.config_path));
    }
    // As upstream: a component's types are imported from the Kotlin package its own config names.
    let kotlin_packages: Vec<(String, String)> = items
        .iter()
        .filter_map(|(m, c, _)| Some((m.crate_name.clone(), c.kotlin.package_name.clone()?)))
        .collect();
    let renames = external_type_renames(&items);
    // `[bindings.swift] package = true`: every component's Swift files go into one SwiftPM package.
    let swift_package = match languages.contains(&Language::Swift) {
        true => swift::package::Package::new(items.iter().map(|(m, c, _)| (m, &c.swift)))?,
        false => None,
    };
    for ((module, mut config, config_path), renames) in items.into_iter().zip(renames) {
        for (krate, package) in &kotlin_packages {
            config.kotlin.external_packages.entry(krate.clone()).or_insert_with(|| package.clone());
        }
        for (lang, table) in [&mut config.kotlin, &mut config.swift, &mut config.python, &mut config.js].into_iter().zip(renames) {
            for (from, to) in table {
                lang.rename.entry(from).or_insert(to);
            }
        }
        warnings.extend(config.warnings.iter().cloned());
        for lang in &languages {
            let mut out = render::render(*lang, &module, &config, config_file(&config_path))
                .with_context(|| format!("{lang}: crate `{}`", module.crate_name))?;
            if let (Language::Swift, Some(package)) = (lang, &swift_package) {
                out.files = package.place(&module, out.files)?;
            }
            files.extend(out.files);
            warnings.extend(out.warnings);
        }
    }
    if let Some(package) = &swift_package {
        files.push(package.manifest()?);
    }
    Ok((files, warnings))
}

/// For each module, per language (kotlin, swift, python, js): the renames its external types
/// get from their defining crate's `[bindings.<lang>.rename]` (a type renamed there is renamed
/// wherever another component uses it).
fn external_type_renames(
    items: &[(ir::Module, config::Config, Option<Utf8PathBuf>)],
) -> Vec<[std::collections::BTreeMap<String, String>; 4]> {
    items
        .iter()
        .map(|(m, _, _)| {
            let mut out: [std::collections::BTreeMap<String, String>; 4] = Default::default();
            for e in &m.external_types {
                let Some(name) = e.ty.user_name() else { continue };
                let Some((_, c, _)) = items.iter().find(|(d, _, _)| d.crate_name == e.crate_name) else { continue };
                for (table, lang) in out.iter_mut().zip([&c.kotlin, &c.swift, &c.python, &c.js]) {
                    if let Some(to) = lang.rename.get(name) {
                        table.insert(name.to_owned(), to.clone());
                    }
                }
            }
            out
        })
        .collect()
}

fn config_file(p: &Option<Utf8PathBuf>) -> &Utf8Path {
    p.as_deref().unwrap_or(Utf8Path::new("uniffi.toml"))
}
