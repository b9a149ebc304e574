//! Reads the source tree (src/, templates/, README.md); checks the layout rules a maintainer
//! relies on: no import cycles between modules, the same module files in every backend, the
//! same template stems for shared concepts, `//!` headers, and file size limits.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const LANGS: [&str; 4] = ["js", "kotlin", "python", "swift"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `src/a/b.rs` -> `crate::a::b`; `src/a/mod.rs` -> `crate::a`; `src/lib.rs` -> `crate`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut segs: Vec<String> = vec!["crate".into()];
    segs.extend(rel.iter().map(|s| s.to_string_lossy().into_owned()));
    if matches!(segs.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        segs.pop();
    }
    segs
}

/// The code a module's imports are read from: comments dropped, and the `#[cfg(test)]` part
/// (by convention at the end of a file; its `super` is the file itself) left out.
fn strip_comments(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Expands one `use` tree (`a::{b, c::{d, self}}`) into full paths.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else { return vec![tree] };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len() - 1];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand_use(p).into_iter().map(move |q| if q == "self" { prefix.trim_end_matches("::").to_string() } else { format!("{prefix}{q}") }))
        .collect()
}

/// The paths a file names: its `use` trees and every inline `crate::`/`super::`/`self::` path,
/// plus bare paths through the child modules it declares.
fn named_paths(text: &str) -> Vec<String> {
    let text = strip_comments(text);
    let mut paths = Vec::new();
    let mut children = BTreeSet::new();
    for stmt in text.split(';') {
        let s = stmt.trim_start();
        let s = s.strip_prefix("pub(crate) ").or_else(|| s.strip_prefix("pub ")).unwrap_or(s);
        if let Some(tree) = s.strip_prefix("use ") {
            paths.extend(expand_use(tree.trim()));
        } else if let Some(name) = s.strip_prefix("mod ") {
            children.insert(name.trim().to_string());
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_ident(chars[i]) && (i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':')) {
            let start = i;
            while i < chars.len() && (is_ident(chars[i]) || (chars[i] == ':' && chars.get(i + 1) == Some(&':'))) {
                i += if chars[i] == ':' { 2 } else { 1 };
            }
            let path: String = chars[start..i].iter().collect();
            let first = path.split("::").next().unwrap();
            // `super::{a, b}` is read from the use tree above; the bare `super::` prefix is no path.
            if path.contains("::") && !path.ends_with("::") && (matches!(first, "crate" | "super" | "self") || children.contains(first)) {
                paths.push(if children.contains(first) { format!("self::{path}") } else { path });
            }
        } else {
            i += 1;
        }
    }
    paths
}

/// `pub use` re-exports of a file: the exported name -> the path it names.
fn reexports(text: &str) -> BTreeMap<String, String> {
    let text = strip_comments(text);
    let mut out = BTreeMap::new();
    for stmt in text.split(';') {
        let s = stmt.trim_start();
        let Some(tree) = s.strip_prefix("pub use ").or_else(|| s.strip_prefix("pub(crate) use ")) else { continue };
        for path in expand_use(tree.trim()) {
            let (path, name) = match path.split_once(" as ") {
                Some((p, n)) => (p.to_string(), n.to_string()),
                None => (path.clone(), path.rsplit("::").next().unwrap().to_string()),
            };
            out.insert(name, path);
        }
    }
    out
}

/// Whether a file defines a top-level item `name`.
fn defines(text: &str, name: &str) -> bool {
    ["struct", "enum", "fn", "type", "trait", "const", "static", "mod"].iter().any(|kw| {
        text.contains(&format!("pub {kw} {name} ")) || text.contains(&format!("pub {kw} {name}<")) || text.contains(&format!("pub {kw} {name}("))
    })
}

/// Resolves `path`, named from module `me`, to the module that defines what it names,
/// following `pub use` re-exports.
fn resolve(path: &str, me: &[String], modules: &BTreeMap<Vec<String>, (PathBuf, BTreeMap<String, String>)>, depth: usize) -> Option<Vec<String>> {
    let mut here = me.to_vec();
    let mut rest: Vec<String> = Vec::new();
    for (k, seg) in path.split("::").enumerate() {
        match seg {
            "crate" if k == 0 => here = vec!["crate".into()],
            "self" if k == 0 => {}
            "super" => {
                here.pop();
            }
            s => rest.push(s.to_string()),
        }
    }
    let mut full = here;
    full.extend(rest);
    let n = (1..=full.len()).rev().find(|n| modules.contains_key(&full[..*n]))?;
    let module = full[..n].to_vec();
    if let (Some(item), true) = (full.get(n), depth < 8) {
        if let Some(target) = modules[&module].1.get(item) {
            return resolve(target, &module, modules, depth + 1).or(Some(module));
        }
        // `pub use x::*`: the glob's module, when it defines the item.
        if let Some(glob) = modules[&module].1.get("*") {
            let from = resolve(glob.trim_end_matches("::*"), &module, modules, depth + 1)?;
            if defines(&fs::read_to_string(&modules[&from].0).unwrap(), item) {
                return Some(from);
            }
        }
    }
    Some(module)
}

/// Module-level import graph of `src/`: an edge A -> B when A names B or an item defined in B
/// (an item re-exported by `pub use` counts as defined where it is defined).
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<Vec<String>, (PathBuf, BTreeMap<String, String>)> = files
        .iter()
        .map(|f| (module_path(&src, f), (f.clone(), reexports(&fs::read_to_string(f).unwrap()))))
        .collect();
    let mut graph = BTreeMap::new();
    for (me, (file, _)) in &modules {
        let mut edges = BTreeSet::new();
        let text = fs::read_to_string(file).unwrap();
        for path in named_paths(&text) {
            // A file's own re-exports are not uses of the module they name.
            if let Some(t) = resolve(&path, me, &modules, 0) {
                if &t != me && !reexports(&text).values().any(|p| *p == path) {
                    edges.insert(t.join("::"));
                }
            }
        }
        graph.insert(me.join("::"), edges);
    }
    graph
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let graph = import_graph();
    // Depth-first search for a cycle, reporting the first one found.
    fn visit(n: &str, g: &BTreeMap<String, BTreeSet<String>>, stack: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(pos) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[pos..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        if let Some(c) = visit(n, &graph, &mut Vec::new(), &mut done) {
            cycles.push(c.join(" -> "));
            // Mark the cycle's nodes done so each cycle is reported once.
            done.extend(c);
        }
    }
    assert!(cycles.is_empty(), "import cycles in src/:\n  {}", cycles.join("\n  "));
}

#[test]
fn the_cycle_check_sees_use_trees_and_inline_paths() {
    let paths = named_paths("mod names;\nuse super::{types::{self, Conv}, Cx};\nfn f() { crate::ir::Type::U8; names::escape(x) }\n#[cfg(test)]\nmod tests { use super::Hidden; }");
    assert!(!paths.iter().any(|p| p == "super::" || p.contains("Hidden")), "{paths:?}");
    assert!(paths.contains(&"super::types".to_string()), "{paths:?}");
    assert!(paths.contains(&"super::types::Conv".to_string()), "{paths:?}");
    assert!(paths.contains(&"super::Cx".to_string()), "{paths:?}");
    assert!(paths.contains(&"crate::ir::Type::U8".to_string()), "{paths:?}");
    assert!(paths.contains(&"self::names::escape".to_string()), "{paths:?}");
}

fn file_names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn every_backend_has_the_same_module_files() {
    let sets: Vec<(&str, BTreeSet<String>)> = LANGS.iter().map(|l| (*l, file_names(&root().join("src").join(l)))).collect();
    let all: BTreeSet<String> = sets.iter().flat_map(|(_, s)| s.iter().cloned()).collect();
    let missing: Vec<String> = sets
        .iter()
        .flat_map(|(l, s)| all.difference(s).map(move |f| format!("src/{l}/{f}")))
        .collect();
    assert!(missing.is_empty(), "every backend has the same module files; missing: {missing:?}");
}

#[test]
fn every_rust_file_starts_with_a_module_doc_and_stays_under_500_lines() {
    let mut files = Vec::new();
    for dir in ["src", "xtask/src", "runtime"] {
        rust_files(&root().join(dir), &mut files);
    }
    files.retain(|f| !f.components().any(|c| c.as_os_str() == "target"));
    let mut bad = Vec::new();
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        let rel = f.strip_prefix(root()).unwrap().display().to_string();
        if !text.starts_with("//!") {
            bad.push(format!("{rel}: does not start with a `//!` line"));
        }
        let n = text.lines().count();
        if n > 500 {
            bad.push(format!("{rel}: {n} lines (limit 500)"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Template stems (file names without the extension; `x.d.ts` is `x`).
fn stems(lang: &str) -> BTreeSet<String> {
    file_names(&root().join("templates").join(lang))
        .into_iter()
        .map(|f| f.split('.').next().unwrap().to_string())
        .collect()
}

#[test]
fn templates_share_stems_and_language_only_ones_are_in_the_readme_table() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let per_lang: Vec<(&str, BTreeSet<String>)> = LANGS.iter().map(|l| (*l, stems(l))).collect();
    let mut bad = Vec::new();
    for (l, s) in &per_lang {
        for stem in s {
            let everywhere = per_lang.iter().all(|(_, o)| o.contains(stem));
            if !everywhere && !readme.contains(&format!("`{stem}`")) {
                bad.push(format!("templates/{l}/{stem}.*: only in some languages and not in the README's layout table"));
            }
        }
    }
    let mut long = Vec::new();
    for l in LANGS {
        for f in file_names(&root().join("templates").join(l)) {
            let n = fs::read_to_string(root().join("templates").join(l).join(&f)).unwrap().lines().count();
            if n > 300 {
                long.push(format!("templates/{l}/{f}: {n} lines (limit 300)"));
            }
        }
    }
    bad.extend(long);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
