//! Reads Rust (IR) names; produces the Python identifier of every item the module declares:
//! the case (upstream UniFFI 0.32's), and the escape of names that would break the module.
//!
//! Upstream's rule, kept here: a name that is a Python keyword (`keyword.kwlist`) gets a
//! leading underscore (`class` -> `_class`, `None` -> `_None`). The same escape applies to a
//! name that would shadow something the generated code itself relies on: at module level the
//! modules it imports, its public runtime names (`InternalError`, `uniffi_set_event_loop`, ...)
//! and the builtins its code calls; for parameters the names a generated body uses (`self`,
//! `typing`, `isinstance`, ...). Every private helper of the module is `_uniffi`/`_Uniffi`/
//! `_UNIFFI`-prefixed, so no user name can collide with one.

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
/// them. (Builtins are not escaped, as upstream: a user type may be called `ArithmeticError`.)
pub const MODULE_RESERVED: &[&str] = &[
    // imports
    "annotations", "asyncio", "atexit", "builtins", "concurrent", "ctypes", "datetime", "enum",
    "functools", "inspect", "os", "struct", "sys", "threading", "typing", "weakref",
    // public runtime API
    "InternalError", "uniffi_set_offload_executor", "uniffi_live_polls", "uniffi_set_event_loop",
    "uniffi_live_handles",
];

/// Names a generated function or method body uses while its parameters are in scope.
pub const PARAM_RESERVED: &[&str] = &["self", "cls", "typing", "ctypes", "asyncio", "isinstance", "int", "super"];

fn escape(name: String, reserved: &[&str]) -> String {
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
const FIELD_RESERVED: &[&str] = &["self", "isinstance", "super"];

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
    }
}
