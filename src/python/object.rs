//! Reads the IR's objects, callback interfaces and foreign traits and the `[bindings.python]`
//! config; produces the views `object.py` and `callback.py` render: classes wrapping Rust
//! objects (constructors, methods, Rust trait methods as dunder methods), their protocols, and
//! the vtables through which Rust calls Python implementations.

use heck::{ToShoutySnakeCase, ToSnakeCase};


use crate::ir::{Callable, CallableKind, ForeignImpl, Module, Object, Type};

use super::ffi::received_hint;
use super::{callable, class_name, doc, names, PyCallable, PyCx, PyType};

/// A class wrapping a Rust object.
pub struct PyObject {
    /// The class wrapping Rust handles (`Store`; `FetcherImpl` for foreign traits).
    pub name: String,
    pub docstring: Option<String>,
    /// The protocol (`StoreProtocol`, a `typing.Protocol`) or, for traits Python can
    /// implement, the base class Python implementations subclass (`Fetcher`).
    pub protocol: String,
    /// `typing.Protocol` or ``.
    pub protocol_base: &'static str,
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
}

/// Rust trait methods (`Display`, `Debug`, `Eq`, `Hash`, `Ord`) of an object, record or enum,
/// rendered as dunder methods by traits.py.
pub struct PyTraits {
    /// The class the methods belong to (`isinstance` checks of `other`).
    pub owner: String,
    pub display: Option<PyCallable>,
    pub debug: Option<PyCallable>,
    pub eq: Option<PyCallable>,
    pub ne: Option<PyCallable>,
    pub hash: Option<PyCallable>,
    pub cmp: Option<PyCallable>,
}

pub fn traits(m: &Module, cfg: &PyCx<'_>, t: &crate::ir::TraitMethods, owner: &str) -> PyTraits {
    let tm = |c: &Option<Callable>| c.as_ref().map(|c| callable(m, cfg, c));
    PyTraits {
        owner: owner.to_owned(),
        display: tm(&t.display),
        debug: tm(&t.debug),
        eq: tm(&t.eq),
        ne: tm(&t.ne),
        hash: tm(&t.hash),
        cmp: tm(&t.cmp),
    }
}

/// A vtable through which Rust calls a Python implementation.
pub struct PyForeign {
    /// The public protocol name (`Logger`, `Fetcher`).
    pub name: String,
    pub docstring: Option<String>,
    /// The converter of the public type.
    pub converter: String,
    /// `_UNIFFI_VTABLE_LOGGER`
    pub vtable_var: String,
    /// `_UniffiVTableCallbackInterfaceLogger`
    pub vtable_struct: String,
    pub init_symbol: String,
    /// `True` for `dispatch = "main"` (as Python source).
    pub main: &'static str,
    pub methods: Vec<PyForeignMethod>,
    /// The protocol's method signatures (callback interfaces only render a protocol here).
    pub protocol_methods: Vec<PyCallable>,
    /// A callback interface (callback.py renders its protocol and converter) rather than the
    /// vtable of a foreign trait (object.py renders those).
    pub is_callback_interface: bool,
}

/// One vtable entry: a ctypes callback that forwards to the Python method.
pub struct PyForeignMethod {
    /// The Python method called on the implementation.
    pub py_name: String,
    /// The module-level function ctypes calls (`_uniffi_vtable_logger_log`).
    pub fn_name: String,
    /// Its `CFUNCTYPE` (`_UniffiCallbackInterfaceLoggerMethod0`).
    pub cfunc_type: String,
    /// Its parameters with the hints of what ctypes passes.
    pub params: String,
    /// A tuple expression lifting the arguments: `(_UniffiConverterString.lift(message),)`.
    pub lift_args: String,
    pub is_async: bool,
    /// `_UniffiConverterU32.lower` or `None`.
    pub lower_return: String,
    /// `(FetchError, _UniffiConverterTypeFetchError)` or `None`.
    pub error: String,
    /// Async only: the result struct handed to the completion callback.
    pub result_struct: String,
}

/// The classes of all objects of the module.
pub fn objects(m: &Module, cfg: &PyCx<'_>) -> Vec<PyObject> {
    m.objects.iter().map(|o| object(m, cfg, o)).collect()
}

/// The vtables and protocols of the module's callback interfaces.
pub fn callback_interfaces(m: &Module, cfg: &PyCx<'_>) -> Vec<PyForeign> {
    m.callback_interfaces
        .iter()
        .map(|c| {
            let t = PyType::of(&Type::CallbackInterface(c.name.clone()), cfg);
            let mut f = foreign(m, cfg, &c.foreign, &c.name, t, doc(&c.docstring, 4));
            f.is_callback_interface = true;
            f
        })
        .collect()
}

fn object(m: &Module, cfg: &PyCx<'_>, o: &Object) -> PyObject {
    let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
    let t = PyType::of(&ty, cfg);
    let public = class_name(&o.name);
    let (name, protocol, protocol_base) = if o.foreign.is_some() {
        (format!("{public}Impl"), public.clone(), "")
    } else {
        (public.clone(), format!("{public}Protocol"), "typing.Protocol")
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
    PyObject {
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
    }
}

/// The converter reading an object error out of a call status's error buffer.
pub fn error_converter(t: &Type) -> String {
    format!("_UniffiErrorConverter{}", t.canonical_name())
}

fn used_as_error(m: &Module, object: &str) -> bool {
    thrown_objects(m).any(|t| matches!(t, Type::Object { name, .. } if name == object))
}

/// The object types some callable of the module throws.
fn thrown_objects(m: &Module) -> impl Iterator<Item = &Type> {
    let callables = m
        .functions
        .iter()
        .chain(m.objects.iter().flat_map(|o| o.constructors.iter().chain(o.methods.iter())))
        .chain(m.records.iter().flat_map(|r| r.methods.iter()))
        .chain(m.enums.iter().flat_map(|e| e.methods.iter()))
        .chain(super::ffi::foreign_impls(m).flat_map(|f| f.methods.iter()));
    callables.filter_map(|c| c.throws.as_ref()).filter(|t| matches!(t, Type::Object { .. }))
}

/// `(error converter, converter, hint)` of each object of another component this module's
/// callables throw: read out of the error buffer through the local converter of that type.
pub fn external_error_converters(m: &Module, cfg: &PyCx<'_>) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = thrown_objects(m)
        .filter(|t| !m.objects.iter().any(|o| Some(o.name.as_str()) == t.user_name()))
        .map(|t| {
            let py = PyType::of(t, cfg);
            (error_converter(t), py.converter, py.hint)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn foreign(
    m: &Module,
    cfg: &PyCx<'_>,
    f: &ForeignImpl,
    owner: &str,
    t: PyType,
    docstring: Option<String>,
) -> PyForeign {
    let owner_snake = owner.to_snake_case();
    PyForeign {
        name: t.hint,
        docstring,
        converter: t.converter,
        vtable_var: format!("_UNIFFI_VTABLE_{}", owner.to_shouty_snake_case()),
        vtable_struct: format!("_Uniffi{}", f.vtable_struct),
        init_symbol: f.init_symbol.clone(),
        main: if f.dispatch.is_main() { "True" } else { "False" },
        methods: f.methods.iter().map(|c| foreign_method(cfg, &owner_snake, c)).collect(),
        protocol_methods: f.methods.iter().map(|c| callable(m, cfg, c)).collect(),
        is_callback_interface: false,
    }
}

fn foreign_method(cfg: &PyCx<'_>, owner_snake: &str, c: &Callable) -> PyForeignMethod {
    let py_name = names::method_name(&c.name);
    // ffi_args: the handle, the method's arguments, then the out-return pointer (sync) or the
    // completion callback, its data and the out dropped-callback struct (async).
    let arg_names: Vec<String> = c.args.iter().map(|a| names::param_name(&a.name)).collect();
    let mut names = vec!["_uniffi_handle".to_owned()];
    names.extend(arg_names.iter().cloned());
    if c.is_async() {
        names.extend(["_uniffi_future_callback", "_uniffi_callback_data", "_uniffi_out_dropped_callback"].map(String::from));
    } else {
        names.push("_uniffi_out_return".into());
    }
    let mut params: Vec<String> = names
        .iter()
        .zip(&c.ffi_args)
        .map(|(n, t)| format!("{n}: {}", received_hint(t)))
        .collect();
    if c.has_call_status {
        params.push("_uniffi_call_status: typing.Any".into());
    }
    let lifts: Vec<String> = c
        .args
        .iter()
        .zip(&arg_names)
        .map(|(a, n)| format!("{}.lift({n}),", PyType::of(&a.ty, cfg).converter))
        .collect();
    let error = c.throws.as_ref().map_or("None".into(), |e| {
        let t = PyType::of(e, cfg);
        let conv = if matches!(e, Type::Object { .. }) { error_converter(e) } else { t.converter };
        format!("({}, {conv})", t.hint)
    });
    let result_struct = match &c.async_shape {
        Some(crate::ir::AsyncShape::ForeignFuture(s)) => format!("_Uniffi{}", s.result_struct),
        _ => String::new(),
    };
    PyForeignMethod {
        fn_name: format!("_uniffi_vtable_{owner_snake}_{py_name}"),
        py_name,
        cfunc_type: format!("_Uniffi{}", c.ffi_symbol),
        params: params.join(", "),
        lift_args: format!("({})", lifts.join(" ")),
        is_async: c.is_async(),
        lower_return: c.ret.as_ref().map_or("None".into(), |r| format!("{}.lower", PyType::of(r, cfg).converter)),
        error,
        result_struct,
    }
}
