//! Reads an IR module and a language choice; dispatches to that language's backend after
//! checking the module only uses what the backend declares it supports.

use anyhow::{bail, Result};
use camino::{Utf8Path, Utf8PathBuf};

use crate::config::{Config, LangConfig};
use crate::ir::{Module, Type};

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

/// What a backend can render today. Every backend declares one; the generator refuses a
/// module that needs more, naming the item, instead of emitting broken code.
#[derive(Debug, Clone, Copy)]
pub struct Support {
    pub records: bool,
    pub enums: bool,
    pub objects: bool,
    pub callback_interfaces: bool,
    pub custom_types: bool,
    /// Byte strings, timestamps and durations.
    pub bytes_and_time: bool,
    /// Option, Vec, HashMap.
    pub collections: bool,
    /// `[bindings.async]` offload / blocking / dispatch are rendered.
    pub annotations: bool,
}

pub fn render(lang: Language, m: &Module, cfg: &Config, cfg_file: &Utf8Path) -> Result<Rendered> {
    if let Some(err) = cfg.refused.get(lang.name()) {
        bail!("{err}");
    }
    let (support, lang_cfg): (Support, &LangConfig) = match lang {
        Language::Kotlin => (crate::kotlin::SUPPORT, &cfg.kotlin),
        Language::Swift => (crate::swift::SUPPORT, &cfg.swift),
        Language::Python => (crate::python::SUPPORT, &cfg.python),
        Language::Js => (crate::js::SUPPORT, &cfg.js),
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
    check_support(lang, &support, m)?;
    let mut out = match lang {
        Language::Kotlin => crate::kotlin::render(m, lang_cfg, cfg_file)?,
        Language::Swift => crate::swift::render(m, lang_cfg, cfg_file)?,
        Language::Python => crate::python::render(m, lang_cfg, cfg_file)?,
        Language::Js => crate::js::render(m, lang_cfg, cfg_file)?,
    };
    if !support.annotations {
        out.warnings.extend(unrendered_annotations(lang, m, cfg_file));
    }
    Ok(out)
}

/// One warning per annotation a backend does not render yet, so nobody relies on it silently.
fn unrendered_annotations(lang: Language, m: &Module, cfg_file: &Utf8Path) -> Vec<String> {
    let callables = m
        .functions
        .iter()
        .chain(m.objects.iter().flat_map(|o| o.constructors.iter().chain(o.methods.iter())));
    let mut out = Vec::new();
    for c in callables {
        for (on, key) in [(c.annotations.offload, "offload"), (c.annotations.blocking, "blocking")] {
            if on {
                out.push(format!(
                    "{cfg_file}: {lang} bindings do not render `{key}` yet; `{}` is generated without it",
                    c.config_name()
                ));
            }
        }
    }
    let foreign = m
        .callback_interfaces
        .iter()
        .map(|c| (&c.name, &c.foreign))
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref().map(|f| (&o.name, f))));
    for (name, f) in foreign {
        if f.dispatch.is_main() {
            out.push(format!(
                "{cfg_file}: {lang} bindings do not render `dispatch = \"main\"` yet; `{name}` runs on the caller's thread"
            ));
        }
    }
    out
}

fn check_support(lang: Language, s: &Support, m: &Module) -> Result<()> {
    let missing = |what: &str, item: &str| -> Result<()> {
        bail!("{lang} bindings do not support {what} yet (`{item}`)")
    };
    if let (false, Some(r)) = (s.records, m.records.first()) {
        missing("records", &r.name)?;
    }
    if let Some(e) = m.enums.iter().find(|e| !s.enums && !e.is_error) {
        missing("enums", &e.name)?;
    }
    if let (false, Some(o)) = (s.objects, m.objects.first()) {
        missing("objects", &o.name)?;
    }
    if let (false, Some(c)) = (s.callback_interfaces, m.callback_interfaces.first()) {
        missing("callback interfaces", &c.name)?;
    }
    if let (false, Some(c)) = (s.custom_types, m.custom_types.first()) {
        missing("custom types", &c.name)?;
    }
    for t in &m.all_types {
        let ok = match t {
            Type::Bytes | Type::Timestamp | Type::Duration => s.bytes_and_time,
            Type::Optional(_) | Type::Sequence(_) | Type::Map(..) => s.collections,
            _ => true,
        };
        if !ok {
            missing("this type", &t.canonical_name())?;
        }
    }
    Ok(())
}


/// Splits a docstring into lines with trailing whitespace removed (for doc-comment filters).
pub fn doc_lines(doc: &str) -> Vec<&str> {
    doc.trim().lines().map(str::trim_end).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module() -> Module {
        let udl = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/udl/slice/src/slice.udl");
        crate::load::load(Utf8Path::new(udl), None, None).unwrap().remove(0).module
    }

    const NOTHING: Support = Support {
        records: false,
        enums: false,
        objects: false,
        callback_interfaces: false,
        custom_types: false,
        bytes_and_time: false,
        collections: false,
        annotations: false,
    };

    #[test]
    fn an_unsupported_item_is_refused_by_name() {
        let err = check_support(Language::Kotlin, &NOTHING, &module()).unwrap_err();
        assert_eq!(err.to_string(), "kotlin bindings do not support objects yet (`Store`)");
        let only_objects = Support { objects: true, ..NOTHING };
        let err = check_support(Language::Js, &only_objects, &module()).unwrap_err();
        assert_eq!(err.to_string(), "js bindings do not support callback interfaces yet (`Logger`)");
    }

    #[test]
    fn unrendered_annotations_are_warned_about() {
        let mut m = module();
        m.functions.iter_mut().find(|f| f.name == "add").unwrap().annotations.offload = true;
        let w = unrendered_annotations(Language::Swift, &m, Utf8Path::new("uniffi.toml"));
        assert_eq!(w, ["uniffi.toml: swift bindings do not render `offload` yet; `add` is generated without it"]);
    }
}
