//! Reads an IR module, its config and a language choice; applies the language's `exclude`,
//! `omit_checksums` and `rename` keys and hands the result to that language's [`Backend`].

use anyhow::{bail, Result};
use camino::Utf8Path;

use crate::config::{Config, LangConfig};
use crate::backend::{Backend, Rendered};
use crate::ir::Module;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Language {
    Kotlin,
    Swift,
    Python,
    Js,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::Kotlin, Language::Swift, Language::Python, Language::Js];

    pub fn name(self) -> &'static str {
        match self {
            Language::Kotlin => "kotlin",
            Language::Swift => "swift",
            Language::Python => "python",
            Language::Js => "js",
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

pub fn render(lang: Language, m: &Module, cfg: &Config, cfg_file: &Utf8Path) -> Result<Rendered> {
    if let Some(err) = cfg.refused.get(lang.name()) {
        bail!("{err}");
    }
    let (backend, lang_cfg): (&dyn Backend, &LangConfig) = match lang {
        Language::Kotlin => (&crate::kotlin::Kotlin, &cfg.kotlin),
        Language::Swift => (&crate::swift::Swift, &cfg.swift),
        Language::Python => (&crate::python::Python, &cfg.python),
        Language::Js => (&crate::js::Js, &cfg.js),
    };
    // Per-language views of the module: `exclude`, `omit_checksums` and `rename` from
    // `[bindings.<lang>]` (exclusions use Rust names, so they come before renames).
    let tailored;
    let omit_checksums = lang_cfg.omit_checksums == Some(true);
    let m = if lang_cfg.rename.is_empty() && lang_cfg.exclude.is_empty() && !omit_checksums {
        m
    } else {
        let mut copy = m.clone();
        let section = format!("[bindings.{lang}]");
        crate::ir::exclude::apply(&mut copy, &lang_cfg.exclude, cfg_file, &section)?;
        if omit_checksums {
            copy.checksums.clear();
        }
        crate::ir::rename::apply(&mut copy, &lang_cfg.rename);
        tailored = copy;
        &tailored
    };
    backend.render(m, lang_cfg, cfg_file)
}
