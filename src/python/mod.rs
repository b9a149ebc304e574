//! Reads an IR module and the `[bindings.python]` config; produces `<namespace>.py`
//! (ctypes FFI, asyncio coroutines) by rendering `templates/python/module.py` with the views
//! the other modules build, its type declarations in the order Python needs at import.

mod callable;
mod callback;
mod external;
mod ffi;
mod names;
mod object;
mod options;
mod package;
mod types;
mod user_types;

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::ToShoutySnakeCase;

use crate::backend::{Backend, OutputFile, Rendered};
use crate::config::LangConfig;
use crate::ir::{Callable, Field, Literal, Module, Type};

use callable::{callable, PyCallable};
use callback::{PyForeign, PyStreamSource};
use ffi::{FfiDecl, FfiDef};
use object::PyObject;
use options::PyCx;
use types::{doc, PyType};
use user_types::{PyEnum, PyRecord};

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
    /// it needs at import (see [`order`]).
    decls: Vec<PyDecl>,
    exports: Vec<String>,
    /// `as_<trait>()` adapters of native async iterables to foreign stream traits.
    sources: Vec<PyStreamSource>,
    /// Every `import` line: the modules the rest of the module uses (under their private
    /// aliases, or plainly in hints; found in a first rendering, see [`names::module_imports`])
    /// and those custom type configs ask for, sorted and deduplicated (one block).
    imports: Vec<String>,
    /// How hints and public base classes name the modules they use (`typing`, or
    /// `_uniffi_typing` when an item of the module takes that name).
    mods: PublicModules,
    /// `from builtins import int as _uniffi_int`: the aliases of the builtins the rest of the
    /// module uses (found in a first rendering, see [`names::builtin_imports`]).
    builtin_imports: Vec<String>,
    /// `import geometry`: the modules of the other components whose types this one uses.
    external_imports: Vec<String>,
    /// `uniffi_async_runtime_<namespace>_`: the symbols of the optional native continuation
    /// queue (continuation_queue.py).
    queue_prefix: String,
    /// `UNIFFI_<NAMESPACE>_CONTINUATION_QUEUE`: `0` there forces the ctypes continuation.
    queue_env_var: String,
}

/// How the public parts of the module (hints, base classes) name the modules it imports.
struct PublicModules {
    asyncio: String,
    concurrent_futures: String,
    enum_: String,
    typing: String,
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

fn render(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
    let cfg = &PyCx::new(cfg, m);
    let cdylib = cfg.cdylib_name.clone().unwrap_or_else(|| m.cdylib.clone());
    let functions: Vec<PyCallable> = m.functions.iter().map(|f| callable(m, cfg, f)).collect();
    let records = user_types::records(m, cfg);
    let enums = user_types::enums(m, cfg);
    let mut exports: Vec<String> = functions.iter().map(|f| f.name.clone()).collect();
    exports.extend(records.iter().map(|r| r.name.clone()));
    exports.extend(enums.iter().map(|e| e.name.clone()));
    exports.extend(functions.iter().filter(|f| f.blocking).map(|f| format!("{}_blocking", f.name)));
    exports.extend(["InternalError".into(), "uniffi_set_offload_executor".into(), "uniffi_live_polls".into()]);
    let objects = object::objects(m, cfg, cfg_file)?;
    let callback_interfaces = callback::callback_interfaces(m, cfg);
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
    let sources = callback::sources(m, cfg, cfg_file, &exports)?;
    exports.extend(sources.iter().map(|s| s.function.clone()));
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
    let ffi_decls = ffi::decls(m, &fast_symbols);
    let has_objects = !objects.is_empty();
    let mut slots = Slots {
        customs: custom_aliases.into_iter().map(Some).collect(),
        records: records.into_iter().map(Some).collect(),
        enums: enums.into_iter().map(Some).collect(),
        objects: objects.into_iter().map(Some).collect(),
        callbacks: callback_interfaces.into_iter().map(Some).collect(),
    };
    let decls = order(m).into_iter().filter_map(|item| slots.take(item)).collect();
    let mut t = ModuleTemplate {
        module_doc: doc(&m.docstring, 0),
        imports: Vec::new(),
        mods: PublicModules {
            asyncio: cfg.module("asyncio"),
            concurrent_futures: cfg.module("concurrent.futures"),
            enum_: cfg.module("enum"),
            typing: cfg.module("typing"),
        },
        builtin_imports: Vec::new(),
        external_imports: external::imports(cfg),
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
        external_error_converters: external::error_converters(m, cfg),
        decls,
        exports,
        sources,
    };
    let first = t.render().context("rendering python/module.py")?;
    t.builtin_imports = names::builtin_imports(&first);
    let mut imports: Vec<(String, String)> = names::module_imports(&first)
        .into_iter()
        .filter(|line| line.contains(" as ") || cfg.module_unshadowed(&line["import ".len()..]))
        .chain(extra_imports.into_iter().map(|i| format!("import {i}")))
        .map(|line| (line.to_lowercase(), line))
        .collect();
    imports.sort();
    imports.dedup();
    t.imports = imports.into_iter().map(|(_, line)| line).collect();
    let contents = t.render().context("rendering python/module.py")?;
    Ok(Rendered {
        files: vec![OutputFile { path: format!("{}.py", m.namespace).into(), contents }],
        warnings: Vec::new(),
    })
}

/// The rendered declarations, taken out one at a time in [`order`]'s order.
struct Slots {
    customs: Vec<Option<(String, String, Option<String>)>>,
    records: Vec<Option<PyRecord>>,
    enums: Vec<Option<PyEnum>>,
    objects: Vec<Option<PyObject>>,
    callbacks: Vec<Option<PyForeign>>,
}

impl Slots {
    fn take(&mut self, item: Item) -> Option<PyDecl> {
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

// ---- declaration order ----------------------------------------------------------------
//
// With `from __future__ import annotations` no annotation is evaluated at import, but two
// things are: a custom type's alias (`Guid: typing.TypeAlias = str`, or the name of another
// type) and a default argument or field value naming an enum member
// (`mode: Mode = Mode.FAST`). So each type is declared after the types those name; otherwise
// the base order is kept: custom types, records, enums, objects, callback interfaces.
// A field's type named like a builtin (a record `Exception`) is declared before the class
// whose body annotates the field with it: mypy reads a class-body annotation naming a type
// declared later as the builtin.

/// One declaration, by its index in the module's list of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Custom(usize),
    Record(usize),
    Enum(usize),
    Object(usize),
    Callback(usize),
}

/// Every type declaration of `m`, each after the declarations it needs at import (see the
/// comment above [`Item`]).
pub fn order(m: &Module) -> Vec<Item> {
    let mut items: Vec<(Item, &str, Vec<String>)> = Vec::new();
    for (i, c) in m.custom_types.iter().enumerate() {
        let mut deps = Vec::new();
        type_names(&c.builtin, &mut deps);
        items.push((Item::Custom(i), &c.name, deps));
    }
    for (i, r) in m.records.iter().enumerate() {
        let mut deps = field_deps(&r.fields);
        deps.extend(callable_deps(r.methods.iter()));
        items.push((Item::Record(i), &r.name, deps));
    }
    for (i, e) in m.enums.iter().enumerate() {
        let fields: Vec<Field> = e.variants.iter().flat_map(|v| v.fields.iter().cloned()).collect();
        let mut deps = field_deps(&fields);
        deps.extend(callable_deps(e.methods.iter()));
        items.push((Item::Enum(i), &e.name, deps));
    }
    for (i, o) in m.objects.iter().enumerate() {
        let callables = o.constructors.iter().chain(&o.methods).chain(o.foreign.iter().flat_map(|f| &f.methods));
        let mut deps = callable_deps(callables);
        // Class bases are evaluated at import: the protocols of the traits it implements.
        for t in &o.trait_impls {
            type_names(&t.ty, &mut deps);
        }
        items.push((Item::Object(i), &o.name, deps));
    }
    for (i, c) in m.callback_interfaces.iter().enumerate() {
        items.push((Item::Callback(i), &c.name, callable_deps(c.foreign.methods.iter())));
    }
    let by_name: BTreeMap<&str, usize> = items.iter().enumerate().map(|(i, it)| (it.1, i)).collect();
    let mut done = vec![false; items.len()];
    let mut out = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        visit(i, &items, &by_name, &mut done, &mut out);
    }
    out
}

fn visit(i: usize, items: &[(Item, &str, Vec<String>)], by_name: &BTreeMap<&str, usize>, done: &mut [bool], out: &mut Vec<Item>) {
    if done[i] {
        return;
    }
    // Marked before the dependencies: a cycle (which Python could not declare either) ends here.
    done[i] = true;
    for dep in &items[i].2 {
        if let Some(&d) = by_name.get(dep.as_str()) {
            visit(d, items, by_name, done, out);
        }
    }
    out.push(items[i].0);
}

/// The user types named by `t` (a custom type's alias names them).
fn type_names(t: &Type, out: &mut Vec<String>) {
    if let Some(n) = t.user_name() {
        out.push(n.to_owned());
    }
    for c in t.children() {
        type_names(c, out);
    }
}

fn literal_deps(l: &Option<Literal>, out: &mut Vec<String>) {
    if let Some(Literal::Enum { enum_name, .. }) = l {
        out.push(enum_name.clone());
    }
}

fn field_deps(fields: &[Field]) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields {
        literal_deps(&f.default, &mut out);
        let mut named = Vec::new();
        type_names(&f.ty, &mut named);
        out.extend(named.into_iter().filter(|n| names::BUILTIN_CLASS_NAMES.contains(&names::type_name(n).as_str())));
    }
    out
}

fn callable_deps<'a>(callables: impl Iterator<Item = &'a Callable>) -> Vec<String> {
    let mut out = Vec::new();
    for c in callables {
        for a in &c.args {
            literal_deps(&a.default, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{CustomType, Enum, Record, RustBufferSymbols, TraitMethods, Variant};

    fn module() -> Module {
        let field = |name: &str, ty: Type, default: Option<Literal>| Field { name: name.into(), ty, default, docstring: None };
        let record = |name: &str, fields: Vec<Field>| Record {
            name: name.into(),
            docstring: None,
            fields,
            methods: Vec::new(),
            trait_methods: TraitMethods::default(),
        };
        let sym = String::new;
        Module {
            namespace: "m".into(),
            crate_name: "m".into(),
            cdylib: "m".into(),
            crate_version: None,
            docstring: None,
            contract_version: 30,
            contract_version_symbol: sym(),
            rustbuffer: RustBufferSymbols { alloc: sym(), from_bytes: sym(), free: sym(), reserve: sym() },
            functions: Vec::new(),
            objects: Vec::new(),
            // `Settings.mode` defaults to a member of `Mode`, an enum declared after it.
            records: vec![
                record("Settings", vec![field("mode", Type::Enum("Mode".into()), Some(Literal::Enum { enum_name: "Mode".into(), variant: "Fast".into() }))]),
                record("Point", vec![field("x", Type::I32, None)]),
            ],
            enums: vec![Enum {
                name: "Mode".into(),
                docstring: None,
                is_flat: true,
                is_error: false,
                is_flat_error: false,
                non_exhaustive: false,
                discr_type: None,
                variants: vec![Variant { name: "Fast".into(), docstring: None, discriminant: None, fields: Vec::new() }],
                methods: Vec::new(),
                trait_methods: TraitMethods::default(),
            }],
            callback_interfaces: Vec::new(),
            // `Boxed` aliases the record `Point`; `Nested` aliases `Boxed`.
            custom_types: vec![
                CustomType { name: "Nested".into(), docstring: None, builtin: Type::Custom { name: "Boxed".into(), builtin: Box::new(Type::Record("Point".into())) } },
                CustomType { name: "Boxed".into(), docstring: None, builtin: Type::Record("Point".into()) },
            ],
            future_families: Vec::new(),
            foreign_future_shapes: Vec::new(),
            all_types: Vec::new(),
            external_types: Vec::new(),
            checksums: Vec::new(),
        }
    }

    #[test]
    fn each_type_follows_what_it_names_at_import() {
        let order = order(&module());
        let pos = |item: Item| order.iter().position(|i| *i == item).unwrap();
        assert_eq!(order.len(), 5);
        assert!(pos(Item::Record(1)) < pos(Item::Custom(1)), "{order:?}"); // Point before Boxed
        assert!(pos(Item::Custom(1)) < pos(Item::Custom(0)), "{order:?}"); // Boxed before Nested
        assert!(pos(Item::Enum(0)) < pos(Item::Record(0)), "{order:?}"); // Mode before Settings
    }

    #[test]
    fn items_named_like_imported_modules_keep_their_names() {
        let tmp = tempfile::tempdir().unwrap();
        let udl = tmp.path().join("dtt.udl");
        let body = "namespace dtt { timestamp datetime(timestamp at, duration typing); u32 typing(u32 asyncio); };\n";
        std::fs::write(&udl, body).unwrap();
        let opts = crate::GenerateOptions {
            source: udl.to_str().unwrap().into(),
            languages: vec![crate::Language::Python],
            out_dir: "unused".into(),
            config: None,
            crate_name: Some("dtt".into()),
            metadata_no_deps: false,
        };
        let py = crate::render_all(&opts).unwrap().0.remove(0).contents;
        // The functions and parameters keep their names; hints reach the shadowed module through
        // its alias, whose import is the only one (a plain `import datetime` would be redefined).
        assert!(py.contains("\ndef datetime(at: _uniffi_datetime.datetime, typing: _uniffi_datetime.timedelta) -> _uniffi_datetime.datetime:"), "{py}");
        assert!(py.contains("\ndef typing(asyncio: int) -> int:"), "{py}");
        assert!(py.contains("\nimport datetime as _uniffi_datetime\n") && !py.contains("\nimport datetime\n"), "{py}");
        // `concurrent` is taken by no item: the public `uniffi_set_offload_executor` hint names it.
        assert!(py.contains("\nimport concurrent.futures\n") && py.contains("executor: concurrent.futures.Executor"), "{py}");
    }
}
