//! Reads IR types and FFI types; produces each type's Kotlin name, converter and JVM FFI
//! signature (the one type map of the Kotlin backend), the custom types' typealiases, literals
//! and default values (refusing those Kotlin cannot write, naming the item), and KDoc blocks.

use anyhow::Result;

use super::names::constant;
use super::options::Names;
use crate::config::LangConfig;
use crate::ir::{Callable, FfiType, Literal, Module, Type};

/// A custom type, rendered as a typealias of its builtin type (upstream's default) or of the
/// configured `type_name`.
pub struct KtAlias {
    pub doc: String,
    pub name: String,
    pub builtin: String,
}

/// The typealiases of the module's custom types.
pub fn aliases(m: &Module, cfg: &LangConfig, n: &Names) -> Vec<KtAlias> {
    m.custom_types
        .iter()
        .filter_map(|c| {
            // With conversions but no `type_name`, the app's imports provide the type.
            let target = match cfg.custom_types.get(&c.name) {
                Some(t) if custom_conversions(n, &c.name).is_some() => t.type_name.clone()?,
                _ => KtType::of(&c.builtin, n).name,
            };
            Some(KtAlias { doc: kdoc(c.docstring.as_deref(), 0), name: n.class(&c.name), builtin: target })
        })
        .collect()
}

/// `[bindings.kotlin.custom_types.<name>]` conversions: `(lift, lower)` with `{}` placeholders.
pub fn custom_conversions(n: &Names, name: &str) -> Option<(String, String)> {
    let c = n.cfg.custom_types.get(name)?;
    let lift = c.lift.clone().or_else(|| c.into_custom.clone())?;
    let lower = c.lower.clone().or_else(|| c.from_custom.clone())?;
    Some((lift, lower))
}

/// A type as Kotlin sees it.
#[derive(Clone)]
pub struct KtType {
    /// The Kotlin type (`UInt`, `String`, `List<String>`, `MathException`).
    pub name: String,
    /// The converter object (`UniffiConverterU32`).
    pub converter: String,
    /// The JVM type of the lowered value at the FFI (`Int`, `UniffiRustBuffer.ByValue`).
    pub ffi: String,
    /// Which converter body `types.kt` renders: `primitive`, `string`, `optional`,
    /// `sequence`, `map`, `bytes`, `timestamp`, `duration`, `user` (rendered by the
    /// record/enum/object templates), `alias` (a custom type converted as its builtin) or
    /// `external` (a type of another component: delegates to that component's converter) or
    /// `external_custom` (another component's custom type crossing as a RustBuffer).
    pub kind: &'static str,
    /// For primitives: `lift` / `lower` as format strings with `{}` for the operand.
    lift_fmt: Option<&'static str>,
    lower_fmt: Option<&'static str>,
    /// For primitives: the `ByteBuffer` accessor suffix (`Int` for `getInt`/`putInt`, empty
    /// for bytes) and the size on the wire.
    pub accessor: &'static str,
    pub size: usize,
    /// Converters of the contained types (option/sequence: 1; map: key, value); for `custom`:
    /// the bodies of lift, lower, read, write and allocationSize; for `alias`: the name of its
    /// own converter (which other components use); for `external`: the defining component's
    /// converter, fully qualified, then for an error object this package's error handler of it;
    /// for `external_custom` (another component's custom type crossing in a RustBuffer): the
    /// defining component's converter, then this package's converter of its builtin type.
    pub inner: Vec<String>,
    /// For maps: the key and value types (`String, Int`).
    pub type_args: String,
}

impl KtType {
    pub fn of(t: &Type, n: &Names) -> KtType {
        let converter = format!("UniffiConverter{}", t.canonical_name());
        let prim = |name: &str, ffi: &str, lift, lower, accessor, size| KtType {
            name: name.into(),
            converter: converter.clone(),
            ffi: ffi.into(),
            kind: "primitive",
            lift_fmt: Some(lift),
            lower_fmt: Some(lower),
            accessor,
            size,
            inner: vec![],
            type_args: String::new(),
        };
        let buffer = |name: String, kind: &'static str, inner: Vec<String>| KtType {
            name,
            converter: converter.clone(),
            ffi: "UniffiRustBuffer.ByValue".into(),
            kind,
            lift_fmt: None,
            lower_fmt: None,
            accessor: "",
            size: 0,
            inner,
            type_args: String::new(),
        };
        if let Some(pkg) = t.user_name().and_then(|name| n.external.get(name)) {
            // Crosses as its own FFI type; only the converters' interfaces are per package.
            let ffi = match t {
                Type::Custom { builtin, .. } => KtType::of(builtin, n).ffi,
                Type::Object { .. } | Type::CallbackInterface(_) => "Long".into(),
                _ => "UniffiRustBuffer.ByValue".into(),
            };
            let theirs = format!("{pkg}.{converter}");
            let mut inner = vec![theirs];
            // An error object of another component: this package's error handler for it.
            if let Type::Object { name, .. } = t {
                if n.is_error(name) {
                    inner.push(format!("UniffiErrorHandler{}", n.class(name)));
                }
            }
            let name = n.class(t.user_name().unwrap_or_default());
            if let Type::Custom { builtin, .. } = t {
                if ffi == "UniffiRustBuffer.ByValue" {
                    // Lifted as its builtin (a string is not serialized), then converted by
                    // the defining component's converter.
                    inner.push(KtType::of(builtin, n).converter);
                    return KtType { ffi, ..buffer(name, "external_custom", inner) };
                }
            }
            return KtType { ffi, ..buffer(name, "external", inner) };
        }
        match t {
            Type::U8 => prim("kotlin.UByte", "Byte", "{}.toUByte()", "{}.toByte()", "", 1),
            Type::I8 => prim("kotlin.Byte", "Byte", "{}", "{}", "", 1),
            Type::U16 => prim("kotlin.UShort", "Short", "{}.toUShort()", "{}.toShort()", "Short", 2),
            Type::I16 => prim("kotlin.Short", "Short", "{}", "{}", "Short", 2),
            Type::U32 => prim("kotlin.UInt", "Int", "{}.toUInt()", "{}.toInt()", "Int", 4),
            Type::I32 => prim("kotlin.Int", "Int", "{}", "{}", "Int", 4),
            Type::U64 => prim("kotlin.ULong", "Long", "{}.toULong()", "{}.toLong()", "Long", 8),
            Type::I64 => prim("kotlin.Long", "Long", "{}", "{}", "Long", 8),
            Type::F32 => prim("kotlin.Float", "Float", "{}", "{}", "Float", 4),
            Type::F64 => prim("kotlin.Double", "Double", "{}", "{}", "Double", 8),
            Type::Bool => {
                prim("kotlin.Boolean", "Byte", "({} != 0.toByte())", "(if ({}) 1.toByte() else 0.toByte())", "", 1)
            }
            Type::String => buffer("kotlin.String".into(), "string", vec![]),
            Type::Optional(i) => {
                let i = KtType::of(i, n);
                buffer(format!("{}?", i.name), "optional", vec![i.converter])
            }
            Type::Sequence(i) => {
                let i = KtType::of(i, n);
                buffer(format!("kotlin.collections.List<{}>", i.name), "sequence", vec![i.converter])
            }
            Type::Set(i) => {
                let i = KtType::of(i, n);
                let mut t = buffer(format!("kotlin.collections.Set<{}>", i.name), "set", vec![i.converter]);
                t.type_args = i.name;
                t
            }
            Type::Map(k, v) => {
                let (k, v) = (KtType::of(k, n), KtType::of(v, n));
                let mut t =
                    buffer(format!("kotlin.collections.Map<{}, {}>", k.name, v.name), "map", vec![k.converter, v.converter]);
                t.type_args = format!("{}, {}", k.name, v.name);
                t
            }
            Type::Bytes => buffer("kotlin.ByteArray".into(), "bytes", vec![]),
            Type::Timestamp => buffer("java.time.Instant".into(), "timestamp", vec![]),
            Type::Duration => buffer("java.time.Duration".into(), "duration", vec![]),
            Type::Custom { name, builtin } => {
                let b = KtType::of(builtin, n);
                match custom_conversions(n, name) {
                    // Converted by its own converter, from and to the builtin type.
                    Some((lift, lower)) => {
                        let from = |e: &str| lift.replace("{}", e);
                        let to = |e: &str| lower.replace("{}", e);
                        KtType {
                            name: n.class(name),
                            converter: converter.clone(),
                            ffi: b.ffi.clone(),
                            kind: "custom",
                            lift_fmt: None,
                            lower_fmt: None,
                            accessor: "",
                            size: 0,
                            inner: vec![
                                from(&b.lift("value")),
                                b.lower(&to("value")),
                                from(&format!("{}.read(buf)", b.converter)),
                                format!("{}.write({}, buf)", b.converter, to("value")),
                                format!("{}.allocationSize({})", b.converter, to("value")),
                            ],
                            type_args: String::new(),
                        }
                    }
                    // Upstream's default: a typealias of the builtin type, converted by the
                    // builtin's converter (the alias is rendered from `Module::custom_types`).
                    None => KtType { name: n.class(name), kind: "alias", inner: vec![converter.clone()], ..b },
                }
            }
            // Objects and callback interfaces cross as a 64-bit handle; their converters are
            // rendered by the object/callback templates.
            Type::Object { name, .. } | Type::CallbackInterface(name) => KtType {
                ffi: "Long".into(),
                ..buffer(n.class(name), "user", vec![])
            },
            Type::Record(name) | Type::Enum(name) => buffer(n.class(name), "user", vec![]),
        }
    }

    /// Kotlin expression turning the FFI value `expr` into this type.
    pub fn lift(&self, expr: &str) -> String {
        match self.lift_fmt {
            Some(f) => f.replace("{}", expr),
            None => format!("{}.lift({expr})", self.converter),
        }
    }

    /// Kotlin expression turning the value `expr` into its FFI form.
    pub fn lower(&self, expr: &str) -> String {
        match self.lower_fmt {
            Some(f) => f.replace("{}", expr),
            None => format!("{}.lower({expr})", self.converter),
        }
    }

    /// For primitives: reading one value from `buf`.
    pub fn read_expr(&self) -> String {
        self.lift(&format!("buf.get{}()", self.accessor))
    }

    /// For primitives: writing `value` into `buf`.
    pub fn write_stmt(&self) -> String {
        format!("buf.put{}({})", self.accessor, self.lower("value"))
    }
}

/// The JVM type of an FFI type in a direct-mapped `external fun` (unsigned become signed).
pub fn ffi_type(t: &FfiType) -> String {
    match t {
        FfiType::U8 | FfiType::I8 => "Byte".into(),
        FfiType::U16 | FfiType::I16 => "Short".into(),
        FfiType::U32 | FfiType::I32 => "Int".into(),
        FfiType::U64 | FfiType::I64 | FfiType::Handle => "Long".into(),
        FfiType::F32 => "Float".into(),
        FfiType::F64 => "Double".into(),
        FfiType::RustBuffer => "UniffiRustBuffer.ByValue".into(),
        FfiType::ForeignBytes => "UniffiForeignBytes.ByValue".into(),
        FfiType::RustCallStatus => "Pointer".into(),
        FfiType::Callback(name) => format!("Uniffi{name}"),
        FfiType::Struct(name) => format!("Uniffi{name}.ByValue"),
        FfiType::Reference(_) | FfiType::MutReference(_) | FfiType::VoidPointer => "Pointer".into(),
    }
}

/// A literal as Kotlin source, for a value of type `t`.
pub fn literal(l: &Literal, t: &Type, n: &Names) -> String {
    match l {
        Literal::Bool(b) => b.to_string(),
        Literal::String(s) => format!("\"{}\"", escape_string(s)),
        Literal::UInt(v) => number(&v.to_string(), t),
        Literal::Int(i64::MIN) if *t == Type::I64 => "Long.MIN_VALUE".into(),
        Literal::Int(v) => number(&v.to_string(), t),
        Literal::Float(s) => match t {
            Type::F32 => format!("{s}f"),
            _ => s.clone(),
        },
        Literal::None => "null".into(),
        Literal::EmptySequence => "listOf()".into(),
        Literal::EmptySet => "setOf()".into(),
        Literal::EmptyMap => "mapOf()".into(),
        Literal::Default => default_value(t, n).unwrap_or_else(|| "TODO()".into()),
        Literal::Enum { enum_name, variant } => format!("{}.{}", n.class(enum_name), constant(variant)),
    }
}

/// `Default::default()` of a value of type `t` as Kotlin source, as upstream renders it; `None`
/// for types whose Rust default Kotlin cannot know (enums, objects, interfaces, timestamps):
/// the generator refuses those (`check_defaults`).
pub fn default_value(t: &Type, n: &Names) -> Option<String> {
    Some(match t {
        Type::Record(name) => format!("{}()", n.class(name)),
        Type::Optional(_) => "null".into(),
        Type::Sequence(_) => "listOf()".into(),
        Type::Set(_) => "setOf()".into(),
        Type::Map(..) => "mapOf()".into(),
        Type::String => "\"\"".into(),
        Type::Bool => "false".into(),
        Type::Bytes => "byteArrayOf()".into(),
        Type::Duration => "java.time.Duration.ZERO".into(),
        Type::Custom { name, builtin } => {
            let inner = default_value(builtin, n)?;
            match custom_conversions(n, name) {
                Some((lift, _)) => lift.replace("{}", &inner),
                None => inner,
            }
        }
        Type::U8 | Type::I8 | Type::U16 | Type::I16 | Type::U32 | Type::I32 | Type::U64 | Type::I64
        | Type::F32 | Type::F64 => number("0", t),
        // As upstream: the primary constructor (another component's objects are trusted to have
        // one without arguments, as upstream does).
        Type::Object { name, .. } if n.default_objects.contains(name) || n.external.contains_key(name) => {
            format!("{}()", n.class(name))
        }
        Type::Enum(_) | Type::Object { .. } | Type::CallbackInterface(_) | Type::Timestamp => return None,
    })
}

/// Refuses a default value (`Literal::Default`) Kotlin cannot write, naming the item: in
/// record and enum fields, and in the arguments of `callables` (every callable of `m`).
pub fn check_defaults<'m>(m: &Module, n: &Names, callables: impl Iterator<Item = &'m Callable>) -> Result<()> {
    let check = |item: String, ty: &Type, default: Option<&Literal>| -> Result<()> {
        if default == Some(&Literal::Default) && default_value(ty, n).is_none() {
            anyhow::bail!(
                "kotlin: `{item}`: the default value of a {ty:?} cannot be written in Kotlin (its Rust \
                 `Default` is unknown to the bindings); give a literal default or none"
            );
        }
        Ok(())
    };
    for r in &m.records {
        for f in &r.fields {
            check(format!("{}.{}", r.name, f.name), &f.ty, f.default.as_ref())?;
        }
    }
    for e in &m.enums {
        for v in &e.variants {
            for f in &v.fields {
                check(format!("{}::{}.{}", e.name, v.name, f.name), &f.ty, f.default.as_ref())?;
            }
        }
    }
    for c in callables {
        for a in &c.args {
            check(format!("{}({})", c.name, a.name), &a.ty, a.default.as_ref())?;
        }
    }
    Ok(())
}

fn number(digits: &str, t: &Type) -> String {
    let d = if digits.starts_with('-') { format!("({digits})") } else { digits.to_owned() };
    match t {
        Type::U8 => format!("{d}u.toUByte()"),
        Type::I8 => format!("{d}.toByte()"),
        Type::U16 => format!("{d}u.toUShort()"),
        Type::I16 => format!("{d}.toShort()"),
        Type::U32 => format!("{digits}u"),
        Type::U64 => format!("{digits}uL"),
        Type::I64 => format!("{digits}L"),
        Type::F32 => format!("{digits}.0f"),
        Type::F64 => format!("{digits}.0"),
        _ => digits.to_owned(),
    }
}

/// Escapes a string for a Kotlin string literal.
fn escape_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A KDoc block for `doc`, placed after `indent` spaces: empty when there is no doc, else the
/// comment followed by a newline and the indent again, so the declaration follows in place.
pub fn kdoc(doc: Option<&str>, indent: usize) -> String {
    let Some(doc) = doc else { return String::new() };
    let pad = " ".repeat(indent);
    let mut out = String::from("/**\n");
    for line in doc.trim().lines().map(str::trim_end) {
        // Kotlin block comments nest: neither a `/*` nor a `*/` may reach the source.
        let line = line.replace("/*", "/&#42;").replace("*/", "*&#47;");
        if line.is_empty() {
            out.push_str(&format!("{pad} *\n"));
        } else {
            out.push_str(&format!("{pad} * {line}\n"));
        }
    }
    out.push_str(&format!("{pad} */\n{pad}"));
    out
}
