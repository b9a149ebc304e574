//! Reads the `[bindings.kotlin]` keys and the IR module; produces the runtime choices the
//! templates render (`kotlin_target_version`, `disable_java_cleaner`, `android`,
//! `android_cleaner`; what cannot be generated here is refused, naming the key and the file), and
//! [`Names`], the per-render context every other module takes (the config, which types are
//! errors, external packages, default-constructible objects).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{bail, Result};
use camino::Utf8Path;

use super::external;
use super::names;
use crate::config::LangConfig;
use crate::ir::Module;

/// What naming needs to know about the module: the config, which types are errors and which
/// are defined by another component. Names arrive renamed from the IR (`[bindings.kotlin.rename]`).
pub struct Names<'a> {
    pub cfg: &'a LangConfig,
    errors: BTreeSet<String>,
    /// Rust name of each external type -> the Kotlin package of the component defining it.
    pub external: BTreeMap<String, String>,
    /// Objects of this module whose primary constructor takes no argument (or only defaulted
    /// ones): `Name()` is their `#[uniffi(default)]`, as upstream renders it.
    pub default_objects: BTreeSet<String>,
}

impl<'a> Names<'a> {
    pub fn new(m: &Module, cfg: &'a LangConfig) -> Self {
        let mut errors: BTreeSet<String> =
            m.enums.iter().filter(|e| e.is_error).map(|e| e.name.clone()).collect();
        // Objects used as errors (`Result<_, Arc<ApiError>>`) are exceptions too.
        let callables = m.functions.iter().chain(
            m.objects.iter().flat_map(|o| o.constructors.iter().chain(o.methods.iter())),
        );
        // So are external types thrown here (their own component names them the same way),
        // and those their own component's library uses as errors anywhere.
        errors.extend(callables.filter_map(|c| c.throws.as_ref()?.user_name().map(str::to_owned)));
        errors.extend(m.external_types.iter().filter(|e| e.is_error).filter_map(|e| e.ty.user_name().map(str::to_owned)));
        let external = external::packages(m, cfg);
        let default_objects = m
            .objects
            .iter()
            .filter(|o| {
                o.constructors.iter().any(|c| {
                    matches!(c.kind, crate::ir::CallableKind::Constructor { primary: true, .. })
                        && !c.is_async()
                        && c.args.iter().all(|a| a.default.is_some())
                })
            })
            .map(|o| o.name.clone())
            .collect();
        Names { cfg, errors, external, default_objects }
    }

    /// `import` targets of the external types (`uniffi.geometry.Point`), sorted.
    pub fn external_imports(&self) -> Vec<String> {
        self.external.iter().map(|(name, pkg)| format!("{pkg}.{}", self.class(name))).collect()
    }

    /// Whether the Rust type `rust` is used as an error.
    pub fn is_error(&self, rust: &str) -> bool {
        self.errors.contains(rust)
    }

    /// The Kotlin class name of a user type ([`names::user_class`]).
    pub fn class(&self, rust: &str) -> String {
        names::user_class(rust, self.errors.contains(rust))
    }
}

/// Upstream 0.32's runtime choices, as the templates read them.
pub struct KtOptions {
    /// `kotlin_target_version` >= 1.9 (upstream: `use_enum_entries`): flat enums are read
    /// through `entries`; below, or unset as upstream's default, through `values()`.
    pub enum_entries: bool,
    /// `disable_java_cleaner`: objects are released through JNA's `Cleaner` rather than
    /// `java.lang.ref.Cleaner` (JDK 9+, not on older Android).
    pub jna_cleaner: bool,
}

/// Parses `major[.minor[.patch]]` as upstream does.
fn version(v: &str) -> Option<(u16, u16, u16)> {
    let mut parts = v.split('.').map(|p| p.parse::<u16>().ok());
    let major = parts.next()??;
    let minor = parts.next().unwrap_or(Some(0))?;
    let patch = parts.next().unwrap_or(Some(0))?;
    parts.next().is_none().then_some((major, minor, patch))
}

pub fn options(cfg: &LangConfig, path: &Utf8Path) -> Result<KtOptions> {
    // `android = true` only makes `android_cleaner` default to true (upstream).
    if cfg.android_cleaner.unwrap_or(cfg.android == Some(true)) && cfg.disable_java_cleaner != Some(true) {
        let key = if cfg.android_cleaner.is_some() { "android_cleaner" } else { "android" };
        bail!(
            "{path}: `[bindings.kotlin] {key} = true` selects Android's `android.system.SystemCleaner` \
             (Android SDK classes, which this generator cannot compile and test); remove it, set \
             `android_cleaner = false`, or set `disable_java_cleaner = true` (JNA's cleaner, which \
             works on Android too)"
        );
    }
    let enum_entries = match &cfg.kotlin_target_version {
        None => false,
        Some(v) => match version(v) {
            Some(v) => v >= (1, 9, 0),
            None => bail!(
                "{path}: `[bindings.kotlin] kotlin_target_version = \"{v}\"` is not a version \
                 (`major[.minor[.patch]]`, e.g. \"1.9.0\")"
            ),
        },
    };
    Ok(KtOptions { enum_entries, jna_cleaner: cfg.disable_java_cleaner == Some(true) })
}

#[cfg(test)]
mod tests {
    // Not `super::`: tests/layout.rs reads `super` from this file as the backend's mod.rs.
    use crate::kotlin::options::version;

    #[test]
    fn versions_parse_as_upstream() {
        assert_eq!(version("1.2.3"), Some((1, 2, 3)));
        assert_eq!(version("2.3"), Some((2, 3, 0)));
        assert_eq!(version("2"), Some((2, 0, 0)));
        assert_eq!(version("2."), None);
        assert_eq!(version(""), None);
        assert_eq!(version("A.B.C"), None);
        assert_eq!(version("1.2.3.4"), None);
    }
}
