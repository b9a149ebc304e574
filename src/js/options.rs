//! Reads the `[bindings.js]` keys (typed in `src/config.rs`'s `LangConfig`, which the other
//! modules take as is) and docstrings; produces what every module of the backend shares per
//! render: the custom types' `import` lines and the JSDoc blocks of every view.

use crate::backend::doc_lines;
use crate::config::LangConfig;

/// `import` lines from `[bindings.js.custom_types]`, sorted and deduplicated.
pub fn custom_imports(cfg: &LangConfig) -> Vec<String> {
    let mut imports: Vec<String> =
        cfg.custom_types.values().flat_map(|c| c.imports.iter().flatten().cloned()).collect();
    imports.sort();
    imports.dedup();
    imports
}

/// A JSDoc block (`/** ... */` plus newline), each line prefixed by `indent`; empty if there
/// is neither text nor tags.
pub fn jsdoc(doc: &str, indent: &str, tags: &[String]) -> String {
    let mut lines: Vec<String> = if doc.trim().is_empty() {
        Vec::new()
    } else {
        doc_lines(doc).into_iter().map(|l| l.replace("*/", "*\\/")).collect()
    };
    if !tags.is_empty() && !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(tags.iter().cloned());
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}/**\n");
    for l in lines {
        if l.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {l}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}
