//! Reads Rust/UDL names; produces Swift identifiers (the Swift backend's naming policy): case
//! conversion, [`escape`] (backquoting of Swift's reserved words as upstream does), the vtable
//! fields shared with the C header, and the names the generated code reserves for itself, which
//! a user's name is kept from colliding with:
//! - a function, argument, field or enum case named like one of the generated code's own
//!   `uniffi…` functions, locals, parameters or members ([`RESERVED_NAMES`],
//!   [`RESERVED_NAME_PREFIXES`]: `uniffiRustCall`, `uniffiStatus`, `uniffiPendingPollCount…`)
//!   gets a trailing `_`; any other name, `uniffiRustBuffer` included, is kept (as upstream);
//! - types (records, enums, errors, objects, callback interfaces, custom types)
//!   named like a type of the generated code ([`RUNTIME_TYPES`], [`RUNTIME_TYPE_PREFIXES`]:
//!   `UniffiReader`, `RustBuffer`, `UniffiConverter…`) get a trailing `_`;
//! - a stream object (`[bindings.async] streams`) with a method named like a member its
//!   `AsyncSequence` conformance adds ([`STREAM_MEMBERS`]) is refused, as is an item type that
//!   names one of the conformance's member types ([`STREAM_MEMBER_TYPES`]);
//! - a foreign stream trait's adapter, `AsyncSequence.as<Trait>()` ([`stream_adapter`]), named
//!   like a top-level function or a method of a stream object is refused (`source.rs`).

use heck::{ToLowerCamelCase, ToUpperCamelCase};

/// Swift's reserved words (declarations, statements, expressions and types) plus the few
/// contextual keywords that cannot name a parameter or member unquoted: written with
/// backquotes wherever they name something.
const SWIFT_KEYWORDS: &[&str] = &[
    "Any", "Protocol", "Self", "Type", "as", "associatedtype", "await", "break", "case", "catch",
    "class", "continue", "default", "defer", "deinit", "do", "else", "enum", "extension",
    "fallthrough", "false", "fileprivate", "for", "func", "guard", "if", "import", "in", "init",
    "inout", "internal", "is", "let", "nil", "open", "operator", "private", "precedencegroup",
    "protocol", "public", "repeat", "rethrows", "return", "self", "static", "struct", "subscript",
    "super", "switch", "throw", "throws", "true", "try", "typealias", "var", "where", "while",
];

/// The `uniffi…` functions, variables, locals, parameters and members the generated Swift
/// declares or uses (templates/swift, src/swift): a user function, argument, field or enum case
/// of the same Swift name gets a trailing `_`, whatever its scope, since the generated bodies
/// that use these names sit in the user's module, types and functions. The test
/// `reserved_names_cover_the_generated_code` fails when a template or a Rust file here names
/// one that is missing. Names with a `_` (`uniffi_<ns>_fn_…`, the C symbols) need no entry:
/// lowerCamelCase conversion never produces one.
pub const RESERVED_NAMES: &[&str] = &[
    "uniffiBufferFromBytes", "uniffiCallStatus", "uniffiCallbackData", "uniffiCatching",
    "uniffiCheckStatus", "uniffiClone", "uniffiCloneHandle", "uniffiCurrentCPU", "uniffiEmptyBuffer",
    "uniffiEnsureInitialized", "uniffiForeignAsync", "uniffiForeignCall", "uniffiForeignCallOnMain",
    "uniffiForeignStatus", "uniffiFree", "uniffiFutureCallback", "uniffiHandle", "uniffiInfallible",
    "uniffiInfallibleAsync", "uniffiInitResult", "uniffiLiveForeignFutures", "uniffiObj",
    "uniffiOffload", "uniffiOffloadPool", "uniffiOutDropped", "uniffiOutReturn", "uniffiPendingPolls",
    "uniffiPollUntilReady", "uniffiReadString", "uniffiReleaseProbeThread", "uniffiResult",
    "uniffiRunOnMain", "uniffiRustCall", "uniffiRustCallAsync", "uniffiRustCallBlocking",
    "uniffiRustCallInitialized", "uniffiStatus", "uniffiStream", "uniffiStreamNext",
    "uniffiTakeBuffer", "uniffiTraitCmp", "uniffiTraitDebug", "uniffiTraitDisplay", "uniffiTraitEq",
    "uniffiTraitHash", "uniffiValue", "uniffiWriteInteger", "uniffiWriteString",
];

/// Prefixes of the public helpers the generated module names after its namespace
/// (`uniffiPendingPollCountBasics`; an imported component's helpers are in scope too).
pub const RESERVED_NAME_PREFIXES: &[&str] = &[
    "uniffiForeignFutureHandleCount", "uniffiLiveHandleCount", "uniffiPendingPollCount",
    "uniffiSetOffloadQueue",
];

/// The types the generated Swift module and its C header declare (or use unqualified) besides
/// the families in [`RUNTIME_TYPE_PREFIXES`]: a user type of the same name gets a trailing `_`.
/// The test `runtime_types_cover_the_generated_code` fails when a template or a Rust file here
/// names a `Uniffi…` type that neither covers.
pub const RUNTIME_TYPES: &[&str] = &[
    "RustBuffer", "ForeignBytes", "RustCallStatus", "UniffiAtomicState", "UniffiBlockingPoll",
    "UniffiBufferConverter", "UniffiCounter", "UniffiErrorLift", "UniffiHandleMap",
    "UniffiInitResult", "UniffiInternalError", "UniffiIteration", "UniffiLateProbes", "UniffiLock",
    "UniffiMainJob", "UniffiMainQueue", "UniffiMainThread", "UniffiMainThreadBlocked", "UniffiObjectMap",
    "UniffiOffloadCall", "UniffiOffloadJob", "UniffiOffloadPool", "UniffiOffloadWorker",
    "UniffiProbe", "UniffiProbeExecutor", "UniffiProbeJobs", "UniffiProbeThread", "UniffiReader",
    "UniffiRustFutureContinuationCallback", "UniffiStreamPump",
];

/// Prefixes of the type families the generated code names after user types or FFI symbols
/// (`UniffiConverterTypeFoo`, `UniffiVTableCallbackInterfaceFoo`, ...).
const RUNTIME_TYPE_PREFIXES: &[&str] = &[
    "UniffiCallbackInterface", "UniffiConverter", "UniffiExternalConverter", "UniffiForeignFuture",
    "UniffiStreamSource", "UniffiVTable",
];

/// The members the `AsyncSequence` conformance of a stream object declares on its class.
pub const STREAM_MEMBERS: &[&str] = &["makeAsyncIterator"];

/// The member types of `AsyncSequence` / `AsyncIteratorProtocol` that the stream's item type is
/// written among (inside `Obj.AsyncIterator`), where they would shadow a user type of that name.
pub const STREAM_MEMBER_TYPES: &[&str] = &["AsyncIterator", "Element", "Failure"];

/// The first identifier of a Swift type expression (`[String: Element]?`) that is one of
/// [`STREAM_MEMBER_TYPES`].
pub fn stream_type_clash(swift_type: &str) -> Option<&'static str> {
    swift_type
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find_map(|word| STREAM_MEMBER_TYPES.iter().copied().find(|t| *t == word))
}

/// The `AsyncSequence` extension method that adapts a Swift async sequence to the stream trait
/// whose protocol is `protocol` (a [`type_name`]): `asNumberSource`.
pub fn stream_adapter(protocol: &str) -> String {
    format!("as{}", protocol.trim_matches('`'))
}

/// The private class implementing the stream trait `protocol` over a Swift async sequence.
pub fn stream_adapter_class(protocol: &str) -> String {
    format!("UniffiStreamSource{}", protocol.trim_matches('`'))
}

/// Whether `name` must be backquoted to be used as a Swift identifier.
pub fn is_keyword(name: &str) -> bool {
    SWIFT_KEYWORDS.contains(&name)
}

/// `name`, backquoted when it is a Swift keyword.
pub fn escape(name: String) -> String {
    if is_keyword(&name) {
        format!("`{name}`")
    } else {
        name
    }
}

/// `name` (a [`var_name`]) as an argument label at a call site, where Swift 6 takes every
/// keyword but `inout` unquoted and warns about the backquotes (`var` and `let` too, although
/// a parameter declaration needs them quoted; upstream quotes both, which
/// `-warnings-as-errors` rejects).
pub fn label(name: &str) -> String {
    match name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
        Some(bare) if bare != "inout" => bare.to_owned(),
        _ => name.to_owned(),
    }
}

/// The Swift name of a user-defined type (records, enums, errors, objects, callback interfaces,
/// custom types): UpperCamelCase, keyword-quoted, and kept clear of the generated code's own
/// type names (a trailing `_`). Renames from `[bindings.swift.rename]` are already applied to
/// the IR names.
pub fn type_name(name: &str) -> String {
    let name = name.to_upper_camel_case();
    if RUNTIME_TYPES.contains(&name.as_str()) || RUNTIME_TYPE_PREFIXES.iter().any(|p| name.starts_with(p)) {
        return format!("{name}_");
    }
    escape(name)
}

/// The Swift name of an error case (`case divisionByZero` is upstream's spelling of other enum
/// cases, see [`var_name`]): UpperCamelCase, keyword-quoted. Cases are scoped by their type, so
/// they cannot collide with the generated code's types.
pub fn case_name(name: &str) -> String {
    escape(name.to_upper_camel_case())
}

/// A function, argument, field or enum-case name: lowerCamelCase, keyword-quoted, and kept
/// clear of the generated code's own `uniffi…` names ([`RESERVED_NAMES`]: a trailing `_`).
pub fn var_name(rust: &str) -> String {
    escape(unreserved(rust.to_lower_camel_case()))
}

/// A Rust name as a call-site argument label (`f(class: x)`): see [`label`].
pub fn arg_label(rust: &str) -> String {
    label(&var_name(rust))
}

/// The name of a callback method's vtable field, in the C header and in Swift alike: by its
/// position (as the method's C typedef, `...Method3`), so it is a valid C identifier that no C
/// keyword, macro (`true`, `typeof`) or non-ASCII method name can break, and it never collides
/// with another method's or with the `uniffiFree` / `uniffiClone` fields.
pub fn vtable_field(index: usize) -> String {
    format!("method{index}")
}

/// Whether `name` (a lowerCamelCase Swift name) is one of the generated code's own.
fn is_reserved(name: &str) -> bool {
    RESERVED_NAMES.contains(&name) || RESERVED_NAME_PREFIXES.iter().any(|p| name.starts_with(p))
}

fn unreserved(name: String) -> String {
    if is_reserved(&name) {
        format!("{name}_")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    // Named by its full path: the layout test reads `super` here as the file's parent module.
    use crate::swift::names::{
        arg_label, case_name, is_reserved, stream_adapter, stream_adapter_class, stream_type_clash, type_name,
        var_name, vtable_field, RESERVED_NAMES, RESERVED_NAME_PREFIXES, RUNTIME_TYPES, RUNTIME_TYPE_PREFIXES,
    };

    #[test]
    fn keywords_are_backquoted_but_not_as_call_labels() {
        assert_eq!(var_name("await"), "`await`");
        assert_eq!(var_name("class"), "`class`");
        assert_eq!(var_name("var"), "`var`");
        assert_eq!(var_name("my_field"), "myField");
        assert_eq!(type_name("self"), "`Self`");
        assert_eq!(arg_label("class"), "class");
        assert_eq!(arg_label("var"), "var");
        assert_eq!(arg_label("let"), "let");
        assert_eq!(arg_label("inout"), "`inout`");
        assert_eq!(vtable_field(3), "method3");
    }

    #[test]
    fn user_names_never_collide_with_generated_ones() {
        assert_eq!(var_name("uniffi_status"), "uniffiStatus_");
        assert_eq!(var_name("uniffiRustCall"), "uniffiRustCall_");
        assert_eq!(var_name("uniffi_pending_poll_count_basics"), "uniffiPendingPollCountBasics_");
        assert_eq!(var_name("uniffi_rust_buffer"), "uniffiRustBuffer");
        assert_eq!(var_name("uniffi_clone_pointer"), "uniffiClonePointer");
        assert_eq!(var_name("uniffi_status_code"), "uniffiStatusCode");
        assert_eq!(var_name("uniffi"), "uniffi");
        assert_eq!(type_name("uniffi_reader"), "UniffiReader_");
        assert_eq!(type_name("UniffiConverterString"), "UniffiConverterString_");
        assert_eq!(type_name("UniffiRustBuffer"), "UniffiRustBuffer");
        assert_eq!(type_name("RustBuffer"), "RustBuffer_");
        assert_eq!(case_name("RustBuffer"), "RustBuffer");
        assert_eq!(type_name("Reader"), "Reader");
        assert_eq!(type_name("UniffiStreamPump"), "UniffiStreamPump_");
        assert_eq!(type_name("UniffiIteration"), "UniffiIteration_");
        assert_eq!(type_name("UniffiStreamSourceFoo"), "UniffiStreamSourceFoo_");
        assert_eq!(stream_adapter(&type_name("self")), "asSelf");
        assert_eq!(stream_adapter_class("NumberSource"), "UniffiStreamSourceNumberSource");
    }

    #[test]
    fn stream_item_types_naming_conformance_members_are_found() {
        assert_eq!(stream_type_clash("[String: Element]?"), Some("Element"));
        assert_eq!(stream_type_clash("Failure"), Some("Failure"));
        assert_eq!(stream_type_clash("ElementKind"), None);
        assert_eq!(stream_type_clash("UInt32"), None);
    }

    /// The identifiers starting with `stem` and a capital letter or digit, without `_` (case
    /// conversion never produces one, see `converted_names_have_no_underscore`), that the Swift
    /// templates and the Rust files of the Swift backend but this one name: `(file, name, whether
    /// a template or `format!` appends to it: `name{{`, `name{`)`.
    fn generated_identifiers(stem: &str) -> Vec<(String, String, bool)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["templates/swift", "src/swift"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.file_name().is_some_and(|n| n != "names.rs") {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(files.len() > 20, "{files:?}");
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut found = Vec::new();
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if !word(bytes[i]) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && word(bytes[i]) {
                    i += 1;
                }
                let name = &text[start..i];
                let Some(rest) = name.strip_prefix(stem) else { continue };
                let camel = rest.bytes().next().is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                if camel && !name.contains('_') {
                    found.push((path.display().to_string(), name.to_owned(), bytes.get(i) == Some(&b'{')));
                }
            }
        }
        found
    }

    /// Every `uniffi…` name of the generated code is reserved, so the lists cannot go stale.
    #[test]
    fn reserved_names_cover_the_generated_code() {
        let missing: Vec<_> = generated_identifiers("uniffi")
            .into_iter()
            .filter(|(_, name, prefix)| {
                !if *prefix { RESERVED_NAME_PREFIXES.contains(&name.as_str()) } else { is_reserved(name) }
            })
            .collect();
        assert!(missing.is_empty(), "not in RESERVED_NAMES / RESERVED_NAME_PREFIXES: {missing:#?}");
    }

    /// Every `Uniffi…` type of the generated code is a runtime type or in a runtime family.
    #[test]
    fn runtime_types_cover_the_generated_code() {
        let family = |name: &str| RUNTIME_TYPE_PREFIXES.iter().any(|p| name.starts_with(p));
        let missing: Vec<_> = generated_identifiers("Uniffi")
            .into_iter()
            .filter(|(_, name, prefix)| {
                !if *prefix {
                    RUNTIME_TYPE_PREFIXES.contains(&name.as_str())
                } else {
                    RUNTIME_TYPES.contains(&name.as_str()) || family(name)
                }
            })
            .collect();
        assert!(missing.is_empty(), "not in RUNTIME_TYPES / RUNTIME_TYPE_PREFIXES: {missing:#?}");
    }

    #[test]
    fn converted_names_have_no_underscore() {
        for rust in ["_uniffi_status", "uniffi__status_", "uniffi_2", "a_b_c", "__x", "uniffiStatus_", "é_ß"] {
            let swift = var_name(rust);
            assert!(!swift.trim_end_matches('_').contains('_'), "{rust} -> {swift}");
        }
        // `uniffiCurrentCPU` is listed though conversion cannot produce it (`uniffiCurrentCpu`).
        for name in RESERVED_NAMES.iter().chain(RESERVED_NAME_PREFIXES).filter(|n| **n != "uniffiCurrentCPU") {
            assert_eq!(var_name(name), format!("{name}_"));
        }
    }
}
