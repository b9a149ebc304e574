//! Reads IR types; produces each type's Python hint and converter name (the one type map).

use heck::ToUpperCamelCase;

use crate::config::LangConfig;
use crate::ir::{Literal, Type};
use crate::render::renamed;

/// A type as Python sees it.
pub struct PyType {
    /// The annotation (`int`, `str`, `typing.Optional[str]`, `Point`).
    pub hint: String,
    /// The converter class (`_UniffiConverterU32`, ...).
    pub converter: String,
    /// What converter body to render: `int`, `float`, `bool`, `string`, `optional`,
    /// `sequence`, `map`, or `user` (rendered by the record/enum templates).
    pub kind: &'static str,
    /// The canonical type name (`U32`), for messages.
    pub canonical: String,
    /// `struct` format of a scalar on the wire (big-endian).
    pub fmt: &'static str,
    /// Inclusive range of integer kinds, as Python literals.
    pub min: String,
    pub max: String,
    /// Converters of the contained types (option/sequence: 1; map: key, value).
    pub inner: Vec<String>,
}

impl PyType {
    /// Whether the converter's `lift` is precisely typed (scalars and strings); buffer
    /// converters return `typing.Any` and need a cast.
    pub fn lift_is_typed(&self) -> bool {
        matches!(self.kind, "int" | "float" | "bool" | "string")
    }

    pub fn of(t: &Type, cfg: &LangConfig) -> PyType {
        let converter = format!("_UniffiConverter{}", t.canonical_name());
        let int = |fmt: &'static str, min: i128, max: i128| PyType {
            hint: "int".into(),
            converter: converter.clone(),
            kind: "int",
            canonical: t.canonical_name(),
            fmt,
            min: min.to_string(),
            max: max.to_string(),
            inner: vec![],
        };
        let simple = |hint: &str, kind: &'static str, fmt: &'static str, inner: Vec<String>| PyType {
            hint: hint.into(),
            converter: converter.clone(),
            kind,
            canonical: t.canonical_name(),
            fmt,
            min: String::new(),
            max: String::new(),
            inner,
        };
        match t {
            Type::U8 => int(">B", 0, u8::MAX.into()),
            Type::I8 => int(">b", i8::MIN.into(), i8::MAX.into()),
            Type::U16 => int(">H", 0, u16::MAX.into()),
            Type::I16 => int(">h", i16::MIN.into(), i16::MAX.into()),
            Type::U32 => int(">I", 0, u32::MAX.into()),
            Type::I32 => int(">i", i32::MIN.into(), i32::MAX.into()),
            Type::U64 => int(">Q", 0, u64::MAX.into()),
            Type::I64 => int(">q", i64::MIN.into(), i64::MAX.into()),
            Type::F32 => simple("float", "float", ">f", vec![]),
            Type::F64 => simple("float", "float", ">d", vec![]),
            Type::Bool => simple("bool", "bool", ">b", vec![]),
            Type::String => simple("str", "string", "", vec![]),
            Type::Optional(i) => {
                let i = PyType::of(i, cfg);
                simple(&format!("{} | None", i.hint), "optional", "", vec![i.converter])
            }
            Type::Sequence(i) => {
                let i = PyType::of(i, cfg);
                simple(&format!("list[{}]", i.hint), "sequence", "", vec![i.converter])
            }
            Type::Map(k, v) => {
                let (k, v) = (PyType::of(k, cfg), PyType::of(v, cfg));
                let hint = format!("dict[{}, {}]", k.hint, v.hint);
                simple(&hint, "map", "", vec![k.converter, v.converter])
            }
            Type::Bytes => simple("bytes", "bytes", "", vec![]),
            Type::Timestamp => simple("datetime.datetime", "timestamp", "", vec![]),
            Type::Duration => simple("datetime.timedelta", "duration", "", vec![]),
            Type::Record(n)
            | Type::Enum(n)
            | Type::CallbackInterface(n)
            | Type::Object { name: n, .. }
            | Type::Custom { name: n, .. } => {
                let hint = renamed(cfg, n, n.to_upper_camel_case());
                simple(&hint, "user", "", vec![])
            }
        }
    }
}

/// A literal as Python source.
pub fn literal(l: &Literal) -> String {
    match l {
        Literal::Bool(true) => "True".into(),
        Literal::Bool(false) => "False".into(),
        Literal::String(s) => format!("{s:?}"),
        Literal::UInt(v) => v.to_string(),
        Literal::Int(v) => v.to_string(),
        Literal::Float(s) => s.clone(),
        Literal::None | Literal::Default => "None".into(),
        Literal::EmptySequence => "[]".into(),
        Literal::EmptyMap => "{}".into(),
        Literal::Enum { enum_name, variant } => {
            format!("{}.{}", enum_name.to_upper_camel_case(), heck::ToShoutySnakeCase::to_shouty_snake_case(variant.as_str()))
        }
    }
}
