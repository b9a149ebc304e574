//! Reads IR records and enums (errors included) with their exported methods and Rust trait
//! impls; produces the `KtRecord` / `KtEnum` views `templates/kotlin/record.kt` and `enum.kt`
//! render, which of them hold Rust objects (and so are `Disposable`), and the trait impls
//! (`KtTraits`, also used by object.rs) that `templates/kotlin/traits.kt` renders over helpers
//! calling Rust: Display/Debug -> `toString`, Eq -> `equals`, Hash -> `hashCode`, Ord ->
//! `compareTo`.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;

use super::callable::{callable, render_member, Place};
use super::names::{self, constant, error_suffix, ident};
use super::options::Names;
use super::types::{kdoc, literal, KtType};
use crate::ir::{Callable, Enum, Field, Module, Record, TraitMethods, Type};

pub struct KtRecord {
    pub name: String,
    /// Methods exported on the record, rendered and indented.
    pub methods: Vec<String>,
    /// Exported Rust trait impls: helpers and the overrides (`toString`, `equals`, ...).
    pub traits: KtTraits,
    /// Holds Rust objects: `Disposable`, `destroy()` destroying them.
    pub disposable: bool,
    /// `var` (upstream's default) or `val` with `generate_immutable_records`.
    pub keyword: &'static str,
    pub doc: String,
    pub converter: String,
    pub fields: Vec<KtField>,
}

pub struct KtField {
    pub name: String,
    pub doc: String,
    pub type_name: String,
    pub converter: String,
    /// ` = literal` or empty.
    pub default: String,
}

pub struct KtEnum {
    pub name: String,
    /// Methods exported on the enum, rendered and indented.
    pub methods: Vec<String>,
    /// Exported Rust trait impls: helpers and the overrides of the enum class (flat enums:
    /// `toString` only), and the overrides repeated in each data-class variant.
    pub traits: KtTraits,
    pub variant_traits: KtTraits,
    /// Fieldless variants are plain `object`s (a `data object` may not override `equals`).
    pub object_keyword: &'static str,
    pub doc: String,
    pub converter: String,
    /// A flat, non-error enum: rendered as `enum class`.
    pub is_plain_flat: bool,
    pub is_error: bool,
    pub is_flat_error: bool,
    /// Holds Rust objects: `Disposable`, `destroy()` destroying them.
    pub disposable: bool,
    /// For flat enums whose discriminants are not just `0..n`: the Kotlin type of the
    /// `value` property (`ULong` / `Long`).
    pub value_type: Option<String>,
    pub variants: Vec<KtVariant>,
}

pub struct KtVariant {
    pub name: String,
    pub doc: String,
    /// 1-based index on the wire.
    pub index: usize,
    pub fields: Vec<KtField>,
    /// For non-flat error variants: the `message` template (`a=$a, b=$b`).
    pub message: String,
    /// The discriminant as a literal of `value_type`, when the enum has one.
    pub value: String,
    /// An error variant with a field named `message`: it overrides `Throwable.message` itself.
    pub message_field: bool,
}

fn field(n: &Names, f: &Field, indent: usize) -> KtField {
    let t = KtType::of(&f.ty, n);
    KtField {
        name: ident(&f.name),
        doc: kdoc(f.docstring.as_deref(), indent),
        default: f.default.as_ref().map(|d| format!(" = {}", literal(d, &f.ty, n))).unwrap_or_default(),
        type_name: t.name,
        converter: t.converter,
    }
}

pub fn record(n: &Names, r: &Record, disposable: bool) -> KtRecord {
    let t = traits(n, &r.trait_methods, true, 4, n.class(&r.name));
    let t = if r.fields.is_empty() { KtTraits::default() } else { t };
    KtRecord {
        methods: value_methods(n, &r.methods, true),
        traits: t,
        name: n.class(&r.name),
        disposable,
        keyword: if n.cfg.generate_immutable_records == Some(true) && !n.cfg.mutable_records.contains(&r.name) {
            "val"
        } else {
            "var"
        },
        doc: kdoc(r.docstring.as_deref(), 0),
        converter: KtType::of(&Type::Record(r.name.clone()), n).converter,
        fields: r.fields.iter().map(|f| field(n, f, 4)).collect(),
    }
}

/// Methods exported on a record (`record`) or enum, as members of its class.
fn value_methods(n: &Names, methods: &[Callable], record: bool) -> Vec<String> {
    methods.iter().map(|c| render_member(&callable(n, c, Place::ValueMethod { record }), 4)).collect()
}

pub fn enumeration(n: &Names, e: &Enum, disposable: bool) -> KtEnum {
    let plain_flat = e.is_flat && !e.is_error;
    // As upstream: a `value` property only for a `#[repr]` type, of that type.
    let value_type = e.discr_type.clone().filter(|_| plain_flat);
    let class = n.class(&e.name);
    let mut t = traits(n, &e.trait_methods, true, 4, class.clone());
    if plain_flat {
        // An `enum class` keeps its own equals/hashCode/compareTo (final): as upstream, only
        // Display/Debug are exported for flat enums.
        t = KtTraits { helpers: t.helpers, to_string: t.to_string, class: t.class, string_type: t.string_type, ..Default::default() };
        if t.to_string.is_none() {
            t.helpers.clear();
        }
    }
    // Inside the sealed class, a variant class hides the enum's own name and any type of that
    // name its fields use: such a variant gets a trailing `_` (upstream's code would not compile).
    let mut taken = BTreeSet::from([class.clone()]);
    for f in e.variants.iter().flat_map(|v| &v.fields) {
        user_type_names(n, &f.ty, &mut taken);
    }
    KtEnum {
        methods: value_methods(n, &e.methods, false),
        variant_traits: if plain_flat || e.is_error {
            KtTraits::default()
        } else {
            KtTraits { helpers: Vec::new(), has_cmp: false, in_variant: true, ..t.clone() }
        },
        object_keyword: if t.overrides_any() { "object" } else { "data object" },
        traits: t,
        name: n.class(&e.name),
        doc: kdoc(e.docstring.as_deref(), 0),
        converter: KtType::of(&Type::Enum(e.name.clone()), n).converter,
        is_plain_flat: plain_flat,
        is_error: e.is_error,
        is_flat_error: e.is_flat_error,
        disposable,
        value_type: value_type.as_ref().map(|t| KtType::of(t, n).name),
        variants: e
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let mut fields: Vec<KtField> = v.fields.iter().map(|f| field(n, f, 8)).collect();
                for (j, f) in fields.iter_mut().enumerate() {
                    let is_string = f.type_name == "kotlin.String";
                    f.name = names::variant_field(std::mem::take(&mut f.name), j, e.is_error, is_string);
                }
                let value = match (&value_type, &v.discriminant) {
                    (Some(t), Some(d)) => literal(d, t, n),
                    _ => String::new(),
                };
                let message = fields
                    .iter()
                    // `this.`: in the getter, a bare `field` would be its backing field.
                    .map(|f| format!("{0}=${{this.{1}}}", f.name.trim_matches('`'), f.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                KtVariant {
                    name: if plain_flat {
                        constant(&v.name)
                    } else if e.is_error {
                        names::avoid_taken(names::variant_class(&error_suffix(&v.name.to_upper_camel_case())), &taken)
                    } else {
                        names::avoid_taken(names::variant_class(&v.name), &taken)
                    },
                    doc: kdoc(v.docstring.as_deref(), 4),
                    index: i + 1,
                    message_field: e.is_error && fields.iter().any(|f| f.name == "message"),
                    fields,
                    message,
                    value,
                }
            })
            .collect(),
    }
}

/// Adds the Kotlin names of the user types `t` is made of (itself, its elements, ...) to `out`.
fn user_type_names(n: &Names, t: &Type, out: &mut BTreeSet<String>) {
    if t.user_name().is_some() {
        out.insert(KtType::of(t, n).name);
    }
    for c in t.children() {
        user_type_names(n, c, out);
    }
}

/// Records and enums that hold Rust objects, directly or through containers and other records
/// and enums: upstream makes them `Disposable`, their `destroy()` destroying those objects.
pub fn object_holders(m: &Module) -> BTreeSet<String> {
    fn holds(t: &Type, holders: &BTreeSet<String>) -> bool {
        match t {
            Type::Object { .. } => true,
            Type::Record(name) | Type::Enum(name) => holders.contains(name),
            _ => t.children().into_iter().any(|c| holds(c, holders)),
        }
    }
    // Other components' records and enums: the loader looked into their definitions.
    let mut holders: BTreeSet<String> = m
        .external_types
        .iter()
        .filter(|e| e.holds_objects)
        .filter_map(|e| e.ty.user_name().map(str::to_owned))
        .collect();
    loop {
        let before = holders.len();
        for r in &m.records {
            if r.fields.iter().any(|f| holds(&f.ty, &holders)) {
                holders.insert(r.name.clone());
            }
        }
        for e in &m.enums {
            if e.variants.iter().flat_map(|v| &v.fields).any(|f| holds(&f.ty, &holders)) {
                holders.insert(e.name.clone());
            }
        }
        if holders.len() == before {
            return holders;
        }
    }
}

/// The exported trait impls of one type, as `templates/kotlin/traits.kt` renders them.
#[derive(Default, Clone)]
pub struct KtTraits {
    /// The helpers (`uniffiDisplay`, `uniffiEq`, ...), rendered and indented.
    pub helpers: Vec<String>,
    /// `toString` from Display (or Debug when there is no Display): the helper's name.
    pub to_string: Option<&'static str>,
    pub has_eq: bool,
    pub has_hash: bool,
    pub has_cmp: bool,
    /// The class `equals` and `compareTo` take.
    pub class: String,
    /// `toString`'s return type as written: `kotlin.String` (records, enums), `String` (objects).
    pub string_type: &'static str,
    /// In a data-class variant of an enum: the overrides only, one per line, no `compareTo`.
    pub in_variant: bool,
}

impl KtTraits {
    /// Whether `toString`, `equals` or `hashCode` is overridden (a `data` class or object would
    /// generate its own).
    pub fn overrides_any(&self) -> bool {
        self.to_string.is_some() || self.has_eq || self.has_hash
    }
}

/// The helpers and overrides of `tm` in class `class`; `value` for records and enums (the
/// receiver is the value itself, lowered), else an object (the receiver is its handle). Helpers
/// are indented by `indent` spaces.
pub fn traits(n: &Names, tm: &TraitMethods, value: bool, indent: usize, class: String) -> KtTraits {
    let mut helpers = Vec::new();
    let mut helper = |c: &Option<Callable>, name: &'static str| {
        if let Some(c) = c {
            let place = if value { Place::ValueHelper(name) } else { Place::Helper(name) };
            helpers.push(render_member(&callable(n, c, place), indent));
        }
    };
    let to_string = match (&tm.display, &tm.debug) {
        (Some(_), _) => Some("uniffiDisplay"),
        (None, Some(_)) => Some("uniffiDebug"),
        _ => None,
    };
    if tm.display.is_some() {
        helper(&tm.display, "uniffiDisplay");
    } else {
        helper(&tm.debug, "uniffiDebug");
    }
    helper(&tm.eq, "uniffiEq");
    helper(&tm.hash, "uniffiHash");
    helper(&tm.cmp, "uniffiCmp");
    KtTraits {
        helpers,
        to_string,
        has_eq: tm.eq.is_some(),
        has_hash: tm.hash.is_some(),
        has_cmp: tm.cmp.is_some(),
        class,
        string_type: if value { "kotlin.String" } else { "String" },
        in_variant: false,
    }
}
