//! Reads a crate's `uniffi.toml` and produces the validated [`Config`]: one section per
//! language plus our `[bindings.async]` annotations. Every error names the file.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use camino::Utf8Path;
use serde::Deserialize;

/// The whole `[bindings]` table that concerns us. Other generators' sections are ignored.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub kotlin: LangConfig,
    pub swift: LangConfig,
    pub python: LangConfig,
    pub js: LangConfig,
    pub async_: AsyncConfig,
    /// Keys that were ignored, each with why (printed as warnings).
    pub warnings: Vec<String>,
    /// Per language (`kotlin`, ...): the error for an upstream key it does not support yet.
    /// Generating that language fails with it; other languages are unaffected.
    pub refused: BTreeMap<String, String>,
}

/// Keys shared by every language section (the ones upstream users expect), plus a few
/// language-specific ones; each language reads what applies to it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangConfig {
    /// Overrides the cdylib name the bindings load (`lib<name>.so`).
    pub cdylib_name: Option<String>,
    /// Kotlin: the package (default `uniffi.<namespace>`).
    pub package_name: Option<String>,
    /// Swift: the Swift module name (default: the namespace).
    pub module_name: Option<String>,
    /// Swift: the C FFI module name (default `<namespace>FFI`).
    pub ffi_module_name: Option<String>,
    /// Swift: the FFI module file name stem (default: the FFI module name).
    pub ffi_module_filename: Option<String>,
    /// Swift: whether to emit the modulemap (default true).
    pub generate_module_map: Option<bool>,
    /// Swift (ours): lay the files out as a SwiftPM package with a `Package.swift`.
    pub package: Option<bool>,
    /// Renames: Rust name (`Type`, `fn`, `Type.method`) -> foreign name.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Custom type conversions, per custom type name.
    #[serde(default)]
    pub custom_types: BTreeMap<String, CustomTypeConfig>,
    /// Items left out of this language's bindings (`fn`, `Type`, `Type.method`).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Skip the API checksum checks at load time.
    pub omit_checksums: Option<bool>,
    /// With `generate_immutable_records`, the records that stay mutable.
    #[serde(default)]
    pub mutable_records: Vec<String>,
    /// Swift: upstream keys (see `KEYS` for which are honoured).
    pub omit_localized_error_conformance: Option<bool>,
    pub generate_case_iterable_conformance: Option<bool>,
    #[serde(default)]
    pub link_frameworks: Vec<String>,
    pub omit_argument_labels: Option<bool>,
    pub generate_immutable_records: Option<bool>,
    pub experimental_sendable_value_types: Option<bool>,
    pub android: Option<bool>,
    pub android_cleaner: Option<bool>,
    pub kotlin_target_version: Option<String>,
    pub disable_java_cleaner: Option<bool>,
    pub generate_codable_conformance: Option<bool>,
    #[serde(default)]
    pub external_packages: BTreeMap<String, String>,
    /// Kotlin: a Rust object Kotlin already holds comes back as that same instance (default
    /// false: a new wrapper each time, as upstream).
    pub object_identity: Option<bool>,
    /// JS: also write a `package.json` (`"type": "module"`, koffi dependency).
    pub package_json: Option<bool>,
    /// JS: path of the cdylib relative to the generated module (default: beside it).
    pub lib_path: Option<String>,
    /// JS: `false` silences the warning that a `blocking` annotation gets no JS twin.
    pub warn_blocking: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomTypeConfig {
    pub type_name: Option<String>,
    pub imports: Option<Vec<String>>,
    pub into_custom: Option<String>,
    pub from_custom: Option<String>,
    /// Upstream's old names for the two conversions.
    pub lift: Option<String>,
    pub lower: Option<String>,
}

/// `[bindings.async]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsyncConfig {
    #[serde(default)]
    pub offload: Vec<String>,
    #[serde(default)]
    pub blocking: Vec<String>,
    /// Async callables whose Swift Task cancellation reaches Rust (`"*"`: all).
    #[serde(default)]
    pub cancellable: Vec<String>,
    #[serde(default)]
    pub dispatch: BTreeMap<String, String>,
    /// Objects that are also native async streams: `["Ticker"]` (method `next`) or
    /// `{ Ticker = "poll_next" }`; validated by `ir::annotations`.
    #[serde(default)]
    pub streams: Option<toml::Value>,
}

#[derive(Deserialize, Default)]
struct File {
    #[serde(default)]
    bindings: Bindings,
}

#[derive(Deserialize, Default)]
struct Bindings {
    kotlin: Option<LangConfig>,
    swift: Option<LangConfig>,
    python: Option<LangConfig>,
    js: Option<LangConfig>,
    #[serde(rename = "async")]
    async_: Option<AsyncConfig>,
}

/// How a language treats a key of its `[bindings.<lang>]` section.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    /// Honoured, with upstream's meaning (or ours, for keys upstream does not have).
    Honoured,
    /// An upstream UniFFI key this generator does not honour yet: refused, never ignored.
    /// (Every upstream 0.32 key is honoured today; the variant stays for the next one.)
    #[allow(dead_code)]
    NotYet,
}

use Key::{Honoured, NotYet};

/// Every key each language section may hold. A key of another language's section is ignored
/// with a warning (upstream ignores it too); a key nobody knows is an error.
const KEYS: [(&str, &[(&str, Key)]); 4] = [
    (
        "kotlin",
        &[
            ("cdylib_name", Honoured),
            ("package_name", Honoured),
            ("rename", Honoured),
            ("exclude", Honoured),
            ("custom_types", Honoured),
            ("external_packages", Honoured),
            ("generate_immutable_records", Honoured),
            ("mutable_records", Honoured),
            ("omit_checksums", Honoured),
            ("android", Honoured),
            ("android_cleaner", Honoured),
            ("kotlin_target_version", Honoured),
            ("disable_java_cleaner", Honoured),
        ],
    ),
    (
        "swift",
        &[
            ("module_name", Honoured),
            ("ffi_module_name", Honoured),
            ("ffi_module_filename", Honoured),
            ("generate_module_map", Honoured),
            ("package", Honoured), // ours
            ("rename", Honoured),
            ("exclude", Honoured),
            ("custom_types", Honoured),
            ("omit_checksums", Honoured),
            ("omit_argument_labels", Honoured),
            ("generate_immutable_records", Honoured),
            ("mutable_records", Honoured),
            ("omit_localized_error_conformance", Honoured),
            ("generate_case_iterable_conformance", Honoured),
            ("generate_codable_conformance", Honoured),
            ("experimental_sendable_value_types", Honoured),
            ("link_frameworks", Honoured),
        ],
    ),
    (
        "python",
        &[
            ("cdylib_name", Honoured),
            ("rename", Honoured),
            ("exclude", Honoured),
            ("custom_types", Honoured),
            ("external_packages", Honoured),
        ],
    ),
    (
        "js",
        &[
            ("cdylib_name", Honoured),
            ("rename", Honoured),
            ("exclude", Honoured),
            ("custom_types", Honoured),
            ("external_packages", Honoured),
            ("omit_checksums", Honoured),
            ("package_json", Honoured),
            ("package_name", Honoured),
            ("lib_path", Honoured),
            ("warn_blocking", Honoured), // ours
        ],
    ),
];

impl Config {
    /// Reads and parses `path`. Unknown keys in our sections are errors naming the key.
    pub fn load(path: &Utf8Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("{path}: cannot read"))?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Utf8Path) -> Result<Self> {
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => bail!("{path}: invalid configuration: {}", e.to_string().trim_end()),
        };
        Self::from_table(table, path)
    }

    /// Builds the config from an already merged table (a crate's `uniffi.toml`, possibly with
    /// a global config's `[defaults]` and `[crates.<name>]` merged in). `path` names it in
    /// messages. Sections of other generators are ignored, as upstream ignores them.
    pub fn from_table(table: toml::Table, path: &Utf8Path) -> Result<Self> {
        let mut warnings = Vec::new();
        let mut refused = BTreeMap::new();
        if let Some(bindings) = table.get("bindings").and_then(|b| b.as_table()) {
            for (lang, keys) in KEYS {
                let Some(section) = bindings.get(lang).and_then(|s| s.as_table()) else { continue };
                for key in section.keys() {
                    match keys.iter().find(|(k, _)| k == key).map(|(_, u)| *u) {
                        Some(Honoured) => {}
                        // Refused when (and only when) that language is generated.
                        Some(NotYet) => {
                            refused.entry(lang.to_owned()).or_insert_with(|| {
                                format!(
                                    "{path}: `[bindings.{lang}] {key}` is an upstream UniFFI key that \
                                     uniffi-bindgen-async does not support yet; remove it (see docs/config.md)"
                                )
                            });
                        }
                        None if KEYS.iter().any(|(_, ks)| ks.iter().any(|(k, _)| k == key)) => warnings.push(format!(
                            "{path}: `[bindings.{lang}] {key}` is not a {lang} setting; ignored (upstream ignores it too)"
                        )),
                        // Left to serde, which names the key and the expected ones.
                        None => {}
                    }
                }
            }
        }
        let file: File = match File::deserialize(toml::Value::Table(table)) {
            Ok(f) => f,
            Err(e) => bail!("{path}: invalid configuration: {}", e.to_string().trim_end()),
        };
        let b = file.bindings;
        Ok(Config {
            kotlin: b.kotlin.unwrap_or_default(),
            swift: b.swift.unwrap_or_default(),
            python: b.python.unwrap_or_default(),
            js: b.js.unwrap_or_default(),
            async_: b.async_.unwrap_or_default(),
            warnings,
            refused,
        })
    }
}
