//! Reads IR types and the `[bindings.python]` config; produces each type's Python hint and
//! converter name (the one type map), the error converters of objects thrown as errors,
//! default-value literals and docstring blocks.

use crate::ir::{FfiType, Literal, Type};
use crate::backend::doc_lines;

use super::names;
use super::options::PyCx;

/// A type as Python sees it.
pub struct PyType {
    /// The annotation (`int`, `str`, `str | None`, `Point`, `RowId`).
    pub hint: String,
    /// The converter class (`_UniffiConverterU32`, ...).
    pub converter: String,
    /// What converter body to render: `int`, `float`, `bool`, `string`, `bytes`, `timestamp`,
    /// `duration`, `optional`, `sequence`, `map`, `custom`, or `user` / `object` / `callback`
    /// (rendered by the record/enum, object and callback templates).
    pub kind: &'static str,
    /// The canonical type name (`U32`), for messages.
    pub canonical: String,
    /// `struct` format of a scalar on the wire (big-endian).
    pub fmt: &'static str,
    /// Inclusive range of integer kinds, as Python literals.
    pub min: String,
    pub max: String,
    /// Converters of the contained types (option/sequence/custom: 1; map: key, value).
    pub inner: Vec<String>,
    /// Custom types only: what the public alias names (`int`, or the configured `type_name`).
    pub alias: String,
    /// Custom types only: expressions converting `builtin` into the custom type and `value`
    /// back into the builtin (`builtin` / `value` when no conversion is configured).
    pub into_custom: String,
    pub from_custom: String,
}

impl PyType {
    /// Whether the converter's `lift` is precisely typed (scalars and strings); buffer
    /// converters return `typing.Any` and need a cast.
    pub fn lift_is_typed(&self) -> bool {
        matches!(self.kind, "int" | "float" | "bool" | "string" | "object" | "callback")
    }

    pub fn of(t: &Type, cfg: &PyCx<'_>) -> PyType {
        let converter = format!("_UniffiConverter{}", t.canonical_name());
        let base = |hint: &str, kind: &'static str, fmt: &'static str, inner: Vec<String>| PyType {
            hint: hint.into(),
            converter: converter.clone(),
            kind,
            canonical: t.canonical_name(),
            fmt,
            min: String::new(),
            max: String::new(),
            inner,
            alias: String::new(),
            into_custom: String::new(),
            from_custom: String::new(),
        };
        let b = |name: &str| cfg.builtin(name);
        let int = |fmt: &'static str, min: i128, max: i128| PyType {
            min: min.to_string(),
            max: max.to_string(),
            ..base(&b("int"), "int", fmt, vec![])
        };
        if let Some(ns) = t.user_name().and_then(|n| cfg.external.get(n)) {
            // Defined by another component: its module has the class and the converter; the
            // local converter only re-frames buffers (each module has its own RustBuffer).
            let name = names::type_name(t.user_name().unwrap_or_default());
            // A string (or a custom type over one) crosses as its bare UTF-8 bytes, not framed.
            let mut base_ty = t;
            while let Type::Custom { builtin, .. } = base_ty {
                base_ty = builtin;
            }
            let kind = match (t.ffi_type(), base_ty) {
                (_, Type::String) => "external_string",
                (FfiType::RustBuffer, _) => "external_buffer",
                _ => "external",
            };
            return base(&format!("{ns}.{name}"), kind, "", vec![format!("{ns}.{converter}"), format!("{ns}._UniffiReader")]);
        }
        match t {
            Type::U8 => int(">B", 0, u8::MAX.into()),
            Type::I8 => int(">b", i8::MIN.into(), i8::MAX.into()),
            Type::U16 => int(">H", 0, u16::MAX.into()),
            Type::I16 => int(">h", i16::MIN.into(), i16::MAX.into()),
            Type::U32 => int(">I", 0, u32::MAX.into()),
            Type::I32 => int(">i", i32::MIN.into(), i32::MAX.into()),
            Type::U64 => int(">Q", 0, u64::MAX.into()),
            Type::I64 => int(">q", i64::MIN.into(), i64::MAX.into()),
            Type::F32 => base(&b("float"), "float", ">f", vec![]),
            Type::F64 => base(&b("float"), "float", ">d", vec![]),
            Type::Bool => base(&b("bool"), "bool", ">b", vec![]),
            Type::String => base(&b("str"), "string", "", vec![]),
            Type::Bytes => base(&b("bytes"), "bytes", "", vec![]),
            Type::Timestamp => base(&format!("{}.datetime", cfg.module("datetime")), "timestamp", "", vec![]),
            Type::Duration => base(&format!("{}.timedelta", cfg.module("datetime")), "duration", "", vec![]),
            Type::Optional(i) => {
                let i = PyType::of(i, cfg);
                base(&format!("{} | None", i.hint), "optional", "", vec![i.converter])
            }
            Type::Sequence(i) => {
                let i = PyType::of(i, cfg);
                base(&format!("{}[{}]", b("list"), i.hint), "sequence", "", vec![i.converter])
            }
            Type::Set(i) => {
                let i = PyType::of(i, cfg);
                base(&format!("{}[{}]", b("set"), i.hint), "set", "", vec![i.converter])
            }
            Type::Map(k, v) => {
                let (k, v) = (PyType::of(k, cfg), PyType::of(v, cfg));
                let hint = format!("{}[{}, {}]", b("dict"), k.hint, v.hint);
                base(&hint, "map", "", vec![k.converter, v.converter])
            }
            Type::Custom { name, builtin } => {
                let b = PyType::of(builtin, cfg);
                let c = cfg.custom_config(name);
                let conv = |expr: Option<&String>, var: &str| {
                    expr.map_or_else(|| var.to_owned(), |e| e.replace("{}", var))
                };
                PyType {
                    alias: c.and_then(|c| c.type_name.clone()).unwrap_or_else(|| b.hint.clone()),
                    into_custom: conv(c.and_then(|c| c.into_custom.as_ref().or(c.lift.as_ref())), "builtin"),
                    from_custom: conv(c.and_then(|c| c.from_custom.as_ref().or(c.lower.as_ref())), "value"),
                    ..base(&names::type_name(name), "custom", "", vec![b.converter])
                }
            }
            Type::Record(n) | Type::Enum(n) => base(&names::type_name(n), "user", "", vec![]),
            Type::Object { name: n, .. } => base(&names::type_name(n), "object", "", vec![]),
            Type::CallbackInterface(n) => base(&names::type_name(n), "callback", "", vec![]),
        }
    }
}

/// A literal as Python source.
pub fn literal(l: &Literal) -> String {
    match l {
        Literal::Bool(true) => "True".into(),
        Literal::Bool(false) => "False".into(),
        Literal::String(s) => py_string(s),
        Literal::UInt(v) => v.to_string(),
        Literal::Int(v) => v.to_string(),
        Literal::Float(s) => s.clone(),
        Literal::None | Literal::Default => "None".into(),
        Literal::EmptySequence => "[]".into(),
        Literal::EmptySet => "{*()}".into(),
        Literal::EmptyMap => "{}".into(),
        Literal::Enum { enum_name, variant } => {
            format!("{}.{}", names::type_name(enum_name), names::variant_name(variant, false))
        }
    }
}

/// How a default value is written.
pub enum Default {
    /// An immutable literal, written in the signature (`3`, `"a"`, `None`, `Mode.FAST`).
    Literal(String),
    /// A fresh list or dict (`[]`, `{}`): fine in a signature whose value is lowered at once,
    /// created per call (`_UNIFFI_DEFAULT` in the signature) where it is stored.
    Mutable(String),
    /// A value constructed per call (`Point()`, `datetime.timedelta()`): the signature has the
    /// `_UNIFFI_DEFAULT` sentinel and the body evaluates it (it may name a class declared later).
    Constructed(String),
}

/// A default value for a parameter or field of type `ty`, as upstream renders it; `None`
/// when Python has no way to write it (`Default::default()` of a flat enum or callback
/// interface, an object whose primary constructor needs arguments).
pub fn default_value(l: &Literal, ty: &Type, cfg: &PyCx<'_>) -> Option<Default> {
    let lit = |s: &str| Some(Default::Literal(s.to_owned()));
    match (l, ty) {
        (Literal::EmptySequence, _) => Some(Default::Mutable("[]".into())),
        (Literal::EmptySet, _) | (Literal::Default, Type::Set(_)) => Some(Default::Mutable("{*()}".into())),
        (Literal::EmptyMap, _) => Some(Default::Mutable("{}".into())),
        (Literal::Default, Type::Sequence(_)) => Some(Default::Mutable("[]".into())),
        (Literal::Default, Type::Map(..)) => Some(Default::Mutable("{}".into())),
        (Literal::Default, t) => match t {
            Type::U8 | Type::I8 | Type::U16 | Type::I16 | Type::U32 | Type::I32 | Type::U64 | Type::I64 => lit("0"),
            Type::F32 | Type::F64 => lit("0.0"),
            Type::Bool => lit("False"),
            Type::String => lit("\"\""),
            Type::Bytes => lit("b\"\""),
            Type::Optional(_) => lit("None"),
            Type::Duration => Some(Default::Constructed("_uniffi_datetime.timedelta()".into())),
            Type::Custom { builtin, .. } => default_value(l, builtin, cfg),
            Type::Record(_) => Some(Default::Constructed(format!("{}()", PyType::of(t, cfg).hint))),
            // Enums only when known to have data (a flat `enum.Enum` has no `Name()`).
            Type::Enum(n) if cfg.data_enums.contains(n) => Some(Default::Constructed(format!("{}()", names::type_name(n)))),
            Type::Object { name, .. } if cfg.constructible.contains(name) => {
                Some(Default::Constructed(format!("{}()", names::type_name(name))))
            }
            _ => None,
        },
        (Literal::Float(_) | Literal::Int(_) | Literal::UInt(_), Type::F32 | Type::F64) => {
            let s = literal(l);
            let float = if s.contains(['.', 'e', 'E', 'n', 'i']) { s } else { format!("{s}.0") };
            Some(Default::Literal(float))
        }
        _ => Some(Default::Literal(literal(l))),
    }
}

/// A Python string literal (double-quoted, escaped).
pub fn py_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A docstring block (`"""..."""`), continuation lines indented by `indent` spaces. Its value
/// (`__doc__`) is the doc comment's text: backslashes and `"""` are escaped once, here.
pub fn docstring(doc: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let lines: Vec<String> = doc_lines(doc)
        .into_iter()
        .map(|l| l.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\""))
        .collect();
    let mut body = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if i == 0 || l.is_empty() { l.clone() } else { format!("{pad}{l}") })
        .collect::<Vec<_>>()
        .join("\n");
    if lines.len() > 1 {
        body.push('\n');
        body.push_str(&pad);
    } else if body.ends_with('"') && body[..body.len() - 1].chars().rev().take_while(|&c| c == '\\').count() % 2 == 0 {
        // An unescaped quote right before the closing `"""` would end the string early.
        body.insert(body.len() - 1, '\\');
    }
    format!("\"\"\"{body}\"\"\"")
}

/// An optional docstring block (see [`docstring`]).
pub fn doc(d: &Option<String>, indent: usize) -> Option<String> {
    d.as_deref().map(|d| docstring(d, indent))
}

/// The converter reading an object error out of a call status's error buffer.
pub fn error_converter(t: &Type) -> String {
    format!("_UniffiErrorConverter{}", t.canonical_name())
}

#[cfg(test)]
mod tests {
    use super::docstring;

    #[test]
    fn docstrings_escape_quotes_and_backslashes_once() {
        assert_eq!(docstring("plain", 4), "\"\"\"plain\"\"\"");
        assert_eq!(docstring(r#"a \ b"#, 0), r#""""a \\ b""""#);
        assert_eq!(docstring(r#"says """hi""""#, 0), r#""""says \"\"\"hi\"\"\"""""#);
        assert_eq!(docstring(r#"ends with "q""#, 0), r#""""ends with "q\"""""#);
        assert_eq!(docstring(r#"ends with \"#, 0), r#""""ends with \\""""#);
    }
}
