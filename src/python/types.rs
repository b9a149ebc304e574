//! Reads IR types and the `[bindings.python]` config; produces each type's Python hint and
//! converter name (the one type map), default-value literals and docstring blocks.

use std::collections::BTreeMap;
use std::ops::Deref;

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use crate::config::LangConfig;
use crate::ir::{FfiType, Literal, Module, Type};
use crate::render::doc_lines;

/// The `[bindings.python]` config plus what the module imports from other components: every
/// type-mapping function takes this instead of the bare config.
pub struct PyCx<'a> {
    cfg: &'a LangConfig,
    /// Type name -> the local name of the Python module that defines it (`geometry`).
    external: BTreeMap<String, String>,
}

impl<'a> PyCx<'a> {
    pub fn new(cfg: &'a LangConfig, m: &Module) -> Self {
        let external = m
            .external_types
            .iter()
            .filter_map(|e| e.ty.user_name().map(|n| (n.to_owned(), e.namespace.clone())))
            .collect();
        PyCx { cfg, external }
    }

    /// The `import` statement of every component this module uses types from, sorted.
    /// `[bindings.python] external_packages = { <namespace> = "<module path>" }` overrides
    /// the default plain `import <namespace>`: `"."` or `".<namespace>"` imports it relative to
    /// this module's package, `"pkg.<namespace>"` from that package.
    pub fn external_imports(&self) -> Vec<String> {
        let mut namespaces: Vec<&String> = self.external.values().collect();
        namespaces.sort();
        namespaces.dedup();
        namespaces
            .into_iter()
            .map(|ns| {
                let path = self.cfg.external_packages.get(ns).map(String::as_str).unwrap_or("");
                let path = if path.is_empty() { ns.as_str() } else if path == "." { "" } else { path };
                let alias = |last: &str| if last == ns { String::new() } else { format!(" as {ns}") };
                match path.rsplit_once('.') {
                    _ if path.is_empty() => format!("from . import {ns}"),
                    Some((head, last)) => {
                        let head = if head.is_empty() { "." } else { head };
                        format!("from {head} import {last}{}", alias(last))
                    }
                    None => format!("import {path}{}", alias(path)),
                }
            })
            .collect()
    }
}

impl Deref for PyCx<'_> {
    type Target = LangConfig;

    fn deref(&self) -> &LangConfig {
        self.cfg
    }
}

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
        let int = |fmt: &'static str, min: i128, max: i128| PyType {
            min: min.to_string(),
            max: max.to_string(),
            ..base("int", "int", fmt, vec![])
        };
        if let Some(ns) = t.user_name().and_then(|n| cfg.external.get(n)) {
            // Defined by another component: its module has the class and the converter; the
            // local converter only re-frames buffers (each module has its own RustBuffer).
            let name = t.user_name().unwrap_or_default().to_upper_camel_case();
            let kind = if t.ffi_type() == FfiType::RustBuffer { "external_buffer" } else { "external" };
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
            Type::F32 => base("float", "float", ">f", vec![]),
            Type::F64 => base("float", "float", ">d", vec![]),
            Type::Bool => base("bool", "bool", ">b", vec![]),
            Type::String => base("str", "string", "", vec![]),
            Type::Bytes => base("bytes", "bytes", "", vec![]),
            Type::Timestamp => base("datetime.datetime", "timestamp", "", vec![]),
            Type::Duration => base("datetime.timedelta", "duration", "", vec![]),
            Type::Optional(i) => {
                let i = PyType::of(i, cfg);
                base(&format!("{} | None", i.hint), "optional", "", vec![i.converter])
            }
            Type::Sequence(i) => {
                let i = PyType::of(i, cfg);
                base(&format!("list[{}]", i.hint), "sequence", "", vec![i.converter])
            }
            Type::Map(k, v) => {
                let (k, v) = (PyType::of(k, cfg), PyType::of(v, cfg));
                let hint = format!("dict[{}, {}]", k.hint, v.hint);
                base(&hint, "map", "", vec![k.converter, v.converter])
            }
            Type::Custom { name, builtin } => {
                let b = PyType::of(builtin, cfg);
                let c = cfg.custom_types.get(name);
                let conv = |expr: Option<&String>, var: &str| {
                    expr.map_or_else(|| var.to_owned(), |e| e.replace("{}", var))
                };
                PyType {
                    alias: c.and_then(|c| c.type_name.clone()).unwrap_or_else(|| b.hint.clone()),
                    into_custom: conv(c.and_then(|c| c.into_custom.as_ref().or(c.lift.as_ref())), "builtin"),
                    from_custom: conv(c.and_then(|c| c.from_custom.as_ref().or(c.lower.as_ref())), "value"),
                    ..base(&name.to_upper_camel_case(), "custom", "", vec![b.converter])
                }
            }
            Type::Record(n) | Type::Enum(n) => base(&n.to_upper_camel_case(), "user", "", vec![]),
            Type::Object { name: n, .. } => base(&n.to_upper_camel_case(), "object", "", vec![]),
            Type::CallbackInterface(n) => base(&n.to_upper_camel_case(), "callback", "", vec![]),
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
        Literal::EmptyMap => "{}".into(),
        Literal::Enum { enum_name, variant } => {
            format!("{}.{}", enum_name.to_upper_camel_case(), variant.to_shouty_snake_case())
        }
    }
}

/// A default value for a parameter of type `ty`: `(signature literal, fresh expression)`.
/// Mutable values (lists, dicts) must not be shared between calls, so they get a fresh
/// expression evaluated in the body and the signature uses the `_UNIFFI_DEFAULT` sentinel.
/// `None` when the type has no sensible Python default (`Default::default()` of a record).
pub fn default_value(l: &Literal, ty: &Type) -> Option<(String, Option<String>)> {
    let fresh = |e: &str| Some(("_UNIFFI_DEFAULT".to_owned(), Some(e.to_owned())));
    match (l, ty) {
        (Literal::EmptySequence, _) => fresh("[]"),
        (Literal::EmptyMap, _) => fresh("{}"),
        (Literal::Default, Type::Sequence(_)) => fresh("[]"),
        (Literal::Default, Type::Map(..)) => fresh("{}"),
        (Literal::Default, t) => {
            let lit = match t {
                Type::U8 | Type::I8 | Type::U16 | Type::I16 | Type::U32 | Type::I32 | Type::U64 | Type::I64 => "0",
                Type::F32 | Type::F64 => "0.0",
                Type::Bool => "False",
                Type::String => "\"\"",
                Type::Bytes => "b\"\"",
                Type::Optional(_) => "None",
                Type::Duration => return fresh("datetime.timedelta()"),
                Type::Custom { builtin, .. } => return default_value(l, builtin),
                _ => return None,
            };
            Some((lit.to_owned(), None))
        }
        (Literal::Float(_) | Literal::Int(_) | Literal::UInt(_), Type::F32 | Type::F64) => {
            let s = literal(l);
            let float = if s.contains(['.', 'e', 'E', 'n', 'i']) { s } else { format!("{s}.0") };
            Some((float, None))
        }
        _ => Some((literal(l), None)),
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

/// A docstring block (`"""..."""`), continuation lines indented by `indent` spaces.
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
    } else if body.ends_with('"') {
        body.insert(body.len() - 1, '\\');
    }
    format!("\"\"\"{body}\"\"\"")
}
