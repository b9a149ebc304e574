//! Reads IR records and enums (errors included) with their exported methods and Rust trait
//! impls; produces the views that `templates/swift/record.swift`, `templates/swift/enum.swift`
//! and `templates/swift/traits.swift` render (objects' trait helpers come from here too).

use anyhow::Result;

use super::callable::{callable, render_callable, Role};
use super::names::{arg_label, case_name, type_name, var_name};
use super::options::localized_errors;
use super::types::{default_value, docs, literal, SwiftType};
use crate::config::LangConfig;
use crate::ir::{Callable, Enum, Field, Literal, Module, Record, TraitMethods, Type};

/// The Rust trait impls of a record, enum or object (Display, Debug, Eq, Hash, Ord), rendered
/// by `templates/swift/traits.swift`.
pub struct SwiftTraits {
    pub self_type: String,
    /// The rendered methods of `#[uniffi::export] impl` blocks (objects: constructors too).
    pub methods: Vec<String>,
    /// The rendered private helpers calling Rust.
    pub helpers: Vec<String>,
    pub display: bool,
    pub debug: bool,
    pub eq: bool,
    pub hash: bool,
    pub ord: bool,
}

impl SwiftTraits {
    fn new(cfg: &LangConfig, self_type: &str, converter: &str, t: &TraitMethods, methods: &[Callable]) -> Result<Self> {
        let receiver = format!("{converter}.lower(self)");
        let methods = methods
            .iter()
            .map(|c| {
                let mut view = callable(cfg, c, Role::Method);
                view.lowered_args = view.lowered_args.replacen("self.uniffiCloneHandle()", &receiver, 1);
                render_callable(&view, 4)
            })
            .collect::<Result<_>>()?;
        Ok(SwiftTraits {
            self_type: self_type.to_owned(),
            methods,
            helpers: trait_helpers(cfg, t, Some(&receiver))?,
            display: t.display.is_some(),
            debug: t.debug.is_some(),
            eq: t.eq.is_some(),
            hash: t.hash.is_some(),
            ord: t.cmp.is_some(),
        })
    }

    /// The conformances the trait impls add to `base` (`Equatable, Hashable, ` already there
    /// or not).
    fn conformances(&self, base: &str) -> String {
        let mut out = String::new();
        for (on, name) in [
            (self.display, "CustomStringConvertible"),
            (self.debug, "CustomDebugStringConvertible"),
            (self.eq && !base.contains("Equatable"), "Equatable"),
            (self.hash && !base.contains("Hashable"), "Hashable"),
            (self.ord, "Comparable"),
        ] {
            if on {
                out.push_str(name);
                out.push_str(", ");
            }
        }
        out
    }
}

/// The private helpers behind the Rust trait conformances (`uniffiTraitDisplay`, ...), each
/// rendered and indented for a type body. `receiver` lowers `self` for records and enums
/// (objects pass their handle).
pub fn trait_helpers(cfg: &LangConfig, t: &TraitMethods, receiver: Option<&str>) -> Result<Vec<String>> {
    let helpers = [
        (&t.display, "uniffiTraitDisplay"),
        (&t.debug, "uniffiTraitDebug"),
        (&t.eq, "uniffiTraitEq"),
        (&t.hash, "uniffiTraitHash"),
        (&t.cmp, "uniffiTraitCmp"),
    ];
    let mut out = Vec::new();
    for (c, name) in helpers {
        if let Some(c) = c {
            let mut view = callable(cfg, c, Role::TraitMethod);
            view.decl = format!("private func {name}");
            view.doc.clear();
            if let Some(receiver) = receiver {
                view.lowered_args = view.lowered_args.replacen("self.uniffiCloneHandle()", receiver, 1);
            }
            out.push(render_callable(&view, 4)?);
        }
    }
    Ok(out)
}

pub struct SwiftRecord {
    pub name: String,
    pub traits: SwiftTraits,
    pub doc: Vec<String>,
    pub converter: String,
    pub conformances: String,
    /// `var`, or `let` with `generate_immutable_records` (unless listed in `mutable_records`).
    pub keyword: &'static str,
    pub fields: Vec<SwiftField>,
    /// `a: a, b: b` for the memberwise initializer call in `read`.
    pub read_expr: String,
}

pub struct SwiftField {
    pub name: String,
    /// The name as a call-site argument label (`class`, not `` `class` ``).
    pub label: String,
    pub doc: Vec<String>,
    /// `a: UInt32` or, for nameless variant fields, `UInt32`.
    pub decl: String,
    pub converter: String,
    pub default: Option<String>,
    /// The name the value is bound to when matching a variant (`a`, `v0`).
    pub binding: String,
}

pub struct SwiftEnum {
    pub name: String,
    pub traits: SwiftTraits,
    pub doc: Vec<String>,
    pub converter: String,
    /// `Swift.Error, Equatable, Hashable` etc. (with the raw type first when discriminants are
    /// explicit).
    pub conformances: String,
    /// An error with upstream's `LocalizedError` conformance (see [`localized_errors`]).
    pub localized: bool,
    pub variants: Vec<SwiftVariant>,
}

pub struct SwiftVariant {
    pub doc: Vec<String>,
    /// 1-based index on the wire.
    pub index: usize,
    /// ` = 5` when the enum has explicit discriminants (a raw-value enum), else empty.
    pub raw_value: String,
    /// The case declaration after `case `: `overflow(a: UInt32, b: UInt32)`.
    pub decl: String,
    /// The expression `read` returns: `try .overflow(a: ..., b: ...)` or `.divisionByZero`.
    pub read_expr: String,
    /// The pattern `write` matches: `let .overflow(a, b)` or `.divisionByZero`.
    pub pattern: String,
    pub fields: Vec<SwiftField>,
}

fn field(cfg: &LangConfig, f: &Field, i: usize) -> SwiftField {
    let t = SwiftType::of(&f.ty, cfg);
    let nameless = f.name.is_empty() || f.name.chars().all(|c| c.is_ascii_digit());
    let name = if nameless { format!("v{i}") } else { var_name(&f.name) };
    SwiftField {
        decl: if nameless { t.name.clone() } else { format!("{name}: {}", t.name) },
        doc: docs(&f.docstring),
        // Positional, so field names like `buf` or `value` cannot shadow `write`'s parameters.
        binding: format!("v{i}"),
        label: if nameless { String::new() } else { arg_label(&f.name) },
        name,
        converter: t.converter,
        default: f.default.as_ref().map(|d| default_value(d, &f.ty)),
    }
}

/// `label: Conv.read(from: &reader), ...` (labels omitted for nameless fields).
fn read_args(fields: &[SwiftField]) -> String {
    fields
        .iter()
        .map(|f| {
            // Nameless fields have no label (their type may contain a `:`, as `[String: UInt8]`).
            let label = if f.label.is_empty() { String::new() } else { format!("{}: ", f.label) };
            format!("{label}{}.read(from: &reader)", f.converter)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether values of `t` hold object references (transitively), which have no `Equatable` /
/// `Hashable` of their own: types holding them do without, as upstream.
fn holds_objects(m: &Module, t: &Type, seen: &mut Vec<String>) -> bool {
    match t {
        Type::Object { .. } | Type::CallbackInterface(_) => true,
        Type::Record(n) | Type::Enum(n) => {
            if seen.contains(n) {
                return false;
            }
            if let Some(e) = m.external_types.iter().find(|e| e.ty.user_name() == Some(n.as_str())) {
                return e.holds_objects;
            }
            seen.push(n.clone());
            let fields: Vec<&Type> = match t {
                Type::Record(_) => m.records.iter().filter(|r| &r.name == n).flat_map(|r| &r.fields).map(|f| &f.ty).collect(),
                _ => m.enums.iter().filter(|e| &e.name == n).flat_map(|e| &e.variants).flat_map(|v| &v.fields).map(|f| &f.ty).collect(),
            };
            fields.into_iter().any(|f| holds_objects(m, f, seen))
        }
        _ => t.children().into_iter().any(|c| holds_objects(m, c, seen)),
    }
}

/// `Equatable, Hashable, ` unless the type holds object references, plus `Codable, ` with
/// `generate_codable_conformance` (objects are not `Codable` either), as upstream.
fn value_conformances(m: &Module, cfg: &LangConfig, t: &Type) -> &'static str {
    match (holds_objects(m, t, &mut Vec::new()), cfg.generate_codable_conformance == Some(true)) {
        (true, _) => "",
        (false, false) => "Equatable, Hashable, ",
        (false, true) => "Equatable, Hashable, Codable, ",
    }
}

pub fn record(m: &Module, cfg: &LangConfig, r: &Record) -> Result<SwiftRecord> {
    let fields: Vec<SwiftField> = r.fields.iter().enumerate().map(|(i, f)| field(cfg, f, i)).collect();
    let name = type_name(&r.name);
    let converter = SwiftType::of(&Type::Record(r.name.clone()), cfg).converter;
    let traits = SwiftTraits::new(cfg, &name, &converter, &r.trait_methods, &r.methods)?;
    let eq = value_conformances(m, cfg, &Type::Record(r.name.clone()));
    let immutable = cfg.generate_immutable_records == Some(true) && !cfg.mutable_records.contains(&r.name);
    Ok(SwiftRecord {
        doc: docs(&r.docstring),
        conformances: format!("{eq}{}Sendable", traits.conformances(eq)),
        keyword: if immutable { "let" } else { "var" },
        read_expr: read_args(&fields),
        name,
        traits,
        converter,
        fields,
    })
}

pub fn enumeration(m: &Module, cfg: &LangConfig, e: &Enum) -> Result<SwiftEnum> {
    let eq = value_conformances(m, cfg, &Type::Enum(e.name.clone()));
    let converter = SwiftType::of(&Type::Enum(e.name.clone()), cfg).converter;
    let traits = SwiftTraits::new(cfg, &type_name(&e.name), &converter, &e.trait_methods, &e.methods)?;
    let mut extra = traits.conformances(eq);
    // `generate_case_iterable_conformance`: enums and (non-flat) errors without fields.
    let fieldless = !e.is_flat_error && e.variants.iter().all(|v| v.fields.is_empty());
    if cfg.generate_case_iterable_conformance == Some(true) && fieldless {
        extra.push_str("CaseIterable, ");
    }
    let raw_type = raw_type(e);
    let variants = e
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // Upstream spells error cases UpperCamelCase and other enum cases lowerCamelCase.
            let name = if e.is_error { case_name(&v.name) } else { var_name(&v.name) };
            // Flat errors cross as variant + message only, whatever fields Rust has.
            let fields: Vec<SwiftField> = match e.is_flat_error {
                true => Vec::new(),
                false => v.fields.iter().enumerate().map(|(i, f)| field(cfg, f, i)).collect(),
            };
            let (decl, read_expr, pattern) = if e.is_flat_error {
                (
                    format!("{name}(message: String)"),
                    format!(".{name}(message: uniffiReadString(from: &reader))"),
                    format!(".{name}"),
                )
            } else if fields.is_empty() {
                (name.clone(), format!(".{name}"), format!(".{name}"))
            } else {
                // Variant fields keep their defaults (`case i(d: UInt8 = 0, e: UInt8 = 1)`).
                let decls = fields
                    .iter()
                    .map(|f| match &f.default {
                        Some(d) => format!("{} = {d}", f.decl),
                        None => f.decl.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let binds = fields.iter().map(|f| f.binding.as_str()).collect::<Vec<_>>().join(", ");
                (
                    format!("{name}({decls})"),
                    format!("try .{name}({})", read_args(&fields)),
                    format!("let .{name}({binds})"),
                )
            };
            SwiftVariant {
                doc: docs(&v.docstring),
                index: i + 1,
                raw_value: match (&raw_type, &v.discriminant) {
                    (Some(_), Some(d)) => format!(" = {}", literal(d)),
                    _ => String::new(),
                },
                read_expr: if e.is_flat_error { format!("try {read_expr}") } else { read_expr },
                decl,
                pattern,
                fields,
            }
        })
        .collect();
    let conformances = match (e.is_error, raw_type) {
        (true, _) if localized_errors(cfg) => format!("Swift.Error, {eq}{extra}Sendable, Foundation.LocalizedError"),
        (true, _) => format!("Swift.Error, {eq}{extra}Sendable"),
        (false, Some(raw)) => format!("{raw}, {eq}{extra}Sendable"),
        (false, None) => format!("{eq}{extra}Sendable"),
    };
    Ok(SwiftEnum {
        name: type_name(&e.name),
        doc: docs(&e.docstring),
        traits,
        converter,
        conformances,
        localized: e.is_error && localized_errors(cfg),
        variants,
    })
}

/// The raw type of a flat enum whose discriminants were written out in Rust (upstream makes
/// those raw-value enums). The IR has the values but not the `#[repr]`, so: discriminants other
/// than the implied 0, 1, 2, ... count as explicit, and the raw type is the smallest integer type
/// holding them all.
fn raw_type(e: &Enum) -> Option<&'static str> {
    if e.is_error || !e.is_flat {
        return None;
    }
    let values: Vec<i128> = e
        .variants
        .iter()
        .map(|v| match v.discriminant {
            Some(Literal::UInt(u)) => Some(u as i128),
            Some(Literal::Int(i)) => Some(i as i128),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if values.iter().enumerate().all(|(i, v)| *v == i as i128) {
        return None;
    }
    let (lo, hi) = (*values.iter().min()?, *values.iter().max()?);
    let fits = |min: i128, max: i128| lo >= min && hi <= max;
    Some(match () {
        _ if fits(0, u8::MAX as i128) => "UInt8",
        _ if fits(i8::MIN as i128, i8::MAX as i128) => "Int8",
        _ if fits(0, u16::MAX as i128) => "UInt16",
        _ if fits(i16::MIN as i128, i16::MAX as i128) => "Int16",
        _ if fits(0, u32::MAX as i128) => "UInt32",
        _ if fits(i32::MIN as i128, i32::MAX as i128) => "Int32",
        _ if fits(0, u64::MAX as i128) => "UInt64",
        _ => "Int64",
    })
}

