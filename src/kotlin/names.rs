//! Reads Rust names (already renamed by the IR); produces Kotlin identifiers: the casing rules,
//! Kotlin's reserved words and their backquote escaping, and the names the generated code keeps
//! for itself (which user methods must not take).
//!
//! The policy:
//! - types are UpperCamelCase, errors named `*Error` become `*Exception` (upstream's rule);
//!   functions, methods, parameters and fields lowerCamelCase; flat enum constants SHOUTY_SNAKE;
//! - a name that is a Kotlin hard keyword (`class`, `object`, `return`, ...) is written in
//!   backquotes wherever it is declared or used (`` `class` ``), except in places that take the
//!   bare text (JNA's `@Structure.FieldOrder` strings, KDoc, messages);
//! - Kotlin's own types are always written fully qualified (`kotlin.String`,
//!   `kotlin.collections.List`), so a user type or enum variant named `String` cannot hide them;
//! - the `uniffi` prefix is reserved for the generated code (as upstream). Besides, every object
//!   class has the members in [`OBJECT_MEMBERS`] (`close`, `destroy`, `toString`, ...): a method
//!   of an object, callback interface or foreign trait whose Kotlin name is one of them gets a
//!   trailing `_` (`close_()`), where upstream's generated code would not compile.
//!   `[bindings.kotlin.rename]` can choose another name.

use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToUpperCamelCase};

/// Kotlin's hard keywords: not usable as identifiers without backquotes.
const KEYWORDS: &[&str] = &[
    "as", "break", "class", "continue", "do", "else", "false", "for", "fun", "if", "in",
    "interface", "is", "null", "object", "package", "return", "super", "this", "throw", "true",
    "try", "typealias", "typeof", "val", "var", "when", "while",
];

/// Members every generated object class declares or inherits (`Disposable`, `AutoCloseable`,
/// `Any`, `Comparable`), which a user method must not redeclare.
pub const OBJECT_MEMBERS: &[&str] =
    &["close", "destroy", "toString", "hashCode", "equals", "compareTo", "getClass", "finalize"];

/// Whether `name` needs backquotes to be an identifier.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// `name` as an identifier: backquoted if it is a keyword.
pub fn escape(name: &str) -> String {
    if is_keyword(name) {
        format!("`{name}`")
    } else {
        name.to_owned()
    }
}

/// The lowerCamelCase name of a function, parameter or field, without escaping (for JNA
/// field-order strings and messages).
pub fn raw_ident(rust: &str) -> String {
    rust.to_lower_camel_case()
}

/// A lowerCamelCase identifier (functions, parameters, fields), backquoted if a keyword.
pub fn ident(rust: &str) -> String {
    escape(&raw_ident(rust))
}

/// A method of an object, callback interface or foreign trait: like [`ident`], with a trailing
/// `_` when it would take one of the [`OBJECT_MEMBERS`].
pub fn method(rust: &str) -> String {
    let name = raw_ident(rust);
    if OBJECT_MEMBERS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        escape(&name)
    }
}

/// An enum constant name (`SHOUTY_SNAKE`).
pub fn constant(rust: &str) -> String {
    rust.to_shouty_snake_case()
}

/// A type or enum variant class name (UpperCamelCase).
pub fn class(rust: &str) -> String {
    rust.to_upper_camel_case()
}

/// `FooError` -> `FooException` (upstream's rule for error classes and error variants).
pub fn error_suffix(name: &str) -> String {
    match name.strip_suffix("Error") {
        Some(stem) => format!("{stem}Exception"),
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped_and_members_avoided() {
        assert_eq!(ident("class"), "`class`");
        assert_eq!(ident("my_value"), "myValue");
        assert_eq!(raw_ident("return"), "return");
        assert_eq!(method("close"), "close_");
        assert_eq!(method("to_string"), "toString_");
        assert_eq!(method("object"), "`object`");
        assert_eq!(method("name"), "name");
        assert_eq!(error_suffix("MathError"), "MathException");
    }
}
