//! Reads IR types and FFI types; produces each type's TypeScript annotation, converter name and
//! converter kind (the one JS type map), plus the koffi spelling of FFI types.

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use crate::config::LangConfig;
use crate::ir::{FfiType, Type};
use crate::render::renamed;

/// A type as JavaScript sees it.
pub struct JsType {
    /// The TypeScript annotation (`number`, `bigint`, `string`, `Array<string>`, ...).
    pub ts: String,
    /// The converter object (`UniffiConverterU32`, ...).
    pub converter: String,
    /// What converter body to render: `int`, `bigint`, `float`, `bool`, `string`, `optional`,
    /// `sequence`, `map`, or `user` (rendered by the record/enum templates).
    pub kind: &'static str,
    /// The canonical type name (`U32`), for messages.
    pub canonical: String,
    /// DataView accessor suffix on the wire (`Uint32`, `BigInt64`, `Float64`, ...).
    pub view: &'static str,
    /// Byte size on the wire of scalar kinds.
    pub size: usize,
    /// Inclusive range of integer kinds, as JS literals (`0`, `4294967295`, `-9223372036854775808n`).
    pub min: String,
    pub max: String,
    /// Converters of the contained types (option/sequence: 1; map: key, value).
    pub inner: Vec<String>,
}

impl JsType {
    pub fn of(t: &Type, cfg: &LangConfig) -> JsType {
        let converter = format!("UniffiConverter{}", t.canonical_name());
        let base = |ts: &str, kind: &'static str, view: &'static str, size: usize| JsType {
            ts: ts.into(),
            converter: converter.clone(),
            kind,
            canonical: t.canonical_name(),
            view,
            size,
            min: String::new(),
            max: String::new(),
            inner: vec![],
        };
        let int = |view: &'static str, size: usize, min: i128, max: i128| JsType {
            min: min.to_string(),
            max: max.to_string(),
            ..base("number", "int", view, size)
        };
        let big = |view: &'static str, min: i128, max: i128| JsType {
            min: format!("{min}n"),
            max: format!("{max}n"),
            ..base("bigint", "bigint", view, 8)
        };
        let nested = |ts: String, kind: &'static str, inner: Vec<String>| JsType { inner, ..base(&ts, kind, "", 0) };
        match t {
            Type::U8 => int("Uint8", 1, 0, u8::MAX.into()),
            Type::I8 => int("Int8", 1, i8::MIN.into(), i8::MAX.into()),
            Type::U16 => int("Uint16", 2, 0, u16::MAX.into()),
            Type::I16 => int("Int16", 2, i16::MIN.into(), i16::MAX.into()),
            Type::U32 => int("Uint32", 4, 0, u32::MAX.into()),
            Type::I32 => int("Int32", 4, i32::MIN.into(), i32::MAX.into()),
            Type::U64 => big("BigUint64", 0, u64::MAX.into()),
            Type::I64 => big("BigInt64", i64::MIN.into(), i64::MAX.into()),
            Type::F32 => base("number", "float", "Float32", 4),
            Type::F64 => base("number", "float", "Float64", 8),
            Type::Bool => base("boolean", "bool", "Int8", 1),
            Type::String => base("string", "string", "", 0),
            Type::Optional(i) => {
                let i = JsType::of(i, cfg);
                nested(format!("{} | undefined", i.ts), "optional", vec![i.converter])
            }
            Type::Sequence(i) => {
                let i = JsType::of(i, cfg);
                nested(format!("Array<{}>", i.ts), "sequence", vec![i.converter])
            }
            Type::Map(k, v) => {
                let (k, v) = (JsType::of(k, cfg), JsType::of(v, cfg));
                nested(format!("Map<{}, {}>", k.ts, v.ts), "map", vec![k.converter, v.converter])
            }
            Type::Bytes => base("Uint8Array", "bytes", "", 0),
            Type::Timestamp => base("Date", "timestamp", "", 0),
            Type::Duration => base("number", "duration", "", 0),
            Type::Record(n)
            | Type::Enum(n)
            | Type::CallbackInterface(n)
            | Type::Object { name: n, .. }
            | Type::Custom { name: n, .. } => base(&class_name(cfg, n), "user", "", 0),
        }
    }
}

/// The exported name of a user type.
pub fn class_name(cfg: &LangConfig, rust: &str) -> String {
    renamed(cfg, rust, rust.to_upper_camel_case())
}

/// A lowerCamelCase identifier that is safe as a JS binding name.
pub fn ident(rust: &str) -> String {
    let name = rust.to_lower_camel_case();
    if RESERVED.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Reserved words (and strict-mode / module restricted names) that cannot be binding names.
const RESERVED: &[&str] = &[
    "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger",
    "default", "delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally",
    "for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let",
    "new", "null", "package", "private", "protected", "public", "return", "static", "super",
    "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
];

/// The koffi type expression for an FFI type (a JS expression, evaluated once at load time).
pub fn koffi_type(t: &FfiType) -> String {
    match t {
        FfiType::U8 => "'uint8_t'".into(),
        FfiType::I8 => "'int8_t'".into(),
        FfiType::U16 => "'uint16_t'".into(),
        FfiType::I16 => "'int16_t'".into(),
        FfiType::U32 => "'uint32_t'".into(),
        FfiType::I32 => "'int32_t'".into(),
        FfiType::U64 | FfiType::Handle => "'uint64_t'".into(),
        FfiType::I64 => "'int64_t'".into(),
        FfiType::F32 => "'float'".into(),
        FfiType::F64 => "'double'".into(),
        FfiType::RustBuffer => "UniffiRustBuffer".into(),
        FfiType::ForeignBytes => "UniffiForeignBytes".into(),
        FfiType::RustCallStatus => "UniffiRustCallStatus".into(),
        FfiType::Callback(n) => format!("koffi.pointer(Uniffi{n})"),
        FfiType::Struct(n) => format!("Uniffi{n}"),
        FfiType::Reference(t) | FfiType::MutReference(t) => format!("koffi.pointer({})", koffi_type(t)),
        FfiType::VoidPointer => "'void *'".into(),
    }
}
