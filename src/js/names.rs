//! Reads Rust names (already renamed by the config); produces the JS identifiers of the
//! generated module: the one naming policy of the JS backend. A user's name never collides with
//! a JS reserved word, a global the generated code (or its `.d.ts`) may use, an import of the
//! module, or one of the generated code's own names: those all start with `uniffi` / `Uniffi` /
//! `UNIFFI`, or are listed here (`destroy`, `toString`, `options`, `InternalError`, ...). A
//! colliding name gets a trailing `_`, which none of our own names has. Our names derived from
//! a user's (`UniffiFactory_Store`, `UniffiHandles_Logger`) put it after a `_`, which no fixed
//! name of the runtime has, so they cannot collide with those either. The generated code's
//! names derived from the IR (converters, factories, handle maps, vtables, future families) are
//! spelled here too.

use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToUpperCamelCase};

use crate::ir::FutureFamily;

/// Reserved words (and strict-mode / module restricted names) that cannot be binding names.
const RESERVED: &[&str] = &[
    "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger",
    "default", "delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally",
    "for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let",
    "new", "null", "package", "private", "protected", "public", "return", "static", "super",
    "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
];

/// Globals of ECMAScript, Node and TypeScript's type space, and the module's imports: a
/// top-level declaration of the same name would shadow what the generated code means by it.
const GLOBALS: &[&str] = &[
    // ECMAScript value globals.
    "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array",
    "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry", "Float32Array",
    "Float64Array", "Function", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl", "JSON",
    "Map", "Math", "NaN", "Number", "Object", "Promise", "Proxy", "RangeError", "ReferenceError",
    "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol", "SyntaxError", "TypeError",
    "URIError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap",
    "WeakRef", "WeakSet", "globalThis", "isFinite", "isNaN", "parseFloat", "parseInt", "undefined",
    // Node and web globals.
    "AbortController", "AbortSignal", "Buffer", "TextDecoder", "TextEncoder", "URL", "clearInterval",
    "clearTimeout", "console", "process", "queueMicrotask", "setImmediate", "setInterval", "setTimeout",
    // TypeScript types the declarations use.
    "PromiseLike", "ReadonlyArray",
    // The module's imports.
    "koffi", "fileURLToPath", "Socket", "getEnvironmentData", "isMainThread", "setEnvironmentData",
    "threadId",
];

/// Our exported names that are not `uniffi`-prefixed, and the names the `.d.ts` declares inside
/// every record's (`Init`) and enum's (`Tag`) namespace, where they would shadow a top-level
/// type of the same name in the field types.
const OUR_EXPORTS: &[&str] = &["InternalError", "Init", "Tag"];

/// Members every object instance has from the bindings (or JS itself), and `then`: an instance
/// with a `then` method is a thenable, so a Promise resolving to it (an async function returning
/// it) would call that method instead of resolving.
const OBJECT_MEMBERS: &[&str] =
    &["constructor", "destroy", "toString", "toDebugString", "equals", "hashCode", "compareTo", "then"];

/// Members a stream object's class adds (`[bindings.async] streams`: `iterate` and
/// `[Symbol.asyncIterator]`, which no name can take), which a method of that object must not
/// take: the generator refuses the stream.
pub const STREAM_MEMBERS: &[&str] = &["iterate"];

/// Members every `Error` instance has, which methods of error objects must not shadow.
const ERROR_MEMBERS: &[&str] = &["message", "name", "stack", "cause"];

/// Static members every class has (a static method `prototype` is a syntax error; `name` is
/// what the bindings show in messages).
const STATIC_MEMBERS: &[&str] = &["name", "length", "prototype", "caller", "arguments"];

/// The parameter the bindings add to async callables (`options?: { signal }`).
const ASYNC_OPTIONS: &str = "options";

/// Whether `name` is in the generated code's own namespace (`uniffi*`, `Uniffi*`, `UNIFFI*`).
fn is_ours(name: &str) -> bool {
    name.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("uniffi"))
}

/// Escapes a reserved or taken name: `name` itself, or `name_` when `taken` (a reserved word,
/// a global, one of our names; each naming function below says what is taken for its kind).
pub fn escape(name: String, taken: bool) -> String {
    if taken {
        format!("{name}_")
    } else {
        name
    }
}

/// A user type's exported name (record, enum, error, object, interface, custom type).
pub fn type_name(rust: &str) -> String {
    let name = rust.to_upper_camel_case();
    let taken = RESERVED.contains(&name.as_str())
        || GLOBALS.contains(&name.as_str())
        || OUR_EXPORTS.contains(&name.as_str())
        || is_ours(&name);
    escape(name, taken)
}

/// A top-level function's exported name. `then` is taken too: a module namespace exporting
/// `then` is a thenable, and `await import()` of it would never settle.
pub fn function_name(rust: &str) -> String {
    let name = rust.to_lower_camel_case();
    let taken = RESERVED.contains(&name.as_str())
        || GLOBALS.contains(&name.as_str())
        || OUR_EXPORTS.contains(&name.as_str())
        || name == "then"
        || is_ours(&name);
    escape(name, taken)
}

/// An instance method of an object (`is_error`: the class extends `Error`), or a method of a
/// callback interface or foreign trait (which JS objects implement: a name every object already
/// has, like `toString`, would make the check for it vacuous).
pub fn method_name(rust: &str, is_error: bool) -> String {
    let name = rust.to_lower_camel_case();
    let taken = RESERVED.contains(&name.as_str())
        || OBJECT_MEMBERS.contains(&name.as_str())
        || (is_error && ERROR_MEMBERS.contains(&name.as_str()))
        || is_ours(&name);
    escape(name, taken)
}

/// What a record's or enum's exported companion value (`Release`, `Coin`, an error class) has
/// besides the exported methods: `Companion::Record` has `create`, `Flat` has `variants` and
/// `discriminants`, `Error` is a class (with a class's static members); `Data` has only the
/// methods.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Companion {
    Record,
    Flat,
    Data,
    Error,
}

/// A method exported on a record or enum, a member of its companion value (`Release.bumped`):
/// it must not take the trait methods' names (`toString`, `equals`, ... as objects have them),
/// the companion's own members, `then` (a thenable companion), or, on an error class, a static
/// member every class has (or `call`, `apply`, `bind`, which code calls on functions).
pub fn companion_member_name(rust: &str, kind: Companion) -> String {
    let name = rust.to_lower_camel_case();
    let own: &[&str] = match kind {
        Companion::Record => &["create"],
        Companion::Flat => &["variants", "discriminants"],
        Companion::Data => &[],
        Companion::Error => &["call", "apply", "bind"],
    };
    let taken = RESERVED.contains(&name.as_str())
        || OBJECT_MEMBERS.contains(&name.as_str())
        || own.contains(&name.as_str())
        || name == "valueOf"
        || (kind == Companion::Error && STATIC_MEMBERS.contains(&name.as_str()))
        || is_ours(&name);
    escape(name, taken)
}

/// The class of Rust implementations of a trait whose interface is `iface` (`GreeterImpl` for
/// `Greeter`), or `GreeterImpl_` when a user type already is `GreeterImpl` (`user_types`: the
/// exported names of the module's own types). No user type name ends in `Impl_`: a `_` only
/// follows a reserved or taken name.
pub fn impl_class_name(iface: &str, user_types: &std::collections::BTreeSet<String>) -> String {
    let name = format!("{iface}Impl");
    let taken = user_types.contains(&name);
    escape(name, taken)
}

/// The adapter of a stream trait whose interface is `iface` (`asNumberSource` for
/// `NumberSource`): a top-level function, which can only collide with a user's function
/// (`as` then an uppercase letter is no reserved word, global or name of ours); the caller
/// refuses that.
pub fn source_adapter_name(iface: &str) -> String {
    format!("as{iface}")
}

/// A named constructor (a static method of the class).
pub fn static_name(rust: &str) -> String {
    let name = rust.to_lower_camel_case();
    let taken = RESERVED.contains(&name.as_str()) || STATIC_MEMBERS.contains(&name.as_str()) || is_ours(&name);
    escape(name, taken)
}

/// A parameter: distinct from the bindings' own locals (`uniffi*`) and from the async options.
pub fn param_name(rust: &str) -> String {
    let name = rust.to_lower_camel_case();
    let taken = RESERVED.contains(&name.as_str()) || name == ASYNC_OPTIONS || is_ours(&name);
    escape(name, taken)
}

/// The interface of an enum variant in the `.d.ts` (`Shape.Circle`), inside the enum's namespace:
/// there it would shadow, for the field types of every variant, a top-level type of the same
/// name (`top_level`: every type name the declarations use) or a global, and it must not be the
/// namespace's own `Tag`. The variant's `tag` string keeps the plain name.
pub fn variant_type_name(tag: &str, top_level: &std::collections::BTreeSet<String>) -> String {
    let taken = GLOBALS.contains(&tag) || top_level.contains(tag) || tag == "Tag" || is_ours(tag);
    escape(tag.to_owned(), taken)
}

/// A record or variant field: lowerCamelCase, `v1`, `v2`, ... for tuple fields (as upstream
/// Kotlin). Fields are properties, so any name works.
pub fn field_name(rust: &str, position: usize) -> String {
    if rust.is_empty() {
        format!("v{}", position + 1)
    } else {
        rust.to_lower_camel_case()
    }
}

/// A field of an enum variant: a property beside the variant's `tag` (and, for errors, beside
/// the members every `Error` has), which it must not overwrite. An error's `message: String`
/// field keeps its name: it becomes the error's `message`, as a JS reader expects.
pub fn variant_field_name(rust: &str, position: usize, is_error: bool, is_string: bool) -> String {
    let name = field_name(rust, position);
    let error_member = is_error && ERROR_MEMBERS.contains(&name.as_str()) && !(name == "message" && is_string);
    let taken = name == "tag" || error_member;
    escape(name, taken)
}

/// The converter object of a type (`UniffiConverterU32`), from its canonical name.
pub fn converter_name(canonical: &str) -> String {
    format!("UniffiConverter{canonical}")
}

/// `UniffiFactory_Store`: the factory that lifts handles of `class` into instances.
pub fn factory_name(class: &str) -> String {
    format!("UniffiFactory_{class}")
}

/// `UniffiHandles_Logger`: the JS objects of interface `name` Rust holds, by handle.
pub fn handles_name(name: &str) -> String {
    format!("UniffiHandles_{name}")
}

/// `UniffiVTable_Logger`: the vtable of interface `name` in native memory.
pub fn vtable_name(name: &str) -> String {
    format!("UniffiVTable_{name}")
}

/// `uniffiMethod_Logger_0`: the JS function registered with koffi for method `index` of `owner`.
pub fn foreign_method_function(owner: &str, index: usize) -> String {
    format!("uniffiMethod_{owner}_{index}")
}

/// `UNIFFI_FUTURE_U32`: the variable of a RustFuture family.
pub fn family_var(f: &FutureFamily) -> String {
    format!("UNIFFI_FUTURE_{}", f.suffix.to_shouty_snake_case())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_never_take_ours() {
        assert_eq!(type_name("Error"), "Error_");
        assert_eq!(type_name("Object"), "Object_");
        assert_eq!(type_name("InternalError"), "InternalError_");
        assert_eq!(type_name("UniffiObjectFactory"), "UniffiObjectFactory_");
        assert_eq!(type_name("for"), "For");
        assert_eq!(type_name("Tag"), "Tag_");
        assert_eq!(type_name("Point"), "Point");
        assert_eq!(function_name("then"), "then_");
        assert_eq!(function_name("koffi"), "koffi_");
        assert_eq!(function_name("uniffi_rust_call"), "uniffiRustCall_");
        assert_eq!(function_name("add"), "add");
        assert_eq!(method_name("destroy", false), "destroy_");
        assert_eq!(method_name("then", false), "then_");
        assert_eq!(method_name("message", false), "message");
        assert_eq!(method_name("message", true), "message_");
        assert_eq!(static_name("prototype"), "prototype_");
        assert_eq!(companion_member_name("create", Companion::Record), "create_");
        assert_eq!(companion_member_name("create", Companion::Data), "create");
        assert_eq!(companion_member_name("to_string", Companion::Data), "toString_");
        assert_eq!(companion_member_name("variants", Companion::Flat), "variants_");
        assert_eq!(companion_member_name("name", Companion::Record), "name");
        assert_eq!(companion_member_name("name", Companion::Error), "name_");
        assert_eq!(companion_member_name("bumped", Companion::Record), "bumped");
        assert_eq!(param_name("options"), "options_");
        assert_eq!(param_name("uniffi_status"), "uniffiStatus_");
        assert_eq!(param_name("for"), "for_");
        assert_eq!(field_name("", 1), "v2");
        assert_eq!(variant_field_name("tag", 0, false, true), "tag_");
        assert_eq!(variant_field_name("message", 0, false, false), "message");
        assert_eq!(variant_field_name("message", 0, true, true), "message");
        assert_eq!(variant_field_name("message", 0, true, false), "message_");
        assert_eq!(variant_field_name("name", 0, true, true), "name_");
        let top: std::collections::BTreeSet<String> = ["Point".to_owned()].into();
        assert_eq!(variant_type_name("Point", &top), "Point_");
        assert_eq!(variant_type_name("Error", &top), "Error_");
        assert_eq!(variant_type_name("Tag", &top), "Tag_");
        assert_eq!(variant_type_name("Circle", &top), "Circle");
        let users: std::collections::BTreeSet<String> = ["GreeterImpl".to_owned()].into();
        assert_eq!(impl_class_name("Greeter", &users), "GreeterImpl_");
        assert_eq!(impl_class_name("Fetcher", &users), "FetcherImpl");
    }
}
