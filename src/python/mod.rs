//! Reads an IR module and the `[bindings.python]` config; produces `<namespace>.py`
//! (ctypes FFI, asyncio coroutines) by rendering `templates/python/`.

mod call;
mod ffi;
pub mod names;
mod object;
mod order;
mod types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::{ToShoutySnakeCase, ToSnakeCase};

use crate::config::LangConfig;
use crate::ir::{Module, Type};
use crate::backend::{Backend, OutputFile, Rendered};

use call::callable;
pub use call::PyCallable;
pub use ffi::{FfiDecl, FfiDef};
pub use object::{PyForeign, PyObject};
pub use types::{PyCx, PyType};

/// The Python backend.
pub struct Python;

impl Backend for Python {
    fn render(&self, m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
        render(m, cfg, cfg_file)
    }
}

#[derive(Template)]
#[template(path = "python/module.py", escape = "none")]
struct ModuleTemplate<'a> {
    m: &'a Module,
    cdylib: String,
    /// The module docstring block.
    module_doc: Option<String>,
    /// `(symbol, argtypes, restype)` for every FFI function used.
    ffi_decls: Vec<FfiDecl>,
    /// ctypes callback and struct types for vtables and foreign futures.
    ffi_defs: Vec<FfiDef>,
    functions: Vec<PyCallable>,
    /// Whether the module wraps Rust objects.
    has_objects: bool,
    /// Whether any Python implementation can be handed to Rust (callback interface or trait).
    has_foreign: bool,
    /// Whether Rust can await a Python `async def`.
    has_foreign_async: bool,
    converters: Vec<PyType>,
    /// `(error converter, converter, hint)` of objects of other components thrown here.
    external_error_converters: Vec<(String, String, String)>,
    /// Custom-type aliases, records, enums, objects and callback interfaces, each after what
    /// it needs at import (see `order.rs`).
    decls: Vec<PyDecl>,
    exports: Vec<String>,
    /// Every `import <module>` line: the module's own and those custom type configs ask for,
    /// sorted and deduplicated (one block, as isort orders it).
    imports: Vec<String>,
    /// `from builtins import int as _uniffi_int`: the aliases of the builtins the rest of the
    /// module uses (found in a first rendering, see [`names::builtin_imports`]).
    builtin_imports: Vec<String>,
    /// `import geometry`: the modules of the other components whose types this one uses.
    external_imports: Vec<String>,
    /// `uniffi_async_runtime_<namespace>_`: the symbols of the optional native continuation
    /// queue (async_queue.py).
    queue_prefix: String,
    /// `UNIFFI_<NAMESPACE>_CONTINUATION_QUEUE`: `0` there forces the ctypes continuation.
    queue_env_var: String,
}

/// One type declaration of the module.
pub enum PyDecl {
    /// `(public name, aliased hint, docstring block)` of a custom type.
    Custom(String, String, Option<String>),
    Record(PyRecord),
    Enum(PyEnum),
    Object(PyObject),
    Callback(PyForeign),
}

pub struct PyRecord {
    pub name: String,
    pub docstring: Option<String>,
    pub converter: String,
    pub fields: Vec<PyField>,
    /// Methods exported on the record.
    pub methods: Vec<PyCallable>,
    pub traits: object::PyTraits,
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
    pub traits: object::PyTraits,
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

fn render(m: &Module, cfg: &LangConfig, _cfg_file: &Utf8Path) -> Result<Rendered> {
    let cfg = &PyCx::new(cfg, m);
    let cdylib = cfg.cdylib_name.clone().unwrap_or_else(|| m.cdylib.clone());
    let functions: Vec<PyCallable> = m.functions.iter().map(|f| callable(m, cfg, f)).collect();
    let records = m.records.iter().map(|r| PyRecord {
        methods: r.methods.iter().map(|c| callable(m, cfg, c)).collect(),
        traits: object::traits(m, cfg, &r.trait_methods, &class_name(&r.name)),
        name: class_name(&r.name),
        docstring: doc(&r.docstring, 4),
        converter: PyType::of(&Type::Record(r.name.clone()), cfg).converter,
        fields: fields(cfg, &r.fields),
    });
    let enums = m.enums.iter().map(|e| PyEnum {
        methods: e.methods.iter().map(|c| callable(m, cfg, c)).collect(),
        traits: object::traits(m, cfg, &e.trait_methods, &class_name(&e.name)),
        name: class_name(&e.name),
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
    });
    let records: Vec<PyRecord> = records.collect();
    let enums: Vec<PyEnum> = enums.collect();
    let mut exports: Vec<String> = functions.iter().map(|f| f.name.clone()).collect();
    exports.extend(records.iter().map(|r| r.name.clone()));
    exports.extend(enums.iter().map(|e| e.name.clone()));
    exports.extend(functions.iter().filter(|f| f.blocking).map(|f| format!("{}_blocking", f.name)));
    exports.extend(["InternalError".into(), "uniffi_set_offload_executor".into(), "uniffi_live_polls".into()]);
    let objects = object::objects(m, cfg);
    let callback_interfaces = object::callback_interfaces(m, cfg);
    for o in &objects {
        exports.extend([o.name.clone(), o.protocol.clone()]);
    }
    exports.extend(callback_interfaces.iter().map(|c| c.name.clone()));
    let has_foreign = ffi::foreign_impls(m).next().is_some();
    let has_foreign_async = ffi::foreign_impls(m).flat_map(|f| &f.methods).any(|c| c.is_async());
    if has_foreign {
        exports.extend(["uniffi_set_event_loop".into(), "uniffi_live_handles".into()]);
    }
    let converters: Vec<PyType> = m.all_types.iter().map(|t| PyType::of(t, cfg)).collect();
    let custom_aliases: Vec<(String, String, Option<String>)> = m
        .custom_types
        .iter()
        .map(|c| {
            let t = PyType::of(&Type::Custom { name: c.name.clone(), builtin: Box::new(c.builtin.clone()) }, cfg);
            (t.hint, t.alias, doc(&c.docstring, 0))
        })
        .collect();
    exports.extend(custom_aliases.iter().map(|c| c.0.clone()));
    exports.sort_by_key(|n| export_sort_key(n));
    let mut extra_imports: Vec<String> =
        cfg.custom_types.values().flat_map(|c| c.imports.iter().flatten().cloned()).collect();
    extra_imports.sort();
    extra_imports.dedup();
    // Symbols called directly (no `argtypes`): only ever through function.py's fast path.
    let fast_symbols: std::collections::BTreeSet<&str> = functions
        .iter()
        .chain(objects.iter().flat_map(|o| o.constructors.iter().chain(o.methods.iter())))
        .chain(records.iter().flat_map(|r| r.methods.iter()))
        .chain(enums.iter().flat_map(|e| e.methods.iter()))
        .filter(|f| f.fast.is_some())
        .map(|f| f.ffi_symbol.as_str())
        .collect();
    let needs_enum = enums.iter().any(|e| e.is_plain_flat);
    let needs_datetime = m.all_types.iter().any(|t| matches!(t, Type::Timestamp | Type::Duration));
    let mut imports: Vec<String> = ["asyncio", "atexit", "concurrent.futures", "ctypes", "os", "struct", "sys", "threading", "typing"]
        .into_iter()
        .map(String::from)
        .chain(extra_imports)
        .collect();
    for (needed, module) in [
        (needs_datetime, "datetime"),
        (needs_enum, "enum"),
        (has_foreign, "functools"),
        (has_foreign_async, "inspect"),
        (!objects.is_empty(), "weakref"),
    ] {
        if needed {
            imports.push(module.into());
        }
    }
    imports.sort_by_key(|i| i.to_lowercase());
    imports.dedup();
    let ffi_decls = ffi::decls(m, &fast_symbols);
    let has_objects = !objects.is_empty();
    let mut slots = Slots {
        customs: custom_aliases.into_iter().map(Some).collect(),
        records: records.into_iter().map(Some).collect(),
        enums: enums.into_iter().map(Some).collect(),
        objects: objects.into_iter().map(Some).collect(),
        callbacks: callback_interfaces.into_iter().map(Some).collect(),
    };
    let decls = order::order(m).into_iter().filter_map(|item| slots.take(item)).collect();
    let mut t = ModuleTemplate {
        module_doc: doc(&m.docstring, 0),
        imports,
        builtin_imports: Vec::new(),
        external_imports: cfg.external_imports(),
        queue_prefix: format!("uniffi_async_runtime_{}_", m.namespace),
        queue_env_var: format!("UNIFFI_{}_CONTINUATION_QUEUE", m.namespace.to_shouty_snake_case()),
        m,
        cdylib,
        ffi_decls,
        ffi_defs: ffi::defs(m),
        functions,
        has_objects,
        has_foreign,
        has_foreign_async,
        converters,
        external_error_converters: object::external_error_converters(m, cfg),
        decls,
        exports,
    };
    t.builtin_imports = names::builtin_imports(&t.render().context("rendering python/module.py")?);
    let contents = t.render().context("rendering python/module.py")?;
    Ok(Rendered {
        files: vec![OutputFile { path: format!("{}.py", m.namespace).into(), contents }],
        warnings: Vec::new(),
    })
}

/// The rendered declarations, taken out one at a time in [`order::order`]'s order.
struct Slots {
    customs: Vec<Option<(String, String, Option<String>)>>,
    records: Vec<Option<PyRecord>>,
    enums: Vec<Option<PyEnum>>,
    objects: Vec<Option<PyObject>>,
    callbacks: Vec<Option<PyForeign>>,
}

impl Slots {
    fn take(&mut self, item: order::Item) -> Option<PyDecl> {
        use order::Item;
        Some(match item {
            Item::Custom(i) => {
                let (name, alias, doc) = self.customs.get_mut(i)?.take()?;
                PyDecl::Custom(name, alias, doc)
            }
            Item::Record(i) => PyDecl::Record(self.records.get_mut(i)?.take()?),
            Item::Enum(i) => PyDecl::Enum(self.enums.get_mut(i)?.take()?),
            Item::Object(i) => PyDecl::Object(self.objects.get_mut(i)?.take()?),
            Item::Callback(i) => PyDecl::Callback(self.callbacks.get_mut(i)?.take()?),
        })
    }
}

/// Renames from the config were applied to the IR already; only the case is Python's.
fn class_name(rust: &str) -> String {
    names::type_name(rust)
}

/// The order ruff's RUF022 wants for `__all__`: constants, then classes, then the rest, each
/// in natural order (`echo_i8` before `echo_i16`).
fn export_sort_key(name: &str) -> (u8, Vec<(String, u128)>) {
    let group = if name.len() > 1 && name.chars().all(|c| !c.is_lowercase()) {
        0
    } else if name.starts_with(char::is_uppercase) {
        1
    } else {
        2
    };
    let mut chunks = Vec::new();
    let mut rest = name;
    while !rest.is_empty() {
        let text_len = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let (text, tail) = rest.split_at(text_len);
        let num_len = tail.find(|c: char| !c.is_ascii_digit()).unwrap_or(tail.len());
        let (num, tail) = tail.split_at(num_len);
        chunks.push((text.to_owned(), num.parse().unwrap_or(0)));
        rest = tail;
    }
    (group, chunks)
}

fn doc(d: &Option<String>, indent: usize) -> Option<String> {
    d.as_deref().map(|d| types::docstring(d, indent))
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
        item_hint: if hints.len() == 1 { hints[0].to_owned() } else { "typing.Any".into() },
        tuple_hint,
        fields,
    }
}
