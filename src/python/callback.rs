//! Reads the IR's callback interfaces and foreign traits (Python implementations Rust calls)
//! and the `[bindings.python]` config; produces the views callback.py (protocols and
//! converters of callback interfaces) and object.py (foreign traits) render: the vtables through
//! which Rust calls Python implementations, one ctypes callback per method; and for a foreign
//! trait marked as a stream (`[bindings.async] streams` on a callback interface or a
//! `with_foreign` trait), the views of stream.py's adapters: a module-level `as_<trait>(source)`
//! that adapts any `AsyncIterable[T]` to the trait (foreign -> Rust streams). An adapter name
//! another top-level name takes, and optional items (a `None` item reads as the end), are
//! refused.

use anyhow::{bail, Result};
use camino::Utf8Path;
use heck::{ToShoutySnakeCase, ToSnakeCase};

use crate::ir::{Callable, ForeignImpl, Module, Type};

use super::callable::{callable, PyCallable};
use super::ffi::received_hint;
use super::names;
use super::options::PyCx;
use super::types::{doc, error_converter, PyType};

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

/// The vtable of a foreign implementation (`owner` names the callback interface or trait).
pub fn foreign(
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
        params.push("_uniffi_call_status: _uniffi_typing.Any".into());
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

/// The adapter of native async iterables to one foreign stream trait.
pub struct PyStreamSource {
    /// The public adapter function (`as_number_source`).
    pub function: String,
    /// The private class implementing the trait (`_UniffiStreamSourceNumberSource`).
    pub class: String,
    /// The public type Rust accepts (`NumberSource`): the protocol of a callback interface or
    /// the base class of a `with_foreign` trait's Python implementations.
    pub hint: String,
    /// The hint of the item type `T`.
    pub item: String,
    /// The Python name of the stream method (`next`, `pull`).
    pub method: String,
    /// Its return hint (`int | None`).
    pub return_hint: String,
    /// The exception class the native iteration may raise to make the method fail in Rust.
    pub throws: Option<String>,
}

/// The adapters of the module's foreign stream traits. `taken` holds every other public
/// top-level name of the module; an adapter named like one of them (or like another adapter)
/// is refused.
pub fn sources(m: &Module, cfg: &PyCx<'_>, cfg_file: &Utf8Path, taken: &[String]) -> Result<Vec<PyStreamSource>> {
    let traits = m
        .callback_interfaces
        .iter()
        .map(|c| (c.name.as_str(), &c.foreign, Type::CallbackInterface(c.name.clone())))
        .chain(m.objects.iter().filter_map(|o| {
            let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
            o.foreign.as_ref().map(|f| (o.name.as_str(), f, ty))
        }));
    let mut out: Vec<PyStreamSource> = Vec::new();
    for (name, foreign, ty) in traits {
        let Some(s) = source(cfg, name, foreign, &ty, cfg_file)? else { continue };
        if taken.contains(&s.function) || out.iter().any(|o| o.function == s.function) {
            bail!(
                "{cfg_file}: [bindings.async] streams: `{name}`: its Python stream adapter \
                 `{}` is already a top-level name of the module; rename the other item with \
                 [bindings.python.rename]",
                s.function
            );
        }
        out.push(s);
    }
    Ok(out)
}

fn source(cfg: &PyCx<'_>, name: &str, f: &ForeignImpl, ty: &Type, cfg_file: &Utf8Path) -> Result<Option<PyStreamSource>> {
    let (Some(next), Some(item)) = (f.stream_next(), f.stream_next().and_then(|m| m.stream_item())) else {
        return Ok(None);
    };
    if let Type::Optional(_) = item {
        bail!(
            "{cfg_file}: [bindings.async] streams: `{name}`: `{name}.{}` returns \
             `Option<Option<T>>`; in Python a `None` item is `None` like the end of the stream; \
             wrap the item in a record (or an enum) instead",
            next.name
        );
    }
    let hint = PyType::of(ty, cfg).hint;
    Ok(Some(PyStreamSource {
        function: names::function_name(&format!("as_{}", name.to_snake_case())),
        class: format!("_UniffiStreamSource{}", names::type_name(name).trim_start_matches('_')),
        hint,
        item: PyType::of(item, cfg).hint,
        method: names::method_name(&next.name),
        return_hint: PyType::of(next.ret.as_ref().unwrap_or(item), cfg).hint,
        throws: next.throws.as_ref().map(|t| PyType::of(t, cfg).hint),
    }))
}

#[cfg(test)]
mod tests {
    // Not `super::`: tests/layout.rs reads `super` from this file as the backend's mod.rs.
    use crate::ir::Type;
    use crate::python::callback::sources;
    use crate::python::options::PyCx;
    use crate::{render_all, GenerateOptions, Language};

    /// The Python module of a UDL whose async callback interface `NumberSource` (`next`,
    /// returning `item`) is marked as a stream, with `extra` in its namespace.
    fn render(extra: &str, item: &str) -> anyhow::Result<String> {
        let tmp = tempfile::tempdir().unwrap();
        let udl = tmp.path().join("sources.udl");
        let body = format!("namespace sources {{ {extra} }};\ncallback interface NumberSource {{ [Async] {item} next(); }};\n");
        std::fs::write(&udl, body).unwrap();
        let cfg = tmp.path().join("uniffi.toml");
        std::fs::write(&cfg, "[bindings.async]\nstreams = [\"NumberSource\"]\n").unwrap();
        let opts = GenerateOptions {
            source: udl.to_str().unwrap().into(),
            languages: vec![Language::Python],
            out_dir: "unused".into(),
            config: Some(cfg.to_str().unwrap().into()),
            crate_name: Some("sources".into()),
            metadata_no_deps: false,
        };
        let (files, _) = render_all(&opts)?;
        Ok(files.into_iter().next().unwrap().contents)
    }

    #[test]
    fn a_foreign_stream_gets_an_adapter() {
        let py = render("u32 add(u32 a, u32 b);", "u32?").unwrap();
        assert!(py.contains("def as_number_source(source: typing.AsyncIterable[int]) -> NumberSource:"), "{py}");
        assert!(py.contains("class _UniffiStreamSourceNumberSource(_UniffiStreamSource[int], NumberSource):"), "{py}");
        assert!(py.contains("    \"as_number_source\",\n"), "exported: {py}");
    }

    #[test]
    fn optional_items_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let udl = tmp.path().join("sources.udl");
        std::fs::write(&udl, "namespace sources {};\ncallback interface NumberSource { [Async] u32? next(); };\n").unwrap();
        let udl = camino::Utf8PathBuf::from_path_buf(udl).unwrap();
        let mut m = crate::load::load(&udl, Some("sources"), None).unwrap().remove(0).module;
        let cfg = crate::config::AsyncConfig { streams: Some(toml::toml! { NumberSource = "next" }.into()), ..Default::default() };
        crate::ir::annotations::apply(&mut m, &cfg, "uniffi.toml".into()).unwrap();
        // `Option<Option<u32>>`: a `None` item would look like the end of the stream.
        let next = &mut m.callback_interfaces[0].foreign.methods[0];
        next.ret = Some(Type::Optional(Box::new(Type::Optional(Box::new(Type::U32)))));
        let lang = crate::config::LangConfig::default();
        let e = sources(&m, &PyCx::new(&lang, &m), "uniffi.toml".into(), &[]).err().unwrap().to_string();
        assert!(e.contains("uniffi.toml") && e.contains("`NumberSource.next` returns `Option<Option<T>>`"), "{e}");
    }

    #[test]
    fn a_clashing_adapter_name_is_refused() {
        let e = format!("{:#}", render("u32 as_number_source();", "u32?").err().expect("the adapter name clashes"));
        for part in ["uniffi.toml", "streams", "`NumberSource`", "`as_number_source`", "[bindings.python.rename]"] {
            assert!(e.contains(part), "error must mention {part:?}: {e}");
        }
    }
}
