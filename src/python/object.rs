//! Reads the IR's objects and the `[bindings.python]` config; produces the views object.py
//! renders: classes wrapping Rust objects (constructors, methods, Rust trait methods as dunder
//! methods), their protocols, and for foreign traits the vtable (built by `callback.rs`); for a
//! stream (`[bindings.async] streams`) the `PyStream` view `templates/python/stream.py` renders.

use anyhow::{bail, Result};
use camino::Utf8Path;

use crate::ir::{Callable, CallableKind, Module, Object, Type};

use super::callable::{callable, traits, PyCallable, PyTraits};
use super::callback::{foreign, PyForeign};
use super::ffi;
use super::names;
use super::options::PyCx;
use super::types::{doc, error_converter, PyType};

/// A class wrapping a Rust object.
pub struct PyObject {
    /// The class wrapping Rust handles (`Store`; `FetcherImpl` for foreign traits).
    pub name: String,
    pub docstring: Option<String>,
    /// The protocol (`StoreProtocol`, a `typing.Protocol`) or, for traits Python can
    /// implement, the base class Python implementations subclass (`Fetcher`).
    pub protocol: String,
    /// `typing.Protocol` or ``.
    pub protocol_base: String,
    /// The public type of values (`Store`; `Fetcher` for foreign traits).
    pub hint: String,
    /// `StoreProtocol, _UniffiClosable[, _uniffi_Exception]` (`_UniffiObject` when the object
    /// has its own `close`).
    pub bases: String,
    pub converter: String,
    /// Objects used as errors are read from the error buffer by this converter.
    pub error_converter: Option<String>,
    pub free_symbol: String,
    pub clone_symbol: String,
    /// The primary constructor, rendered as `__init__` (`None`: `__init__` refuses).
    pub primary: Option<PyCallable>,
    /// Named (and async) constructors, rendered as classmethods.
    pub constructors: Vec<PyCallable>,
    pub methods: Vec<PyCallable>,
    /// The methods the protocol declares.
    pub protocol_methods: Vec<PyCallable>,
    /// Rust trait methods as dunder methods.
    pub traits: PyTraits,

    /// Traits Python can implement: the vtable.
    pub foreign: Option<PyForeign>,
    /// `[bindings.async] streams`: the class is an async iterator over the stream method.
    pub stream: Option<PyStream>,
}

/// A stream object's `__aiter__`, `__anext__` and `aclose` (templates/python/stream.py).
pub struct PyStream {
    /// The hint of the item type `T` (the class is an `AsyncIterator[T]`).
    pub item: String,
    /// The Python name of the stream method (`next`, `tick`).
    pub next: String,
    /// The exception class the stream method raises (named in the docstring).
    pub throws: Option<String>,
}

/// The classes of all objects of the module.
pub fn objects(m: &Module, cfg: &PyCx<'_>, cfg_file: &Utf8Path) -> Result<Vec<PyObject>> {
    m.objects.iter().map(|o| object(m, cfg, o, cfg_file)).collect()
}

fn object(m: &Module, cfg: &PyCx<'_>, o: &Object, cfg_file: &Utf8Path) -> Result<PyObject> {
    let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
    let t = PyType::of(&ty, cfg);
    let public = names::type_name(&o.name);
    let (name, protocol, protocol_base) = if o.foreign.is_some() {
        (format!("{public}Impl"), public.clone(), String::new())
    } else {
        (public.clone(), format!("{public}Protocol"), format!("{}.Protocol", cfg.module("typing")))
    };
    let is_error = used_as_error(m, &o.name);
    // `close()` comes from the base unless the object has a member of that name (upstream's).
    let own_close = o.constructors.iter().chain(&o.methods).any(|c| names::method_name(&c.name) == "close");
    let base = if own_close { "_UniffiObject" } else { "_UniffiClosable" };
    let mut bases = format!("{protocol}, {base}");
    if is_error {
        bases.push_str(", _uniffi_Exception");
    }
    // Upstream: an object implementing exported traits subclasses their protocols.
    let trait_bases: Vec<String> = o
        .trait_impls
        .iter()
        .map(|t| {
            let hint = PyType::of(&t.ty, cfg).hint;
            if t.has_foreign { hint } else { format!("{hint}Protocol") }
        })
        .collect();
    for b in &trait_bases {
        bases.push_str(", ");
        bases.push_str(b);
    }
    let ctor = |c: &Callable| callable(m, cfg, c);
    let primary = o
        .constructors
        .iter()
        .find(|c| matches!(c.kind, CallableKind::Constructor { primary: true, .. }) && !c.is_async())
        .map(ctor);
    let constructors = o
        .constructors
        .iter()
        .filter(|c| !matches!(c.kind, CallableKind::Constructor { primary: true, .. }) || c.is_async())
        .map(ctor)
        .collect();
    let methods: Vec<PyCallable> = o.methods.iter().map(|c| callable(m, cfg, c)).collect();
    let foreign = o.foreign.as_ref().map(|f| foreign(m, cfg, f, &o.name, PyType::of(&ty, cfg), None));
    Ok(PyObject {
        stream: stream(cfg, o, cfg_file)?,
        docstring: doc(&o.docstring, 4),
        protocol_methods: o.methods.iter().map(|c| callable(m, cfg, c)).collect(),
        hint: t.hint,
        converter: t.converter,
        error_converter: is_error.then(|| error_converter(&ty)),
        free_symbol: o.free_symbol.clone(),
        clone_symbol: o.clone_symbol.clone(),
        primary,
        constructors,
        methods,
        traits: traits(m, cfg, &o.trait_methods, &name),
        foreign,
        name,
        protocol,
        protocol_base,
        bases,
    })
}

/// The async-iterator view of a stream object, refused when a method of the object already
/// takes one of the names it adds ([`names::STREAM_MEMBERS`]) or when its items are optional.
fn stream(cfg: &PyCx<'_>, o: &Object, cfg_file: &Utf8Path) -> Result<Option<PyStream>> {
    let (Some(next), Some(item)) = (o.stream_next(), o.stream_next().and_then(|m| m.stream_item())) else {
        return Ok(None);
    };
    let taken = |c: &&Callable| names::STREAM_MEMBERS.contains(&names::method_name(&c.name).as_str());
    if let Some(c) = o.constructors.iter().chain(&o.methods).find(taken) {
        bail!(
            "{cfg_file}: [bindings.async] streams: `{}`: its method `{}` is `{}` in Python, a method \
             of the stream's async iterator; rename the method with [bindings.python.rename]",
            o.name,
            c.name,
            names::method_name(&c.name)
        );
    }
    if let Type::Optional(_) = item {
        // `Optional[Optional[T]]` is `Optional[T]`: a `None` item would read as the end.
        bail!(
            "{cfg_file}: [bindings.async] streams: `{}`: `{}.{}` returns `Option<Option<T>>`; in \
             Python a `None` item is `None` like the end of the stream; wrap the item in a record \
             (or an enum) instead",
            o.name,
            o.name,
            next.name
        );
    }
    Ok(Some(PyStream {
        item: PyType::of(item, cfg).hint,
        next: names::method_name(&next.name),
        throws: next.throws.as_ref().map(|t| PyType::of(t, cfg).hint),
    }))
}

fn used_as_error(m: &Module, object: &str) -> bool {
    thrown_objects(m).any(|t| matches!(t, Type::Object { name, .. } if name == object))
}

/// The object types some callable of the module throws.
pub fn thrown_objects(m: &Module) -> impl Iterator<Item = &Type> {
    let callables = m
        .functions
        .iter()
        .chain(m.objects.iter().flat_map(|o| o.constructors.iter().chain(o.methods.iter())))
        .chain(m.records.iter().flat_map(|r| r.methods.iter()))
        .chain(m.enums.iter().flat_map(|e| e.methods.iter()))
        .chain(ffi::foreign_impls(m).flat_map(|f| f.methods.iter()));
    callables.filter_map(|c| c.throws.as_ref()).filter(|t| matches!(t, Type::Object { .. }))
}

#[cfg(test)]
mod tests {
    // Not `super::`: tests/layout.rs reads `super` from this file as the backend's mod.rs.
    use crate::config::{AsyncConfig, LangConfig};
    use crate::ir::Type;
    use crate::python::object::stream;
    use crate::python::options::PyCx;

    /// The slice UDL's `Store` with `next_item` (`u32?`) as its stream method.
    fn store() -> crate::ir::Module {
        let udl = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/udl/slice/src/slice.udl");
        let mut m = crate::load::load(udl.into(), None, None).unwrap().remove(0).module;
        let cfg = AsyncConfig { streams: Some(toml::toml! { Store = "next_item" }.into()), ..Default::default() };
        crate::ir::annotations::apply(&mut m, &cfg, "uniffi.toml".into()).unwrap();
        m
    }

    #[test]
    fn stream_items_and_refusals() {
        let cfg = LangConfig::default();
        let mut m = store();
        let s = stream(&PyCx::new(&cfg, &m), &m.objects[0], "uniffi.toml".into()).unwrap().unwrap();
        assert_eq!((s.item.as_str(), s.next.as_str(), s.throws), ("int", "next_item", None));
        // `Option<Option<u32>>`: a `None` item would look like the end of the stream.
        let next = m.objects[0].methods.iter_mut().find(|c| c.annotations.stream_next).unwrap();
        next.ret = Some(Type::Optional(Box::new(Type::Optional(Box::new(Type::U32)))));
        let e = stream(&PyCx::new(&cfg, &m), &m.objects[0], "uniffi.toml".into()).err().unwrap().to_string();
        assert!(e.contains("uniffi.toml") && e.contains("`Store.next_item` returns `Option<Option<T>>`"), "{e}");
    }
}
