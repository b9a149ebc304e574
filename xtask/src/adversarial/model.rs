//! Reads nothing: defines the adversarial fixture's vocabulary, the value types (with their Rust
//! sample values and Kotlin/Swift spellings), the reserved and generated-code words of each
//! language, the hostile docstrings, and the groups the crate is split into (one group can be
//! generated alone by excluding the items of every other group).

/// One value type of the `types` (or `sets`) group.
pub struct Ty {
    /// Snake-case id used in item names (`opt_u8` -> `make_opt_u8`, `ErrOptU8`).
    pub id: String,
    pub rust: String,
    /// A Rust expression building the sample value.
    pub sample: String,
    pub kotlin: String,
    pub swift: String,
}

/// Base types: (id, Rust type, Rust sample, Kotlin type, Swift type).
const BASES: &[(&str, &str, &str, &str, &str)] = &[
    ("u8", "u8", "250u8", "UByte", "UInt8"),
    ("i8", "i8", "-100i8", "Byte", "Int8"),
    ("u16", "u16", "65000u16", "UShort", "UInt16"),
    ("i16", "i16", "-30000i16", "Short", "Int16"),
    ("u32", "u32", "4_000_000_000u32", "UInt", "UInt32"),
    ("i32", "i32", "-2_000_000_000i32", "Int", "Int32"),
    ("u64", "u64", "u64::MAX", "ULong", "UInt64"),
    ("i64", "i64", "i64::MIN", "Long", "Int64"),
    ("f32", "f32", "1.5f32", "Float", "Float"),
    ("f64", "f64", "-2.25f64", "Double", "Double"),
    ("bool", "bool", "true", "Boolean", "Bool"),
    ("string", "String", "String::from(\"h\\u{e9}llo \\\"w\\\" \\u{1f30d} */ \\\"\\\"\\\" \\\\\")", "String", "String"),
    ("bytes", "Vec<u8>", "vec![0u8, 1, 255]", "ByteArray", "Data"),
    ("timestamp", "SystemTime", "UNIX_EPOCH + Duration::new(1_700_000_000, 500_000_000)", "java.time.Instant", "Date"),
    ("duration", "Duration", "Duration::new(3, 250_000_000)", "java.time.Duration", "TimeInterval"),
    ("rec", "Rec", "Rec { a: 1, b: String::from(\"r\") }", "Rec", "Rec"),
    ("flat", "Flat", "Flat::B", "Flat", "Flat"),
    ("tagged", "Tagged", "Tagged::One { x: 5 }", "Tagged", "Tagged"),
    ("obj", "Arc<Obj>", "Arc::new(Obj { value: 7 })", "Obj", "Obj"),
    ("cust", "Cust", "Cust(String::from(\"c\"))", "Cust", "Cust"),
];

/// Every value type in the `types` group: each base, and each base inside `Option`, `Vec` and
/// `HashMap<String, _>`, plus deeper nestings and a non-string map key.
pub fn types() -> Vec<Ty> {
    let mut out = Vec::new();
    for &(id, rust, sample, kt, sw) in BASES {
        out.push(ty(id, rust, sample, kt, sw));
    }
    for &(id, rust, sample, kt, sw) in BASES {
        out.push(ty(&format!("opt_{id}"), &format!("Option<{rust}>"), &format!("Some({sample})"), &format!("{kt}?"), &format!("{sw}?")));
        // `Vec<u8>` is UniFFI's bytes type.
        let (vec_kt, vec_sw) = if id == "u8" { ("ByteArray".into(), "Data".into()) } else { (format!("List<{kt}>"), format!("[{sw}]")) };
        out.push(ty(&format!("vec_{id}"), &format!("Vec<{rust}>"), &format!("vec![{sample}, {sample}]"), &vec_kt, &vec_sw));
        out.push(ty(
            &format!("map_{id}"),
            &format!("HashMap<String, {rust}>"),
            &format!("HashMap::from([(String::from(\"k\"), {sample})])"),
            &format!("Map<String, {kt}>"),
            &format!("[String: {sw}]"),
        ));
    }
    out.push(ty("opt_none", "Option<u32>", "None", "UInt?", "UInt32?"));
    out.push(ty("map_u32_key", "HashMap<u32, String>", "HashMap::from([(7u32, String::from(\"seven\"))])", "Map<UInt, String>", "[UInt32: String]"));
    out.push(ty(
        "deep",
        "Option<Vec<HashMap<String, Option<Rec>>>>",
        "Some(vec![HashMap::from([(String::from(\"a\"), Some(Rec { a: 2, b: String::new() })), (String::from(\"b\"), None)])])",
        "List<Map<String, Rec?>>?",
        "[[String: Rec?]]?",
    ));
    out.push(ty(
        "vec_opt_tagged",
        "Vec<Option<Tagged>>",
        "vec![Some(Tagged::Two(String::from(\"t\"))), None, Some(Tagged::Three)]",
        "List<Tagged?>",
        "[Tagged?]",
    ));
    out
}

/// The `sets` group: `HashSet` in each position (our generator refuses it today).
pub fn set_types() -> Vec<Ty> {
    vec![
        ty("set_string", "HashSet<String>", "HashSet::from([String::from(\"s\")])", "Set<String>", "Set<String>"),
        ty("set_u32", "HashSet<u32>", "HashSet::from([1u32, 2])", "Set<UInt>", "Set<UInt32>"),
        ty("opt_set_i64", "Option<HashSet<i64>>", "Some(HashSet::from([-1i64]))", "Set<Long>?", "Set<Int64>?"),
        ty("vec_set_string", "Vec<HashSet<String>>", "vec![HashSet::from([String::from(\"v\")])]", "List<Set<String>>", "[Set<String>]"),
    ]
}

fn ty(id: &str, rust: &str, sample: &str, kotlin: &str, swift: &str) -> Ty {
    Ty { id: id.into(), rust: rust.into(), sample: sample.into(), kotlin: kotlin.into(), swift: swift.into() }
}

/// A group of words: Rust snake-case names, used as function, argument, field, method, variant
/// and (upper-camel-cased) type names.
pub struct Words {
    /// Group name (`words_python`) and the prefix of its own items (`PyWords`, `py_words`).
    pub group: &'static str,
    pub camel: &'static str,
    pub snake: &'static str,
    pub words: Vec<&'static str>,
}

const PYTHON: &[&str] = &[
    // keywords (`false`/`true`/`none` become `False`/`True`/`None` as type and variant names)
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "false", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "none", "nonlocal", "not", "or", "pass", "raise", "return", "true", "try", "while",
    "with", "yield",
    // soft keywords
    "match", "case", "type",
    // what the generated module imports or uses from builtins
    "asyncio", "atexit", "concurrent", "ctypes", "os", "struct", "sys", "threading", "typing",
    "int", "str", "bytes", "bool", "float", "list", "dict", "len", "isinstance", "object",
    "print", "exception", "enum", "optional", "any", "lift", "lower", "read", "write",
    "check_lower", "allocation_size",
];

const KOTLIN: &[&str] = &[
    "do", "fun", "interface", "null", "object", "package", "super", "this", "throw",
    "typealias", "typeof", "val", "var", "when", "value", "companion", "init", "get", "set",
    "field", "it", "destroy", "close", "to_string", "hash_code", "equals", "copy", "component1",
    "pointer", "memory", "native", "structure", "callback", "disposable", "unit", "nothing",
    "result", "instant", "duration", "map", "uniffi_rust_buffer", "uniffi_clone_pointer",
    "runtime_exception", "throwable", "companion_object",
];

const SWIFT: &[&str] = &[
    "associatedtype", "catch", "default", "defer", "deinit", "extension", "fallthrough",
    "fileprivate", "func", "guard", "inout", "internal", "let", "operator", "private",
    "precedencegroup", "protocol", "public", "repeat", "rethrows", "self", "static",
    "subscript", "switch", "throws", "where", "nil", "some", "actor", "nonisolated", "isolated",
    "data", "date", "string", "error", "array", "dictionary", "task", "sendable", "equatable",
    "hashable", "rust_buffer", "foreign_bytes", "description", "hash", "foundation",
];

const JS: &[&str] = &[
    "arguments", "const", "debugger", "delete", "eval", "export", "extends", "function",
    "implements", "instanceof", "new", "protected", "void", "undefined", "then", "constructor",
    "prototype", "koffi", "value_of", "tag", "message", "name", "stack", "cause", "promise",
    "symbol", "big_int", "uint8_array", "abort_signal", "socket", "has_own_property",
];

/// The word groups, each word in the first group listing it.
pub fn word_groups() -> Vec<Words> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (group, camel, snake, list) in [
        ("words_python", "PyWords", "py_words", PYTHON),
        ("words_kotlin", "KtWords", "kt_words", KOTLIN),
        ("words_swift", "SwWords", "sw_words", SWIFT),
        ("words_js", "JsWords", "js_words", JS),
    ] {
        let words = list.iter().copied().filter(|w| seen.insert(*w)).collect();
        out.push(Words { group, camel, snake, words });
    }
    out
}

/// Every group, in run order. `sets` is only in the crate built with the `sets` feature.
pub fn groups() -> Vec<&'static str> {
    // The `types` family is split by position, so that a failure in one position does not
    // keep the others from running.
    let mut g = vec!["types", "types_payload", "types_foreign", "docs"];
    g.extend(word_groups().iter().map(|w| w.group));
    g.push("sets");
    g
}

/// Docstrings with every comment and string terminator of the four languages.
pub const DOCS: &[&str] = &[
    "Ends a block comment */ and opens one /* (nested in Kotlin and Swift).",
    "Python quotes: \"\"\" and ''' and a lone \" and '.",
    "Backslashes: \\ \\n \\t \\u0041 \\x41 \\N{DASH} \\U0001F600 and `backticks` ``` fenced ```.",
    "JS template: ${process.exit(1)} and </script> and -->",
    "Kotlin template: $name ${1 + 1} and @param bogus",
    "Swift interpolation: \\(oops) and #\"raw\"#",
    "Ends with a quote\"",
    "Ends with a backslash\\",
];

/// Rust keywords that need `r#` (and the ones that cannot be raw: spelled with a trailing `_`,
/// which UniFFI's case conversions drop again).
const RUST_STRICT: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try",
];
const RUST_NOT_RAW: &[&str] = &["self", "super", "crate"];

/// The word as a Rust identifier in value position (functions, arguments, fields, methods).
pub fn rust_value(word: &str) -> String {
    if RUST_NOT_RAW.contains(&word) {
        format!("{word}_")
    } else if RUST_STRICT.contains(&word) {
        format!("r#{word}")
    } else {
        word.into()
    }
}

/// The word as a Rust type or variant name (upper camel case), if it can be one.
pub fn rust_type(word: &str) -> Option<String> {
    let name = upper_camel(word);
    if name.is_empty() || name == "Self" {
        return None;
    }
    Some(name)
}

/// The words that can be type and variant names, with that name (upper camel case, distinct).
pub fn type_words(w: &Words) -> Vec<(&'static str, String)> {
    let mut seen = std::collections::BTreeSet::new();
    w.words.iter().filter_map(|word| rust_type(word).filter(|t| seen.insert(t.clone())).map(|t| (*word, t))).collect()
}

/// The docstring of the `i`th documented item: all lines, or just the last one.
pub fn doc(i: usize) -> String {
    let last = if i % 2 == 0 { DOCS[DOCS.len() - 2] } else { DOCS[DOCS.len() - 1] };
    if i % 3 == 0 {
        last.to_string()
    } else {
        let mut lines: Vec<&str> = DOCS[..DOCS.len() - 2].to_vec();
        lines.push(last);
        lines.join("\n")
    }
}

/// `to_string` -> `ToString` (words split at `_`, as UniFFI's case conversions do here).
pub fn upper_camel(snake: &str) -> String {
    snake
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// `to_string` -> `toString`.
pub fn lower_camel(snake: &str) -> String {
    let upper = upper_camel(snake);
    let mut c = upper.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversions_match_uniffi_for_our_names() {
        assert_eq!(upper_camel("map_u32_key"), "MapU32Key");
        assert_eq!(lower_camel("to_string"), "toString");
        assert_eq!(lower_camel("self_"), "self");
        assert_eq!(rust_value("type"), "r#type");
        assert_eq!(rust_value("self"), "self_");
        assert_eq!(rust_type("none").as_deref(), Some("None"));
    }

    #[test]
    fn words_are_distinct_across_groups() {
        let mut all: Vec<&str> = word_groups().iter().flat_map(|w| w.words.clone()).collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
