//! Reads Rust (IR) names; produces the Python identifier of every item the module declares:
//! the case (upstream UniFFI 0.32's), and the escape of names that would break the module
//! ([`escape`]: Python's reserved words, [`KEYWORDS`], and the generated code's own names,
//! [`MODULE_RESERVED`], [`PARAM_RESERVED`], [`PRIVATE_PREFIXES`]).
//!
//! Upstream's rule, kept here: a name that is a Python keyword (`keyword.kwlist`) gets a
//! leading underscore (`class` -> `_class`, `None` -> `_None`). The same escape applies to a
//! name that would shadow something the generated code itself relies on: at module level the
//! modules it imports and its public runtime names (`InternalError`, `uniffi_set_event_loop`,
//! ...); for parameters the names a generated body uses (`self`, `typing`, ...). Every private
//! helper of the module is `_uniffi`/`_Uniffi`/`_UNIFFI`-prefixed, so no user name can collide
//! with one (UniFFI's case conversions drop leading underscores).
//!
//! Builtins are never escaped (upstream keeps a function called `isinstance` or a type called
//! `ValueError`): the generated code instead refers to every builtin it uses through a private
//! alias bound by `from builtins import isinstance as _uniffi_isinstance` before any user item
//! ([`BUILTIN_ALIASES`], [`builtin_imports`]), and public hints name a builtin type through
//! its alias only when an item of the module takes its name ([`shadowed_hint_builtins`]).
//!
//! A stream object (`[bindings.async] streams`) also has the methods in [`STREAM_MEMBERS`]
//! (`__aiter__`, `__anext__`, `aclose`): a method of it with one of those names is refused.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Python's `keyword.kwlist` (3.8 to 3.13; `__peg_parser__` was one in 3.9).
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "__peg_parser__", "and", "as", "assert", "async", "await", "break",
    "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
];

/// Module-level names the generated module binds itself: the modules it imports and its public
/// runtime API. A user's top-level function or type with one of these names would replace
/// them. (Builtins are not escaped, as upstream: the module reaches them through aliases.)
pub const MODULE_RESERVED: &[&str] = &[
    // imports
    "annotations", "asyncio", "atexit", "builtins", "concurrent", "ctypes", "datetime", "enum",
    "functools", "inspect", "os", "struct", "sys", "threading", "typing", "weakref",
    // public runtime API
    "InternalError", "uniffi_set_offload_executor", "uniffi_live_polls", "uniffi_set_event_loop",
    "uniffi_live_handles",
];

/// Methods a stream object's class adds (`[bindings.async] streams`), which a method of that
/// object must not take: the generator refuses the stream.
pub const STREAM_MEMBERS: &[&str] = &["__aiter__", "__anext__", "aclose"];

/// Names a generated function or method body uses while its parameters are in scope.
pub const PARAM_RESERVED: &[&str] = &["self", "cls", "typing", "ctypes", "asyncio"];

/// The prefixes of every private name the generated module defines (helpers, converters,
/// runtime types, locals: `_uniffi_call`, `_UniffiRustBuffer`, `_UNIFFI_DEFAULT`). A user's
/// name never starts with `_` (UniFFI's case conversions drop leading underscores) except
/// through [`escape`], and no escaped reserved word is a private name (the test below checks
/// the templates; only it reads this list).
#[cfg_attr(not(test), allow(dead_code))]
pub const PRIVATE_PREFIXES: &[&str] = &["_uniffi", "_Uniffi", "_UNIFFI"];

/// Escapes a reserved word: a Python keyword, or one of `reserved` (the names the generated
/// code binds where the name is declared), gets a leading underscore; any other name is kept.
pub fn escape(name: String, reserved: &[&str]) -> String {
    if KEYWORDS.contains(&name.as_str()) || reserved.contains(&name.as_str()) {
        format!("_{name}")
    } else {
        name
    }
}

/// A class, protocol, custom-type alias or other module-level type name (`UpperCamelCase`).
pub fn type_name(rust: &str) -> String {
    escape(rust.to_upper_camel_case(), MODULE_RESERVED)
}

/// A module-level function.
pub fn function_name(rust: &str) -> String {
    escape(rust.to_snake_case(), MODULE_RESERVED)
}

/// A method or constructor of a class.
pub fn method_name(rust: &str) -> String {
    escape(rust.to_snake_case(), &[])
}

/// A function, method or constructor parameter.
pub fn param_name(rust: &str) -> String {
    escape(rust.to_snake_case(), PARAM_RESERVED)
}

/// Names the generated `__init__` of a record or variant uses while its fields are in scope.
const FIELD_RESERVED: &[&str] = &["self"];

/// A record or variant field (an attribute and a keyword parameter of `__init__`).
pub fn field_name(rust: &str) -> String {
    escape(rust.to_snake_case(), FIELD_RESERVED)
}

/// An enum member (`SHOUTY_SNAKE`) or, for errors, the variant class (`UpperCamel`).
pub fn variant_name(rust: &str, is_error: bool) -> String {
    if is_error {
        escape(rust.to_upper_camel_case(), &[])
    } else {
        escape(rust.to_shouty_snake_case(), &[])
    }
}

/// What the generated code prefixes a builtin's name with to refer to it (`_uniffi_int`).
pub const BUILTIN_ALIAS_PREFIX: &str = "_uniffi_";

/// Every builtin the templates and generated snippets refer to (always through its alias,
/// `_uniffi_<name>`): a user item may take any of these names at module level (a function
/// `isinstance`, a type `ValueError`) or in a class body (a method `int`).
pub const BUILTIN_ALIASES: &[&str] = &[
    "AttributeError", "BaseException", "BlockingIOError", "Exception", "KeyError", "NotImplemented",
    "NotImplementedError", "OSError", "RuntimeError", "StopAsyncIteration", "TypeError", "ValueError",
    "abs", "bool", "bytearray", "bytes", "classmethod", "dict", "divmod", "enumerate", "float", "getattr", "int",
    "isinstance", "iter", "len", "list", "memoryview", "object", "range", "repr", "set",
    "staticmethod", "str", "sum", "tuple", "type", "zip",
];

/// Python's capitalized builtins (3.11 to 3.13): the names a user type (`UpperCamelCase`) can share
/// with a builtin. mypy resolves a class-body annotation naming one to the builtin while the
/// user's class is not declared yet (see `order` in mod.rs).
pub const BUILTIN_CLASS_NAMES: &[&str] = &[
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
    "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception",
    "ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
    "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
    "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError",
    "MemoryError", "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplemented",
    "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError",
    "ProcessLookupError", "PythonFinalizationError", "RecursionError", "ReferenceError",
    "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration",
    "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError",
    "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
    "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning",
    "ZeroDivisionError",
];

/// The builtin types a public hint may name (`int`, `list[str]`, `tuple[int, str]`, ...).
const HINT_BUILTINS: &[&str] = &["bool", "bytes", "dict", "float", "int", "list", "set", "str", "tuple"];

/// The builtin types of [`HINT_BUILTINS`] that an item of `m` takes as its Python name (at
/// module level or in a class body, where it would change what the hint means).
pub fn shadowed_hint_builtins(m: &crate::ir::Module) -> std::collections::BTreeSet<&'static str> {
    let mut taken: Vec<String> = Vec::new();
    let callables = |cs: &[crate::ir::Callable], taken: &mut Vec<String>| {
        for c in cs {
            taken.push(method_name(&c.name));
            taken.extend(c.args.iter().map(|a| param_name(&a.name)));
        }
    };
    let fields = |fs: &[crate::ir::Field], taken: &mut Vec<String>| {
        taken.extend(fs.iter().map(|f| field_name(&f.name)));
    };
    callables(&m.functions, &mut taken);
    for o in &m.objects {
        callables(&o.constructors, &mut taken);
        callables(&o.methods, &mut taken);
        if let Some(f) = &o.foreign {
            callables(&f.methods, &mut taken);
        }
    }
    for c in &m.callback_interfaces {
        callables(&c.foreign.methods, &mut taken);
    }
    for r in &m.records {
        callables(&r.methods, &mut taken);
        fields(&r.fields, &mut taken);
    }
    for e in &m.enums {
        callables(&e.methods, &mut taken);
        for v in &e.variants {
            fields(&v.fields, &mut taken);
        }
    }
    HINT_BUILTINS.iter().copied().filter(|b| taken.iter().any(|t| t == b)).collect()
}

/// The `from builtins import X as _uniffi_X` lines `code` needs: one per alias it uses, in the
/// order isort wants (classes, then functions; each alphabetical).
pub fn builtin_imports(code: &str) -> Vec<String> {
    let mut used = std::collections::BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find(BUILTIN_ALIAS_PREFIX) {
        let before = code.len() - rest.len() + at;
        let ident_start = before == 0 || !code[..before].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let tail = &rest[at + BUILTIN_ALIAS_PREFIX.len()..];
        let end = tail.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(tail.len());
        if ident_start && BUILTIN_ALIASES.contains(&&tail[..end]) {
            used.insert(&tail[..end]);
        }
        rest = &tail[end..];
    }
    let mut used: Vec<&str> = used.into_iter().collect();
    used.sort_by_key(|n| (n.starts_with(char::is_lowercase), *n));
    used.into_iter().map(|n| format!("from builtins import {n} as {BUILTIN_ALIAS_PREFIX}{n}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_get_a_leading_underscore() {
        assert_eq!(function_name("if"), "_if");
        assert_eq!(function_name("lambda"), "_lambda");
        assert_eq!(param_name("class"), "_class");
        assert_eq!(field_name("yield"), "_yield");
        assert_eq!(type_name("none"), "_None");
        assert_eq!(variant_name("True", true), "_True");
        assert_eq!(variant_name("none", false), "NONE");
        assert_eq!(method_name("await"), "_await");
    }

    #[test]
    fn names_the_module_uses_are_escaped_where_they_would_shadow_it() {
        assert_eq!(function_name("typing"), "_typing");
        assert_eq!(type_name("internal_error"), "_InternalError");
        assert_eq!(type_name("ValueError"), "ValueError");
        assert_eq!(param_name("self"), "_self");
        assert_eq!(param_name("ctypes"), "_ctypes");
        // Methods and fields live in a class namespace: module names are fine there.
        assert_eq!(method_name("typing"), "typing");
        assert_eq!(field_name("len"), "len");
        assert_eq!(function_name("fetch_all"), "fetch_all");
        // Builtins keep their names (as upstream): the module reaches them through aliases.
        assert_eq!(function_name("isinstance"), "isinstance");
        assert_eq!(param_name("int"), "int");
        assert_eq!(field_name("super"), "super");
    }

    #[test]
    fn no_escaped_reserved_word_is_a_private_name_of_the_module() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/python");
        let mut private = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if PRIVATE_PREFIXES.iter().any(|p| word.starts_with(p)) {
                    private.insert(word.to_owned());
                }
            }
        }
        assert!(private.contains("_uniffi_call") && private.contains("_UniffiRustBuffer"), "{private:?}");
        for word in KEYWORDS.iter().chain(MODULE_RESERVED).chain(PARAM_RESERVED).chain(FIELD_RESERVED) {
            let escaped = escape((*word).to_owned(), &[word]);
            assert!(!private.contains(&escaped), "escaped `{word}` is the module's own `{escaped}`");
        }
    }

    #[test]
    fn builtin_imports_lists_the_aliases_used_in_isort_order() {
        let code = "x: _uniffi_int = _uniffi_len(y)\nraise _uniffi_ValueError(_uniffi_into)\n__uniffi_str";
        assert_eq!(
            builtin_imports(code),
            [
                "from builtins import ValueError as _uniffi_ValueError",
                "from builtins import int as _uniffi_int",
                "from builtins import len as _uniffi_len",
            ]
        );
    }

    /// The code of a template with its Jinja tags, comments and string literals blanked out.
    fn python_code(template: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        let mut quote: Option<&str> = None;
        while let Some(c) = rest.chars().next() {
            if let Some(end) = ["{{", "{%", "{#"].iter().position(|t| rest.starts_with(t)).map(|i| ["}}", "%}", "#}"][i]) {
                rest = rest.find(end).map_or("", |at| &rest[at + 2..]);
                out.push(' ');
                continue;
            }
            match quote {
                Some(_) if c == '\\' => {
                    let mut escaped = rest.chars();
                    escaped.next();
                    escaped.next();
                    rest = escaped.as_str();
                }
                Some(q) if rest.starts_with(q) => {
                    rest = &rest[q.len()..];
                    quote = None;
                }
                Some(_) => rest = &rest[c.len_utf8()..],
                None if c == '#' => rest = rest.find('\n').map_or("", |at| &rest[at..]),
                None if c == '"' || c == '\'' => {
                    let q = if rest.starts_with("\"\"\"") { "\"\"\"" } else if rest.starts_with("'''") { "'''" } else { &rest[..1] };
                    rest = &rest[q.len()..];
                    quote = Some(q);
                    out.push_str("\"\"");
                }
                None => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }

    #[test]
    fn templates_reach_builtins_only_through_their_aliases() {
        // Builtins a template might call or name: a bare one breaks when a user item takes it.
        let mut builtins: Vec<&str> = BUILTIN_ALIASES.to_vec();
        builtins.extend([
            "all", "any", "callable", "chr", "filter", "format", "frozenset", "hasattr", "hash", "hex",
            "id", "issubclass", "map", "max", "min", "next", "open", "ord", "print", "property",
            "reversed", "round", "setattr", "slice", "sorted", "super", "vars", "IndexError",
            "LookupError", "MemoryError", "OverflowError", "StopIteration", "TimeoutError",
        ]);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/python");
        let mut bare = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let code = python_code(&std::fs::read_to_string(&path).unwrap());
            let mut prev = ' ';
            let mut word = String::new();
            for (i, c) in code.char_indices().chain(std::iter::once((code.len(), ' '))) {
                if c.is_alphanumeric() || c == '_' {
                    word.push(c);
                    continue;
                }
                let start = i - word.len();
                let defined = code[..start].trim_end().ends_with("def") || code[..start].trim_end().ends_with("class");
                let keyword_arg = c == '=' && !code[i..].starts_with("==");
                if prev != '.' && !defined && !keyword_arg && builtins.contains(&word.as_str()) {
                    bare.push(format!("{}: `{word}`", path.file_name().unwrap().to_string_lossy()));
                }
                if !word.is_empty() {
                    prev = code[..start].chars().next_back().unwrap_or(' ');
                }
                word.clear();
                if !c.is_whitespace() {
                    prev = c;
                }
            }
        }
        assert!(bare.is_empty(), "bare builtins in templates/python (use `_uniffi_<name>`): {bare:?}");
    }
}
