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
    /// Renames: Rust name (`Type`, `fn`, `Type.method`) -> foreign name.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Custom type conversions, per custom type name.
    #[serde(default)]
    pub custom_types: BTreeMap<String, CustomTypeConfig>,
    /// Upstream keys we accept for compatibility and do not act on yet.
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
    #[serde(default)]
    pub dispatch: BTreeMap<String, String>,
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

impl Config {
    /// Reads and parses `path`. Unknown keys in our sections are errors naming the key.
    pub fn load(path: &Utf8Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("{path}: cannot read"))?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Utf8Path) -> Result<Self> {
        let file: File = match toml::from_str(text) {
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
        })
    }
}
