//! Reads the IR's types from other components (crates) and the `[bindings.python]` config;
//! produces the `import` lines of their Python modules and the error converters of their
//! objects thrown here. (Their hints and converters are in `types.rs`.)

use crate::ir::Module;

use super::object::thrown_objects;
use super::options::PyCx;
use super::types::{error_converter, PyType};

/// The `import` statement of every component this module uses types from, sorted.
/// `[bindings.python] external_packages = { <namespace> = "<module path>" }` overrides
/// the default plain `import <namespace>`: `"."` or `".<namespace>"` imports it relative to
/// this module's package, `"pkg.<namespace>"` from that package.
pub fn imports(cx: &PyCx<'_>) -> Vec<String> {
    let mut namespaces: Vec<&String> = cx.external.values().collect();
    namespaces.sort();
    namespaces.dedup();
    namespaces
        .into_iter()
        .map(|ns| {
            let path = cx.external_packages.get(ns).map(String::as_str).unwrap_or("");
            let path = if path.is_empty() { ns.as_str() } else if path == "." { "" } else { path };
            let alias = |last: &str| if last == ns { String::new() } else { format!(" as {ns}") };
            match path.rsplit_once('.') {
                _ if path.is_empty() => format!("from . import {ns}"),
                Some((head, last)) => {
                    let head = if head.is_empty() { "." } else { head };
                    format!("from {head} import {last}{}", alias(last))
                }
                None => format!("import {path}{}", alias(path)),
            }
        })
        .collect()
}

/// `(error converter, converter, hint)` of each object of another component this module's
/// callables throw: read out of the error buffer through the local converter of that type.
pub fn error_converters(m: &Module, cfg: &PyCx<'_>) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = thrown_objects(m)
        .filter(|t| !m.objects.iter().any(|o| Some(o.name.as_str()) == t.user_name()))
        .map(|t| {
            let py = PyType::of(t, cfg);
            (error_converter(t), py.converter, py.hint)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}
