//! Reads IR types and literals; produces each type's TypeScript annotations, converter name and
//! converter kind (the one JS type map), the custom types' TypeScript aliases, and default-value
//! expressions. (The koffi spelling of FFI types is in `ffi.rs`.)

use heck::ToUpperCamelCase;

use crate::config::LangConfig;
use crate::ir::{Literal, Module, Type};

use super::names::{converter_name, type_name};
use super::options::jsdoc;

/// A type as JavaScript sees it.
pub struct JsType {
    /// The TypeScript annotation of values coming out of Rust (`number`, `string | null`, ...).
    pub ts: String,
    /// The TypeScript annotation accepted as input (options also take `undefined`).
    pub ts_in: String,
    /// The converter object (`UniffiConverterU32`, ...).
    pub converter: String,
    /// What converter body `types.js` renders: `int`, `bigint`, `float`, `bool`, `string`,
    /// `bytes`, `timestamp`, `duration`, `optional`, `sequence`, `map`, `custom`, or `user`
    /// (rendered by the record/enum/object/callback templates).
    pub kind: &'static str,
    /// The canonical type name (`U32`), for messages.
    pub canonical: String,
    /// DataView accessor suffix on the wire (`Uint32`, `BigInt64`, `Float64`, ...).
    pub view: &'static str,
    /// `BigInt` method that reads a 64-bit integer kind's raw FFI value at its signedness
    /// (`asUintN`, `asIntN`): koffi hands a callback's `uint64_t` argument over as signed.
    pub bigint_cast: &'static str,
    /// Byte size on the wire of scalar kinds.
    pub size: usize,
    /// Inclusive range of integer kinds, as JS literals (`0`, `4294967295`, `-9223372036854775808n`).
    pub min: String,
    pub max: String,
    /// Converters of the contained types (option/sequence/custom: 1; map: key, value).
    pub inner: Vec<String>,
    /// Custom types with a `[bindings.js.custom_types]` entry: `(into_custom, from_custom)`,
    /// JS expressions over `value`.
    pub conversion: Option<(String, String)>,
}

impl JsType {
    pub fn of(t: &Type, cfg: &LangConfig) -> JsType {
        let converter = converter_name(&t.canonical_name());
        let base = |ts: &str, kind: &'static str, view: &'static str, size: usize| JsType {
            ts: ts.into(),
            ts_in: ts.into(),
            converter: converter.clone(),
            kind,
            canonical: t.canonical_name(),
            view,
            bigint_cast: "",
            size,
            min: String::new(),
            max: String::new(),
            inner: vec![],
            conversion: None,
        };
        let int = |view: &'static str, size: usize, min: i128, max: i128| JsType {
            min: min.to_string(),
            max: max.to_string(),
            ..base("number", "int", view, size)
        };
        let big = |view: &'static str, cast: &'static str, min: i128, max: i128| JsType {
            min: format!("{min}n"),
            max: format!("{max}n"),
            bigint_cast: cast,
            ..base("bigint", "bigint", view, 8)
        };
        let nested = |ts: String, ts_in: String, kind: &'static str, inner: Vec<String>| JsType {
            inner,
            ts_in,
            ..base(&ts, kind, "", 0)
        };
        match t {
            Type::U8 => int("Uint8", 1, 0, u8::MAX.into()),
            Type::I8 => int("Int8", 1, i8::MIN.into(), i8::MAX.into()),
            Type::U16 => int("Uint16", 2, 0, u16::MAX.into()),
            Type::I16 => int("Int16", 2, i16::MIN.into(), i16::MAX.into()),
            Type::U32 => int("Uint32", 4, 0, u32::MAX.into()),
            Type::I32 => int("Int32", 4, i32::MIN.into(), i32::MAX.into()),
            Type::U64 => big("BigUint64", "asUintN", 0, u64::MAX.into()),
            Type::I64 => big("BigInt64", "asIntN", i64::MIN.into(), i64::MAX.into()),
            Type::F32 => base("number", "float", "Float32", 4),
            Type::F64 => base("number", "float", "Float64", 8),
            Type::Bool => base("boolean", "bool", "Int8", 1),
            Type::String => base("string", "string", "", 0),
            Type::Bytes => base("Uint8Array", "bytes", "", 0),
            Type::Timestamp => base("Date", "timestamp", "", 0),
            Type::Duration => base("number", "duration", "", 0),
            Type::Optional(i) => {
                let i = JsType::of(i, cfg);
                let (ts, ts_in) = (format!("{} | null", i.ts), format!("{} | null | undefined", i.ts_in));
                nested(ts, ts_in, "optional", vec![i.converter])
            }
            Type::Sequence(i) => {
                let i = JsType::of(i, cfg);
                nested(format!("Array<{}>", i.ts), format!("Array<{}>", i.ts_in), "sequence", vec![i.converter])
            }
            Type::Set(i) => {
                let i = JsType::of(i, cfg);
                nested(format!("Set<{}>", i.ts), format!("Set<{}>", i.ts_in), "set", vec![i.converter])
            }
            Type::Map(k, v) => {
                let (k, v) = (JsType::of(k, cfg), JsType::of(v, cfg));
                let ts = format!("Map<{}, {}>", k.ts, v.ts);
                let ts_in = format!("Map<{}, {}>", k.ts_in, v.ts_in);
                nested(ts, ts_in, "map", vec![k.converter, v.converter])
            }
            Type::Custom { name, builtin } => {
                let b = JsType::of(builtin, cfg);
                let custom = cfg.custom_types.get(name);
                let conversion = custom.and_then(|c| {
                    let into = c.into_custom.as_ref().or(c.lift.as_ref())?;
                    let from = c.from_custom.as_ref().or(c.lower.as_ref())?;
                    Some((into.replace("{}", "value"), from.replace("{}", "value")))
                });
                JsType { conversion, inner: vec![b.converter], ..base(&type_name(name), "custom", "", 0) }
            }
            // Rust trait objects are typed by their interface, plain objects by their class:
            // both carry the type's own name.
            Type::Record(n) | Type::Enum(n) | Type::CallbackInterface(n) | Type::Object { name: n, .. } => {
                base(&type_name(n), "user", "", 0)
            }
        }
    }
}

/// The custom types' TypeScript aliases: `(name, TypeScript type, JSDoc)`; the type is the
/// builtin's unless `[bindings.js.custom_types]` names one.
pub fn custom_aliases(m: &Module, cfg: &LangConfig) -> Vec<(String, String, String)> {
    m.custom_types
        .iter()
        .map(|c| {
            let t = JsType::of(&c.builtin, cfg);
            let ts = cfg.custom_types.get(&c.name).and_then(|c| c.type_name.clone()).unwrap_or(t.ts);
            let doc = c.docstring.as_deref().map(|d| jsdoc(d, "", &[])).unwrap_or_default();
            (type_name(&c.name), ts, doc)
        })
        .collect()
}

/// A JS expression for a default value of type `t`.
pub fn literal(m: &Module, t: &Type, l: &Literal) -> String {
    match (l, t) {
        (Literal::Bool(b), _) => b.to_string(),
        (Literal::String(s), _) => js_string(s),
        (Literal::UInt(v), Type::U64 | Type::I64) => format!("{v}n"),
        (Literal::Int(v), Type::U64 | Type::I64) => format!("{v}n"),
        (Literal::UInt(v), _) => v.to_string(),
        (Literal::Int(v), _) => v.to_string(),
        (Literal::Float(f), _) => f.clone(),
        (Literal::None, _) => "null".into(),
        (Literal::EmptySequence, _) => "[]".into(),
        (Literal::EmptySet, _) => "new Set()".into(),
        (Literal::EmptyMap, _) => "new Map()".into(),
        (Literal::Enum { variant, enum_name }, _) => {
            let flat = !m.enums.iter().any(|e| &e.name == enum_name && !e.is_flat);
            let tag = variant.to_upper_camel_case();
            if flat {
                format!("'{tag}'")
            } else {
                format!("{{ tag: '{tag}' }}")
            }
        }
        (Literal::Default, t) => type_default(t),
    }
}

/// `Default::default()` of a type, as a JS expression.
fn type_default(t: &Type) -> String {
    match t {
        Type::U64 | Type::I64 => "0n".into(),
        Type::Bool => "false".into(),
        Type::String => "''".into(),
        Type::Bytes => "new Uint8Array(0)".into(),
        Type::Duration => "0".into(),
        Type::Optional(_) => "null".into(),
        Type::Sequence(_) => "[]".into(),
        Type::Set(_) => "new Set()".into(),
        Type::Map(..) => "new Map()".into(),
        Type::Custom { builtin, .. } => type_default(builtin),
        _ => "0".into(),
    }
}

/// A JS string literal (double-quoted; Rust's escapes are a subset JS understands).
pub fn js_string(s: &str) -> String {
    format!("{s:?}")
}
