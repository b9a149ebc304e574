//! Reads IR records, enums and errors and the `[bindings.js]` config; produces the views
//! `record.js`, `enum.js` (and their `.d.ts` twins) render: plain-object records with a
//! `create` that fills defaults, string-literal flat enums, `{ tag, ... }` data enums and error
//! classes; methods and exported Rust traits of records and enums go on the exported companion
//! value (`Release.bumped(release, ...)`, `Release.equals(a, b)`), taking the value first.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;

use crate::config::LangConfig;
use crate::ir::{Callable, Enum, Field, Literal, Module, Record, TraitMethods, Type};

use super::callable::{callable, trait_callables, JsCallable, Receiver};
use super::names::{
    companion_member_name, field_name, impl_class_name, type_name, variant_field_name, variant_type_name, Companion,
};
use super::options::jsdoc;
use super::types::{literal, JsType};

pub struct JsRecord {
    pub name: String,
    pub doc: String,
    pub converter: String,
    pub fields: Vec<JsField>,
    /// Exported methods and Rust traits, members of the companion value (see [`members`]).
    pub methods: Vec<JsCallable>,
}

pub struct JsField {
    pub name: String,
    pub ts: String,
    pub converter: String,
    pub doc: String,
    /// The default as a JS expression.
    pub default: Option<String>,
}

pub struct JsEnum {
    pub name: String,
    pub doc: String,
    pub converter: String,
    /// `error` (an exported Error class), `flat` (string literals) or `data` (`{ tag, ... }`).
    pub kind: &'static str,
    pub is_flat_error: bool,
    pub non_exhaustive: bool,
    pub variants: Vec<JsVariant>,
    /// Exported methods and Rust traits, members of the companion value (see [`members`]);
    /// static methods of an error class. An enum with data has a companion value only then.
    pub methods: Vec<JsCallable>,
}

pub struct JsVariant {
    /// The tag (`Overflow`).
    pub tag: String,
    /// Its interface in the `.d.ts` namespace (the tag, escaped by `names::variant_type_name`).
    pub ts_name: String,
    pub doc: String,
    /// 1-based index on the wire.
    pub index: usize,
    /// The discriminant as Rust sees it (flat enums), as a JS number literal.
    pub discriminant: String,
    pub fields: Vec<JsField>,
    /// `{ a: number; b: number }` (TypeScript shape of the fields).
    pub ts_fields: String,
}

fn field(m: &Module, cfg: &LangConfig, f: &Field, name: String, indent: &str) -> JsField {
    let t = JsType::of(&f.ty, cfg);
    JsField {
        name,
        ts: t.ts,
        converter: t.converter,
        doc: f.docstring.as_deref().map(|d| jsdoc(d, indent, &[])).unwrap_or_default(),
        default: f.default.as_ref().map(|d| literal(m, &f.ty, d)),
    }
}

pub fn record(m: &Module, cfg: &LangConfig, r: &Record) -> JsRecord {
    JsRecord {
        name: type_name(&r.name),
        doc: r.docstring.as_deref().map(|d| jsdoc(d, "", &[])).unwrap_or_default(),
        converter: JsType::of(&Type::Record(r.name.clone()), cfg).converter,
        fields: r.fields.iter().enumerate().map(|(i, f)| field(m, cfg, f, field_name(&f.name, i), "  ")).collect(),
        methods: members(m, cfg, &Type::Record(r.name.clone()), &r.methods, &r.trait_methods, Companion::Record),
    }
}

/// The exported methods (under `names::companion_member_name`) and then the Rust traits (as
/// `callable::trait_callables` names them) of the record or enum `ty`, each taking the value
/// as its first argument.
fn members(m: &Module, cfg: &LangConfig, ty: &Type, methods: &[Callable], traits: &TraitMethods, kind: Companion) -> Vec<JsCallable> {
    let (Type::Record(n) | Type::Enum(n)) = ty else { return Vec::new() };
    let owner = type_name(n);
    let mut out: Vec<JsCallable> = methods
        .iter()
        .map(|c| callable(m, cfg, c, companion_member_name(&c.name, kind), Some(Receiver::Value(ty)), "  "))
        .collect();
    out.extend(trait_callables(m, cfg, traits, Receiver::Value(ty), &owner));
    out
}

pub fn enum_(m: &Module, cfg: &LangConfig, e: &Enum) -> JsEnum {
    let top_level = top_level_type_names(m);
    let variant = |(i, v): (usize, &crate::ir::Variant)| {
        let fields: Vec<JsField> = v
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| field(m, cfg, f, variant_field_name(&f.name, i, e.is_error, f.ty == Type::String), "    "))
            .collect();
        let list: Vec<String> = fields.iter().map(|f| format!("{}: {}", f.name, f.ts)).collect();
        let discriminant = match &v.discriminant {
            Some(Literal::UInt(d)) => d.to_string(),
            Some(Literal::Int(d)) => d.to_string(),
            _ => i.to_string(),
        };
        let tag = v.name.to_upper_camel_case();
        JsVariant {
            ts_name: variant_type_name(&tag, &top_level),
            tag,
            doc: v.docstring.as_deref().map(|d| jsdoc(d, "  ", &[])).unwrap_or_default(),
            index: i + 1,
            discriminant,
            ts_fields: format!("{{ {} }}", list.join("; ")),
            fields,
        }
    };
    let (kind, companion) = if e.is_error {
        ("error", Companion::Error)
    } else if e.is_flat {
        ("flat", Companion::Flat)
    } else {
        ("data", Companion::Data)
    };
    JsEnum {
        name: type_name(&e.name),
        doc: e.docstring.as_deref().map(|d| jsdoc(d, "", &[])).unwrap_or_default(),
        converter: JsType::of(&Type::Enum(e.name.clone()), cfg).converter,
        kind,
        is_flat_error: e.is_flat_error,
        non_exhaustive: e.non_exhaustive,
        variants: e.variants.iter().enumerate().map(variant).collect(),
        methods: members(m, cfg, &Type::Enum(e.name.clone()), &e.methods, &e.trait_methods, companion),
    }
}

/// The exported names of the module's own types (records, enums, errors, objects, callback
/// interfaces and traits, custom types), as `names::type_name` spells them.
pub fn user_type_names(m: &Module) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for t in &m.all_types {
        match t {
            Type::Record(n) | Type::Enum(n) | Type::CallbackInterface(n) | Type::Custom { name: n, .. } => {
                names.insert(type_name(n));
            }
            Type::Object { name, .. } => {
                names.insert(type_name(name));
            }
            _ => {}
        }
    }
    names
}

/// Every type name the `.d.ts` declares or imports at the top level (trait objects also have
/// their `...Impl` class).
fn top_level_type_names(m: &Module) -> BTreeSet<String> {
    let users = user_type_names(m);
    let mut names = users.clone();
    for t in &m.all_types {
        if let Type::Object { name, is_trait: true } = t {
            names.insert(impl_class_name(&type_name(name), &users));
        }
    }
    names
}
