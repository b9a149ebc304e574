//! Reads the module's external types (types other crates define) and the `[bindings.js]
//! external_packages` key; produces the modules this one imports them from (converters in the
//! `.js`, types in the `.d.ts`), and the list of this module's own converters it exports for
//! modules that use its types as external types.

use std::collections::BTreeMap;

use crate::config::LangConfig;
use crate::ir::{Module, Type};

use super::types::JsType;

/// Another generated module whose types this one uses.
pub struct JsExternal {
    /// Its namespace (`geometry`).
    pub namespace: String,
    /// The import specifier: `./geometry.js`, or `[bindings.js] external_packages`.
    pub specifier: String,
    /// `UniffiConverterTypePoint, UniffiConverterTypeUnit`.
    pub converters: String,
    /// `Point, Unit`.
    pub types: String,
}


/// The external types grouped by defining module, in namespace order. A module is imported
/// from `[bindings.js] external_packages` (keyed by namespace or crate name) or from beside
/// this one (`./<namespace>.js`).
pub fn externals(m: &Module, cfg: &LangConfig) -> Vec<JsExternal> {
    let mut by_ns: BTreeMap<&str, (Vec<String>, Vec<String>, &str)> = BTreeMap::new();
    for e in &m.external_types {
        let t = JsType::of(&e.ty, cfg);
        let entry = by_ns.entry(&e.namespace).or_insert_with(|| (vec![], vec![], &e.crate_name));
        entry.0.push(t.converter);
        entry.1.push(t.ts);
    }
    by_ns
        .into_iter()
        .map(|(ns, (mut converters, mut types, crate_name))| {
            converters.sort();
            types.sort();
            let specifier = cfg
                .external_packages
                .get(ns)
                .or_else(|| cfg.external_packages.get(crate_name))
                .cloned()
                .unwrap_or_else(|| format!("./{ns}.js"));
            let specifier = format!("'{}'", specifier.replace('\\', "\\\\").replace('\'', "\\'"));
            JsExternal { namespace: ns.to_owned(), specifier, converters: converters.join(", "), types: types.join(", ") }
        })
        .collect()
}

/// `UniffiConverterTypePoint, ...`: the converters of every user type this module defines.
pub fn exported_converters(m: &Module, cfg: &LangConfig) -> String {
    let mut names: Vec<String> = m
        .all_types
        .iter()
        .filter(|t| {
            matches!(t, Type::Record(_) | Type::Enum(_) | Type::Object { .. } | Type::CallbackInterface(_) | Type::Custom { .. })
        })
        .filter(|t| !m.external_types.iter().any(|e| e.ty.canonical_name() == t.canonical_name()))
        .map(|t| JsType::of(t, cfg).converter)
        .collect();
    names.sort();
    names.dedup();
    names.join(", ")
}

