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
//! - a user type named like a type the generated code uses unqualified ([`RUNTIME_TYPES`]:
//!   `String`, `Int`, `List`, `Pointer`, `Disposable`, ...) gets a trailing `_` (`String_`), as
//!   does a variant named `Companion`, a variant named like its enum or like a user type its
//!   enum's fields use (`Holder.Zeta_(z: Zeta)`), and an error field named like a member of
//!   `Throwable` (`cause_`; a `String` field `message` overrides `Throwable.message`);
//! - the `uniffi` prefix is reserved for the generated code (as upstream). Besides, every object
//!   class has the members in [`OBJECT_MEMBERS`] (`close`, `destroy`, `toString`, ...): a method
//!   of an object or foreign trait whose Kotlin name is one of them gets a trailing `_`
//!   (`close_()`), where upstream's generated code would not compile. A callback interface is a
//!   plain `interface` (only `Any` above it): its methods keep upstream's names (`close()`,
//!   `destroy()`, `equals(x)`), except `toString()` and `hashCode()` without arguments
//!   ([`ANY_MEMBERS`]), which would hide `Any`'s and get the `_`.
//!   `[bindings.kotlin.rename]` can choose another name.
//! - a stream object (`[bindings.async] streams`) also has the members in [`STREAM_MEMBERS`]
//!   (`asFlow`): a method of it with that Kotlin name is refused, naming the object and method.
//! - a foreign trait marked as a stream gets the top-level extension `Flow<T>.as<Trait>()`
//!   ([`flow_adapter`]): a top-level function (or blocking twin) with that Kotlin name is
//!   refused, naming the trait and the function.

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

/// Members a stream object's class adds (`[bindings.async] streams`), which a method of that
/// object must not take: the generator refuses the stream.
pub const STREAM_MEMBERS: &[&str] = &["asFlow"];

/// Type names the generated code uses unqualified: Kotlin's and the JDK's types, JNA's and
/// kotlinx.coroutines' (imported), and the runtime's own declarations. A user type (record,
/// enum, error, object, callback interface, custom type) whose Kotlin name is one of them gets
/// a trailing `_` (`String_`), where upstream's generated code would not compile. (`Exception`
/// is not here: upstream names an error `Error` `Exception`, and the runtime writes
/// `kotlin.Exception`.)
pub const RUNTIME_TYPES: &[&str] = &[
    // kotlin.*, kotlin.collections.*, kotlin.jvm.*, java.lang.* (default imports)
    "Any", "Array", "ArrayList", "AutoCloseable", "Boolean", "Byte", "ByteArray", "Comparable",
    "Double", "Float", "IllegalArgumentException", "IllegalStateException", "Int",
    "InterruptedException", "Iterable", "Iterator", "JvmField", "JvmStatic", "LinkedHashMap",
    "LinkedHashSet", "List", "Long", "Map", "Nothing", "Result", "Runnable", "Short", "String",
    "Suppress", "Thread", "ThreadLocal", "Throwable", "Throws", "UByte", "UInt", "ULong",
    "UShort", "UnsupportedOperationException", "Volatile",
    // java.* imports
    "AtomicBoolean", "AtomicInteger", "AtomicLong", "AtomicReference", "ByteBuffer", "ByteOrder",
    "CancellationException", "Cleaner", "ConcurrentHashMap", "CountDownLatch", "DateTimeException",
    "LockSupport", "TimeUnit", "WeakReference",
    // JNA
    "Callback", "CallbackReference", "CallbackThreadInitializer", "Function", "Memory", "Native",
    "Pointer", "Structure",
    // kotlinx.coroutines and kotlin.coroutines
    "CancellableContinuation", "Continuation", "ContinuationInterceptor", "CoroutineContext",
    "CoroutineDispatcher", "CoroutineName", "CoroutineScope", "CoroutineStart", "Dispatchers",
    "EmptyCoroutineContext", "Job", "MainCoroutineDispatcher", "SupervisorJob",
    // the implicit name of every class's `companion object`, which a field type inside a
    // class body would resolve to
    "Companion",
    // the runtime's own public declarations
    "Disposable", "InternalException", "NoHandle", "UniffiAsyncConfig", "UniffiConverter",
    "UniffiConverterRustBuffer", "UniffiHandleMap", "UniffiLib", "UniffiObjectConverter",
    "UniffiRustBuffer", "UniffiRustCallStatus", "UniffiRustFuture", "UniffiWithHandle",
];

/// A user type's class name that cannot hide one of the [`RUNTIME_TYPES`].
pub fn avoid_runtime_type(name: String) -> String {
    if RUNTIME_TYPES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The class of a data-enum or error variant: UpperCamelCase, with a trailing `_` for
/// `Companion` (the name of the `companion object` every generated class has).
pub fn variant_class(rust: &str) -> String {
    let name = rust.to_upper_camel_case();
    if name == "Companion" {
        format!("{name}_")
    } else {
        name
    }
}

/// `name` with a trailing `_` if it is one of the `taken` names (a variant class named like its
/// enum or like a type its fields use, which inside the sealed class it would hide).
pub fn avoid_taken(name: String, taken: &std::collections::BTreeSet<String>) -> String {
    if taken.contains(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// Members of `Throwable` an error variant's field must not redeclare (`message` of type
/// `String` overrides `Throwable.message` instead).
pub const THROWABLE_MEMBERS: &[&str] = &["message", "cause", "stackTrace", "localizedMessage", "suppressed"];

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

/// A method of an object or foreign trait: like [`ident`], with a trailing `_` when it would
/// take one of the [`OBJECT_MEMBERS`].
pub fn method(rust: &str) -> String {
    let name = raw_ident(rust);
    if OBJECT_MEMBERS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        escape(&name)
    }
}

/// Members of `Any` a method of a callback interface cannot declare, by name and number of
/// arguments: `toString()` and `hashCode()` would hide them (a UniFFI argument is never `Any?`,
/// so `equals(x)` is always an overload).
pub const ANY_MEMBERS: &[(&str, usize)] = &[("toString", 0), ("hashCode", 0)];

/// A method of a callback interface (a plain Kotlin `interface`, whose only supertype is `Any`)
/// taking `arity` arguments: upstream's name (`close`, `destroy`, `equals`, `toString(x)`
/// compile there), with a trailing `_` only when it would hide one of the [`ANY_MEMBERS`].
pub fn callback_method(rust: &str, arity: usize) -> String {
    let name = raw_ident(rust);
    if ANY_MEMBERS.contains(&(name.as_str(), arity)) {
        format!("{name}_")
    } else {
        escape(&name)
    }
}

/// The `Flow<T>` extension adapting a flow to the foreign stream trait whose Kotlin interface is
/// `class` (`NumberSource` -> `asNumberSource`).
pub fn flow_adapter(class: &str) -> String {
    format!("as{class}")
}

/// An enum constant name (`SHOUTY_SNAKE`).
pub fn constant(rust: &str) -> String {
    rust.to_shouty_snake_case()
}

/// A type or enum variant class name (UpperCamelCase).
pub fn class(rust: &str) -> String {
    rust.to_upper_camel_case()
}

/// The Kotlin class name of a user type (`is_error`: used as an error): UpperCamelCase, errors
/// named `*Error` become `*Exception` (as upstream UniFFI does), and never one of the
/// [`RUNTIME_TYPES`].
pub fn user_class(rust: &str, is_error: bool) -> String {
    let camel = class(rust);
    avoid_runtime_type(if is_error { error_suffix(&camel) } else { camel })
}

/// Field `index` (0-based) of an enum or error variant, whose identifier is `name`: tuple
/// fields (`Label(String)`) are `v1`, `v2`, ... as upstream names them; in an error
/// (`is_error`), a field named like a member of `Throwable` gets a trailing `_`, except a
/// `message` of type String (`is_string`), which overrides `Throwable.message`.
pub fn variant_field(mut name: String, index: usize, is_error: bool, is_string: bool) -> String {
    if name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
        name = format!("v{}", index + 1);
    }
    let overrides = name == "message" && is_string;
    if is_error && !overrides && THROWABLE_MEMBERS.contains(&name.as_str()) {
        name.push('_');
    }
    name
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
    // Not `super::*`: tests/layout.rs reads `super` from this file as the backend's mod.rs.
    use crate::kotlin::names::*;

    #[test]
    fn keywords_are_escaped_and_members_avoided() {
        assert_eq!(ident("class"), "`class`");
        assert_eq!(ident("my_value"), "myValue");
        assert_eq!(raw_ident("return"), "return");
        assert_eq!(method("close"), "close_");
        assert_eq!(method("to_string"), "toString_");
        assert_eq!(method("object"), "`object`");
        assert_eq!(method("name"), "name");
        assert_eq!(method("destroy"), "destroy_");
        // A callback interface only has `Any` above it: upstream's names where they compile.
        assert_eq!(callback_method("close", 0), "close");
        assert_eq!(callback_method("destroy", 0), "destroy");
        assert_eq!(callback_method("equals", 1), "equals");
        assert_eq!(callback_method("compare_to", 1), "compareTo");
        assert_eq!(callback_method("to_string", 1), "toString");
        assert_eq!(callback_method("to_string", 0), "toString_");
        assert_eq!(callback_method("hash_code", 0), "hashCode_");
        assert_eq!(callback_method("object", 0), "`object`");
        assert_eq!(error_suffix("MathError"), "MathException");
        assert_eq!(avoid_runtime_type("String".into()), "String_");
        assert_eq!(avoid_runtime_type("Unit".into()), "Unit");
        assert_eq!(variant_class("companion"), "Companion_");
        let taken = std::collections::BTreeSet::from(["Holder".to_owned(), "Zeta".to_owned()]);
        assert_eq!(avoid_taken("Zeta".into(), &taken), "Zeta_");
        assert_eq!(avoid_taken("Tag".into(), &taken), "Tag");
        assert_eq!(user_class("string", false), "String_");
        assert_eq!(user_class("math_error", true), "MathException");
        assert_eq!(variant_field(String::new(), 1, false, false), "v2");
        assert_eq!(variant_field("cause".into(), 0, true, false), "cause_");
        assert_eq!(variant_field("message".into(), 0, true, true), "message");
        assert_eq!(variant_field("message".into(), 0, true, false), "message_");
    }
}
