//! Reads the IR's records, enums and errors and the `[bindings.python]` config; produces the
//! views record.py and enum.py render: classes with their fields, variants, constructor
//! parameters and defaults, exported methods and Rust trait methods (traits.py).

use heck::ToSnakeCase;

use crate::ir::{Module, Type};

use super::callable::{callable, traits, PyCallable, PyTraits};
use super::names;
use super::options::PyCx;
use super::types::{self, doc, PyType};

pub struct PyRecord {
    pub name: String,
    pub docstring: Option<String>,
    pub converter: String,
    pub fields: Vec<PyField>,
    /// Methods exported on the record.
    pub methods: Vec<PyCallable>,
    pub traits: PyTraits,
}

pub struct PyField {
    pub name: String,
    pub hint: String,
    pub converter: String,
    pub docstring: Option<String>,
    /// `name: hint = default` (keyword parameter text of the constructor).
    pub param: String,
    /// For mutable defaults: the expression creating a fresh value when the parameter was
    /// left at `_UNIFFI_DEFAULT`.
    pub fresh_default: Option<String>,
}

pub struct PyEnum {
    pub name: String,
    pub docstring: Option<String>,
    pub converter: String,
    /// A flat, non-error enum: rendered as `enum.Enum`.
    pub is_plain_flat: bool,
    pub is_error: bool,
    pub is_flat_error: bool,
    pub variants: Vec<PyVariant>,
    /// Methods exported on the enum (on the base class).
    pub methods: Vec<PyCallable>,
    pub traits: PyTraits,
}

pub struct PyVariant {
    pub name: String,
    pub docstring: Option<String>,
    /// 1-based index on the wire.
    pub index: usize,
    /// Value of `enum.Enum` members.
    pub value: String,
    /// `is_circle`: the snake-case predicate name (upstream also has `is_<NAME>`).
    pub predicate: String,
    pub fields: Vec<PyField>,
    /// A tuple variant (`Label(String)`): positional constructor and `[i]` indexing.
    pub is_tuple: bool,
    /// Tuple variants: the `__getitem__` return hint and the `tuple[...]` of the values.
    pub item_hint: String,
    pub tuple_hint: String,
}

/// The classes of the module's records.
pub fn records(m: &Module, cfg: &PyCx<'_>) -> Vec<PyRecord> {
    m.records
        .iter()
        .map(|r| PyRecord {
            methods: r.methods.iter().map(|c| callable(m, cfg, c)).collect(),
            traits: traits(m, cfg, &r.trait_methods, &names::type_name(&r.name)),
            name: names::type_name(&r.name),
            docstring: doc(&r.docstring, 4),
            converter: PyType::of(&Type::Record(r.name.clone()), cfg).converter,
            fields: fields(cfg, &r.fields),
        })
        .collect()
}

/// The classes of the module's enums and errors.
pub fn enums(m: &Module, cfg: &PyCx<'_>) -> Vec<PyEnum> {
    m.enums
        .iter()
        .map(|e| PyEnum {
            methods: e.methods.iter().map(|c| callable(m, cfg, c)).collect(),
            traits: traits(m, cfg, &e.trait_methods, &names::type_name(&e.name)),
            name: names::type_name(&e.name),
            docstring: doc(&e.docstring, 4),
            converter: PyType::of(&Type::Enum(e.name.clone()), cfg).converter,
            is_plain_flat: e.is_flat && !e.is_error,
            is_error: e.is_error,
            is_flat_error: e.is_flat_error,
            variants: e
                .variants
                .iter()
                .enumerate()
                .map(|(i, v)| variant(cfg, e, i, v))
                .collect(),
        })
        .collect()
}

fn fields(cfg: &PyCx<'_>, fs: &[crate::ir::Field]) -> Vec<PyField> {
    fs.iter().map(|f| field(cfg, f)).collect()
}

fn field(cfg: &PyCx<'_>, f: &crate::ir::Field) -> PyField {
    let t = PyType::of(&f.ty, cfg);
    let name = names::field_name(&f.name);
    let (param, fresh_default) = match f.default.as_ref().and_then(|d| types::default_value(d, &f.ty, cfg)) {
        Some(types::Default::Mutable(e) | types::Default::Constructed(e)) => {
            (format!("{name}: {} | _UniffiDefaultType = _UNIFFI_DEFAULT", t.hint), Some(e))
        }
        Some(types::Default::Literal(lit)) => (format!("{name}: {} = {lit}", t.hint), None),
        None => (format!("{name}: {}", t.hint), None),
    };
    PyField {
        name,
        hint: t.hint,
        converter: t.converter,
        // A blank line after a field's docstring separates it from the next field.
        docstring: doc(&f.docstring, 4).map(|d| d + "\n"),
        param,
        fresh_default,
    }
}

fn variant(cfg: &PyCx<'_>, e: &crate::ir::Enum, i: usize, v: &crate::ir::Variant) -> PyVariant {
    // Tuple variants come with positional field names (`0`, `1`, ...) or none at all.
    let is_tuple = !v.fields.is_empty()
        && v.fields.iter().all(|f| f.name.is_empty() || f.name.chars().all(|c| c.is_ascii_digit()));
    let mut fields = fields(cfg, &v.fields);
    if is_tuple {
        for (n, f) in fields.iter_mut().enumerate() {
            f.name = format!("v{n}");
            f.param = format!("v{n}: {}", f.hint);
        }
    }
    let mut hints: Vec<&str> = fields.iter().map(|f| f.hint.as_str()).collect();
    let tuple_hint = format!("{}[{}]", cfg.builtin("tuple"), hints.join(", "));
    hints.dedup();
    PyVariant {
        // Upstream: SHOUTY_SNAKE members for enums, the Rust (UpperCamel) name for errors.
        name: names::variant_name(&v.name, e.is_error),
        docstring: doc(&v.docstring, 4),
        index: i + 1,
        value: v.discriminant.as_ref().map(types::literal).unwrap_or_else(|| (i + 1).to_string()),
        predicate: format!("is_{}", v.name.to_snake_case()),
        is_tuple,
        item_hint: if hints.len() == 1 { hints[0].to_owned() } else { format!("{}.Any", cfg.module("typing")) },
        tuple_hint,
        fields,
    }
}
