//! Reads Rust (IR) names; produces the Python identifier of every item the module declares:
//! the case (upstream UniFFI 0.32's), and the escape of names that would break the module
//! ([`escape`]: Python's reserved words, [`KEYWORDS`], and the generated code's own names,
//! [`MODULE_RESERVED`], [`PARAM_RESERVED`], [`PRIVATE_PREFIXES`]); also the import lines of
//! the modules and builtins the generated code reaches through private aliases.
//!
//! Upstream's rule, kept here: a name that is a Python keyword (`keyword.kwlist`) gets a
//! leading underscore (`class` -> `_class`, `None` -> `_None`). The same escape applies to a
//! name that would shadow something the generated code itself binds: at module level its
//! public runtime names (`InternalError`, `uniffi_set_event_loop`, ...) and `annotations`; for
//! parameters `self` and `cls`. Every private helper of the module is
//! `_uniffi`/`_Uniffi`/`_UNIFFI`-prefixed, so no user name can collide with one (UniFFI's case
//! conversions drop leading underscores).
//!
//! Builtins and the standard-library modules the module imports are never escaped (upstream
//! keeps a function called `isinstance` or `asyncio`, a type called `ValueError`): the
//! generated code instead refers to every builtin it uses through a private alias bound by
//! `from builtins import isinstance as _uniffi_isinstance` before any user item
//! ([`BUILTIN_ALIASES`], [`builtin_imports`]), and to every module through
//! `import asyncio as _uniffi_asyncio` ([`MODULE_ALIASES`], [`module_imports`]). Public hints
//! and base classes name a builtin type or a module plainly (`int`, `typing.Protocol`) unless an
//! item of the module takes its name, and then through its alias ([`shadowed_names`]).
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

/// Module-level names the generated module binds itself: `annotations` (bound by
/// `from __future__ import annotations`, which mypy reports as redefined) and its public runtime
/// API. A user's top-level function or type with one of these names would replace them. (The
/// modules it imports and the builtins it uses are not escaped, as upstream: the module reaches
/// them through private aliases, [`MODULE_ALIASES`], [`BUILTIN_ALIASES`].)
pub const MODULE_RESERVED: &[&str] = &[
    "annotations",
    // public runtime API
    "InternalError", "uniffi_set_offload_executor", "uniffi_live_polls", "uniffi_set_event_loop",
    "uniffi_live_handles",
];

/// Every module the generated code imports, each bound only under its private alias
/// (`import asyncio as _uniffi_asyncio`; [`module_alias`]), so that a user item may take the
/// module's name (a function `asyncio`, a parameter `typing`). Public hints and base classes name
/// a module plainly (`datetime.datetime`, `typing.Protocol`) unless an item of the module takes
/// its name ([`shadowed_names`]); the plain `import` is emitted only when the code uses it
/// ([`module_imports`]).
pub const MODULE_ALIASES: &[&str] = &[
    "asyncio", "atexit", "concurrent.futures", "ctypes", "datetime", "enum", "functools", "inspect",
    "os", "struct", "sys", "threading", "typing", "weakref",
];

/// The private alias of an imported module (`_uniffi_asyncio`, `_uniffi_concurrent_futures`).
pub fn module_alias(module: &str) -> String {
    format!("{BUILTIN_ALIAS_PREFIX}{}", module.replace('.', "_"))
}

/// Methods a stream object's class adds (`[bindings.async] streams`), which a method of that
/// object must not take: the generator refuses the stream.
pub const STREAM_MEMBERS: &[&str] = &["__aiter__", "__anext__", "aclose"];

/// Names a generated function or method body uses while its parameters are in scope (modules
/// and builtins it reaches through their aliases, so a parameter `typing` keeps its name).
pub const PARAM_RESERVED: &[&str] = &["self", "cls"];

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

/// The builtin types of [`HINT_BUILTINS`] and the (top-level names of the) modules of
/// [`MODULE_ALIASES`] that an item of `m` takes as its Python name (at module level, in a class
/// body or as a parameter, where it would change what a hint means).
pub fn shadowed_names(m: &crate::ir::Module) -> std::collections::BTreeSet<&'static str> {
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
    let modules = MODULE_ALIASES.iter().map(|m| m.split('.').next().unwrap_or(m));
    HINT_BUILTINS.iter().copied().chain(modules).filter(|b| taken.iter().any(|t| t == b)).collect()
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

/// The `import` lines of the modules `code` uses: `import asyncio as _uniffi_asyncio` for each
/// alias it names, and `import datetime` for each module it names plainly (in a hint or a base
/// class; docstrings, comments and strings other than a cast's hint, where a module's name is
/// prose, do not count).
pub fn module_imports(code: &str) -> Vec<String> {
    let mut aliased = std::collections::BTreeSet::new();
    let mut plain = std::collections::BTreeSet::new();
    let bytes = code.as_bytes();
    // The quote of the `cast("<hint>", ...)` string `i` is in (its text counts).
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let c = bytes[i];
        let width = |s: &str| s.chars().next().map_or(1, char::len_utf8);
        match quote {
            Some(_) if c == b'\\' => {
                i += 1 + width(&rest[1..]);
                continue;
            }
            Some(q) if c == q || c == b'\n' => {
                quote = None;
                i += 1;
                continue;
            }
            Some(_) => {}
            None if rest.starts_with("\"\"\"") || rest.starts_with("'''") => {
                i += rest[3..].find(&rest[..3]).map_or(rest.len(), |end| end + 6);
                continue;
            }
            None if c == b'#' => {
                i += rest.find('\n').unwrap_or(rest.len());
                continue;
            }
            None if (c == b'"' || c == b'\'') && code[..i].ends_with("cast(") => {
                quote = Some(c);
                i += 1;
                continue;
            }
            None if c == b'"' || c == b'\'' => {
                // Any other one-line string is prose (a message), not code: skip it.
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != c && bytes[j] != b'\n' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = (j + 1).min(bytes.len());
                while !code.is_char_boundary(i) {
                    i += 1;
                }
                continue;
            }
            None => {}
        }
        if !(c.is_ascii_alphabetic() || c == b'_') {
            i += width(rest);
            continue;
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).unwrap_or(rest.len());
        let word = &rest[..end];
        if i == 0 || bytes[i - 1] != b'.' {
            for module in MODULE_ALIASES {
                let alias = module_alias(module);
                if word.starts_with(&format!("{alias}.")) {
                    aliased.insert(*module);
                } else if word.starts_with(&format!("{module}.")) {
                    plain.insert(*module);
                }
            }
        }
        i += end;
    }
    let mut lines: Vec<(String, String)> = plain.into_iter().map(|m| (m.to_owned(), format!("import {m}"))).collect();
    lines.extend(aliased.into_iter().map(|m| (m.to_owned(), format!("import {m} as {}", module_alias(m)))));
    lines.sort();
    lines.into_iter().map(|(_, line)| line).collect()
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
        assert_eq!(type_name("internal_error"), "_InternalError");
        assert_eq!(function_name("uniffi_set_event_loop"), "_uniffi_set_event_loop");
        assert_eq!(function_name("annotations"), "_annotations");
        assert_eq!(type_name("ValueError"), "ValueError");
        assert_eq!(param_name("self"), "_self");
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
    fn names_of_imported_modules_are_kept() {
        // The module binds its imports only under private aliases (`_uniffi_typing`).
        for module in ["asyncio", "typing", "ctypes", "enum", "os", "sys", "struct", "datetime", "concurrent"] {
            assert_eq!(function_name(module), module);
            assert_eq!(param_name(module), module);
            assert_eq!(field_name(module), module);
        }
        assert_eq!(module_alias("concurrent.futures"), "_uniffi_concurrent_futures");
    }

    #[test]
    fn module_imports_lists_aliases_and_plain_uses_outside_prose() {
        let code = concat!(
            "def f(x: datetime.datetime) -> None:\n",
            "    \"\"\"Returns a typing.Any or an enum.Enum.\"\"\"  # sys.exit\n",
            "    _uniffi_typing.cast(\"os.PathLike[str] | None\", x)  # é\n",
            "    raise ValueError(f\"a \\\"é\\\" concurrent.futures.Future\" 'inspect.x')\n",
            "    x: concurrent.futures.Future[None] = None\n",
            "    self.asyncio.run(my_typing.x, _uniffi_concurrent_futures.Future)\n",
        );
        assert_eq!(
            module_imports(code),
            [
                "import concurrent.futures",
                "import concurrent.futures as _uniffi_concurrent_futures",
                "import datetime",
                "import os",
                "import typing as _uniffi_typing",
            ]
        );
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
    fn templates_reach_modules_only_through_their_aliases() {
        // A bare `typing.` breaks when a user item takes the name; public hints use `mods.*`.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/python");
        let mut bare = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let code = python_code(&std::fs::read_to_string(&path).unwrap());
            for module in MODULE_ALIASES {
                let root = module.split('.').next().unwrap_or(module);
                for (at, _) in code.match_indices(&format!("{root}.")) {
                    let before = code[..at].chars().next_back().unwrap_or(' ');
                    if !(before.is_alphanumeric() || before == '_' || before == '.') {
                        bare.push(format!("{}: `{root}.`", path.file_name().unwrap().to_string_lossy()));
                    }
                }
            }
        }
        assert!(bare.is_empty(), "bare modules in templates/python (use `_uniffi_<name>`): {bare:?}");
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
