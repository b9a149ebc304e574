//! Reads the `[bindings.kotlin]` keys that change the runtime (`kotlin_target_version`,
//! `disable_java_cleaner`, `android`, `android_cleaner`); produces the choices the templates
//! render, or refuses what cannot be generated here, naming the key and the file.

use anyhow::{bail, Result};
use camino::Utf8Path;

use crate::config::LangConfig;

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
    use super::version;

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
