//! Reads IR types, literals and docstrings; produces each type's Swift name and converter view
//! (rendered by `templates/swift/types.swift`), Swift literals and doc-comment lines (the one
//! type map of the Swift backend; FFI types are spelled in `ffi.rs`).

use super::ffi::swift_ffi_type;
use super::names::{type_name, var_name};
use crate::backend::doc_lines;
use crate::config::LangConfig;
use crate::ir::{Literal, Type};

/// A user-level type as Swift sees it.
pub struct SwiftType {
    /// The Swift type (`UInt32`, `String`, `[String: Int32]`, `MathError?`).
    pub name: String,
    /// The converter enum (`UniffiConverterU32`, ...).
    pub converter: String,
    /// What converter body `types.swift` renders: `int`, `float`, `bool`, `string`,
    /// `optional`, `sequence`, `map`, or `user` (rendered by the record/enum templates).
    pub kind: &'static str,
    /// Floats: the unsigned integer type of their bit pattern on the wire.
    pub bits: &'static str,
    /// Converters of the contained types (optional/sequence: 1; map: key, value; custom: the
    /// builtin).
    pub inner: Vec<String>,
    /// Custom types: the builtin's Swift name, its FFI type in Swift, and the conversions
    /// (`{}` stands for the value) from the `[bindings.swift.custom_types]` config.
    pub custom: Option<CustomView>,
    /// Doc comment lines (custom types' typealias).
    pub doc: Vec<String>,
}

/// How a custom type converts to and from its builtin type.
pub struct CustomView {
    pub ffi_type: String,
    /// `Some(target)` renders `public typealias <name> = <target>`.
    pub alias_of: Option<String>,
    /// Expression turning `builtinValue` into the custom type.
    pub into_custom: String,
    /// Expression turning `value` into the builtin type.
    pub from_custom: String,
}

impl SwiftType {
    pub fn of(t: &Type, cfg: &LangConfig) -> SwiftType {
        let converter = format!("UniffiConverter{}", t.canonical_name());
        let make = |name: &str, kind: &'static str, bits: &'static str, inner: Vec<String>| SwiftType {
            name: name.into(),
            converter: converter.clone(),
            kind,
            bits,
            inner,
            custom: None,
            doc: Vec::new(),
        };
        let int = |name: &str| make(name, "int", "", vec![]);
        match t {
            Type::U8 => int("UInt8"),
            Type::I8 => int("Int8"),
            Type::U16 => int("UInt16"),
            Type::I16 => int("Int16"),
            Type::U32 => int("UInt32"),
            Type::I32 => int("Int32"),
            Type::U64 => int("UInt64"),
            Type::I64 => int("Int64"),
            Type::F32 => make("Float", "float", "UInt32", vec![]),
            Type::F64 => make("Double", "float", "UInt64", vec![]),
            Type::Bool => make("Bool", "bool", "", vec![]),
            Type::String => make("String", "string", "", vec![]),
            Type::Optional(i) => {
                let i = SwiftType::of(i, cfg);
                make(&format!("{}?", i.name), "optional", "", vec![i.converter])
            }
            Type::Sequence(i) => {
                let i = SwiftType::of(i, cfg);
                make(&format!("[{}]", i.name), "sequence", "", vec![i.converter])
            }
            Type::Set(i) => {
                let i = SwiftType::of(i, cfg);
                make(&format!("Set<{}>", i.name), "set", "", vec![i.converter])
            }
            Type::Map(k, v) => {
                let (k, v) = (SwiftType::of(k, cfg), SwiftType::of(v, cfg));
                make(&format!("[{}: {}]", k.name, v.name), "map", "", vec![k.converter, v.converter])
            }
            Type::Bytes => make("Data", "bytes", "", vec![]),
            Type::Timestamp => make("Date", "timestamp", "", vec![]),
            Type::Duration => make("TimeInterval", "duration", "", vec![]),
            Type::Custom { name, builtin } => {
                let b = SwiftType::of(builtin, cfg);
                let name = type_name(name);
                let conf = cfg.custom_types.get(t.user_name().unwrap_or_default());
                let subst = |e: Option<&String>, v: &str| e.map_or(v.to_string(), |e| e.replace("{}", v));
                let view = CustomView {
                    ffi_type: swift_ffi_type(&builtin.ffi_type()),
                    alias_of: match conf {
                        None => Some(b.name.clone()),
                        Some(c) => c.type_name.clone(),
                    },
                    into_custom: subst(conf.and_then(|c| c.into_custom.as_ref().or(c.lift.as_ref())), "builtinValue"),
                    from_custom: subst(conf.and_then(|c| c.from_custom.as_ref().or(c.lower.as_ref())), "value"),
                };
                let mut st = make(&name, "custom", "", vec![b.converter]);
                st.custom = Some(view);
                st
            }
            Type::Record(n) | Type::Enum(n) | Type::CallbackInterface(n) | Type::Object { name: n, .. } => {
                make(&type_name(n), "user", "", vec![])
            }
        }
    }
}

/// A default value of type `t` as Swift source (arguments and fields), as upstream writes it:
/// a `Default::default()` is `nil` / `[]` / `[:]` for optionals, sequences and maps, the
/// builtin's default for custom types, and `.init()` otherwise.
pub fn default_value(l: &Literal, t: &Type) -> String {
    match (l, t) {
        (Literal::Default, Type::Optional(_)) => "nil".into(),
        (Literal::Default, Type::Sequence(_) | Type::Set(_)) => "[]".into(),
        (Literal::Default, Type::Map(..)) => "[:]".into(),
        (Literal::Default, Type::Custom { builtin, .. }) => default_value(l, builtin),
        _ => literal(l),
    }
}

/// A literal as Swift source (discriminants; defaults go through [`default_value`]).
pub fn literal(l: &Literal) -> String {
    match l {
        Literal::Bool(b) => b.to_string(),
        Literal::String(s) => swift_string(s),
        Literal::UInt(v) => v.to_string(),
        Literal::Int(v) => v.to_string(),
        Literal::Float(s) => s.clone(),
        Literal::None => "nil".into(),
        Literal::EmptySequence | Literal::EmptySet => "[]".into(),
        Literal::EmptyMap => "[:]".into(),
        Literal::Default => ".init()".into(),
        Literal::Enum { variant, .. } => format!(".{}", var_name(variant)),
    }
}

/// A Swift string literal with everything outside printable ASCII escaped.
fn swift_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A docstring as doc-comment lines (empty without one).
pub fn docs(doc: &Option<String>) -> Vec<String> {
    doc.as_deref().map(|d| doc_lines(d).into_iter().map(str::to_owned).collect()).unwrap_or_default()
}
