//! Reads the IR's external types (types another component of the library defines) and
//! `[bindings.kotlin] external_packages`; produces the Kotlin package each one is imported from.
//! Their converters (delegating to the defining package's) are `KtType`'s `external` kinds in
//! types.rs, rendered by `templates/kotlin/types.kt`.

use std::collections::BTreeMap;

use crate::config::LangConfig;
use crate::ir::Module;

/// Rust name of each external type -> the Kotlin package of the component defining it.
pub fn packages(m: &Module, cfg: &LangConfig) -> BTreeMap<String, String> {
    // `[bindings.kotlin] external_packages` maps a crate name (upstream's key) or a
    // namespace to the package; by default the defining component's `uniffi.<namespace>`.
    m.external_types
        .iter()
        .filter_map(|e| {
            let pkg = cfg
                .external_packages
                .get(&e.crate_name)
                .or_else(|| cfg.external_packages.get(&e.namespace))
                .cloned()
                .unwrap_or_else(|| format!("uniffi.{}", e.namespace));
            Some((e.ty.user_name()?.to_owned(), pkg))
        })
        .collect()
}
