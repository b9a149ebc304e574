//! Reads IR callback interfaces and the foreign side of foreign traits and the `[bindings.js]`
//! config; produces the views `callback.js` (and `callback.d.ts`) render: the vtables through
//! which Rust calls JS objects (sync methods writing `uniffi_out_return` and the call status;
//! async methods completing a foreign future) and the argument classes of the callback gate;
//! and, for a foreign trait `[bindings.async] streams` names, the `JsSource` view of its
//! adapter (`asNumberSource(source: AsyncIterable<T>)`, rendered by `module.js`).

use anyhow::{bail, Result};
use camino::Utf8Path;

use crate::config::LangConfig;
use crate::ir::{Callable, CallableKind, FfiType, ForeignImpl, Module, Type};

use super::ffi::{ffi_zero, koffi_type};
use super::names::{
    foreign_method_function, function_name, handles_name, method_name, param_name, source_adapter_name, type_name, vtable_name,
};
use super::options::jsdoc;
use super::types::JsType;

/// A callback interface or the foreign side of a foreign trait.
pub struct JsForeign {
    /// The TypeScript interface (`Logger`).
    pub name: String,
    pub doc: String,
    pub converter: String,
    /// `UniffiHandles_Logger`: the JS objects Rust holds, by handle.
    pub handles: String,
    /// `UniffiVTable_Logger`: the vtable in native memory.
    pub vtable: String,
    pub vtable_struct: String,
    pub init_symbol: String,
    pub methods: Vec<JsForeignMethod>,
    /// `dispatch = "main"`: documented; koffi already runs every call on the JS thread.
    pub dispatch_main: bool,
    /// The foreign side of a foreign trait (whose converter `object.js` renders).
    pub is_trait: bool,
}

pub struct JsForeignMethod {
    /// JS method name (`log`).
    pub name: String,
    /// The vtable field (the Rust method name).
    pub field: String,
    /// The koffi prototype variable (`UniffiCallbackInterfaceLoggerMethod0`).
    pub proto: String,
    /// The JS function registered with koffi (`uniffiMethod_Logger_0`).
    pub function: String,
    /// Raw parameters of the registered function (`handle, message, outReturn, status`).
    pub raw_params: String,
    /// How the method's C arguments are passed, for the runtime crate's gate (`callback_gate.js`): a JS
    /// string with one letter per argument (`i` integer or pointer, `f` float, `b` RustBuffer by
    /// value), the call status last; `null` for methods without a call status (async ones).
    pub gate_classes: String,
    /// Lifted arguments passed to the JS method (`UniffiConverterString.lift(message)`).
    pub lifted: String,
    pub is_async: bool,
    /// Sync methods: koffi type written through `outReturn` (`None` for void).
    pub out_type: Option<String>,
    /// Converter lowering the return value (`None` for void).
    pub lower: Option<String>,
    /// Converter of the declared error, or `undefined`.
    pub error: String,
    /// Async methods: the completion prototype, and the zero return value (`None` for void).
    pub complete_proto: String,
    pub zero: Option<String>,
    /// `log(message: string): void;`
    pub ts_sig: String,
    pub doc: String,
}

/// Builds the view of callback interface `c`.
pub fn callback_interface(cfg: &LangConfig, c: &crate::ir::CallbackInterface) -> JsForeign {
    let ty = Type::CallbackInterface(c.name.clone());
    foreign(cfg, &type_name(&c.name), c.docstring.as_deref(), &ty, &c.foreign)
}

/// The adapter that makes a native async iterable implement a stream trait (a callback interface
/// or a foreign trait named by `[bindings.async] streams`).
pub struct JsSource {
    /// The exported function (`asNumberSource`).
    pub function: String,
    /// The TypeScript interface it returns (`NumberSource`).
    pub iface: String,
    /// The JS name of the stream method the adapter implements (`next`).
    pub method: String,
    /// The item type in the `.d.ts` (`number`).
    pub item_ts: String,
    /// The converter checking each item (`UniffiConverterU32`).
    pub item_converter: String,
    pub doc: String,
}

/// The adapters of the module's stream traits, sorted by function name; refused (naming
/// `cfg_file` and the trait) when an adapter's name is a function's or when a `None` item
/// could not be told from the end of the stream.
pub fn sources(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Vec<JsSource>> {
    let traits = m
        .callback_interfaces
        .iter()
        .map(|c| (&c.name, &c.foreign))
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref().map(|f| (&o.name, f))));
    let mut out = Vec::new();
    for (rust, f) in traits {
        let (Some(next), Some(item)) = (f.stream_next(), f.stream_next().and_then(|c| c.stream_item())) else {
            continue;
        };
        let iface = type_name(rust);
        let function = source_adapter_name(&iface);
        if let Some(taken) = m.functions.iter().find(|g| function_name(&g.name) == function) {
            bail!(
                "{cfg_file}: [bindings.async] streams: `{rust}`: its JS adapter `{function}` is also the name of \
                 the function `{}`; rename the function or the trait with [bindings.js.rename]",
                taken.name
            );
        }
        if let Type::Optional(_) = item {
            bail!(
                "{cfg_file}: [bindings.async] streams: `{rust}`: `{rust}.{}` returns `Option<Option<T>>`; in JS \
                 a `None` item is `null` like the end of the stream; wrap the item in a record (or an enum) instead",
                next.name
            );
        }
        let item = JsType::of(item, cfg);
        let method = method_name(&next.name, false);
        let errors = match &next.throws {
            Some(e) => format!(
                "An error `source` throws that is a {{@link {}}} reaches Rust as that error, any other as an\n\
                 unexpected callback error; either ends the iteration.",
                JsType::of(e, cfg).ts
            ),
            None => "An error `source` throws reaches Rust as an unexpected callback error and ends the iteration.".into(),
        };
        let doc = format!(
            "A `{iface}` whose items are those of `source`, an async iterable: each `{method}()` Rust calls\n\
             pulls one item (no read-ahead); the end of the iteration is `null`, and so is every later call.\n\
             {errors}\n\
             When Rust drops its last reference to it, the iteration is closed: the iterator's `return()` runs\n\
             (on the JS thread, whichever thread Rust dropped it on) unless the iteration already ended. A\n\
             pending `next()` of the iterator cannot be cancelled: when Rust drops a pending `{method}()`, its\n\
             late result is ignored."
        );
        out.push(JsSource {
            doc: jsdoc(&doc, "", &[]),
            function,
            iface,
            method,
            item_ts: item.ts,
            item_converter: item.converter,
        });
    }
    out.sort_by(|a, b| a.function.cmp(&b.function));
    Ok(out)
}

/// The vtable side of the interface `name` (a callback interface or a foreign trait).
pub fn foreign(cfg: &LangConfig, name: &str, doc: Option<&str>, ty: &Type, f: &ForeignImpl) -> JsForeign {
    JsForeign {
        name: name.into(),
        doc: doc.map(|d| jsdoc(d, "", &[])).unwrap_or_default(),
        converter: JsType::of(ty, cfg).converter,
        handles: handles_name(name),
        vtable: vtable_name(name),
        vtable_struct: format!("Uniffi{}", f.vtable_struct),
        init_symbol: f.init_symbol.clone(),
        methods: f.methods.iter().map(|c| foreign_method(cfg, name, c)).collect(),
        dispatch_main: f.dispatch.is_main(),
        is_trait: matches!(ty, Type::Object { .. }),
    }
}

/// One method of a foreign implementation, as its registered koffi callback sees it.
fn foreign_method(cfg: &LangConfig, owner: &str, c: &Callable) -> JsForeignMethod {
    let args: Vec<(String, JsType)> = c.args.iter().map(|a| (param_name(&a.name), JsType::of(&a.ty, cfg))).collect();
    let ret = c.ret.as_ref().map(|t| JsType::of(t, cfg));
    let err = c.throws.as_ref().map(|t| JsType::of(t, cfg));
    let index = match c.kind {
        CallableKind::ForeignMethod { index, .. } => index,
        _ => 0,
    };
    let mut raw: Vec<String> = vec!["uniffiHandle".into()];
    raw.extend(args.iter().map(|(n, _)| n.clone()));
    let shape = c.async_shape.as_ref().and_then(|s| match s {
        crate::ir::AsyncShape::ForeignFuture(f) => Some(f),
        crate::ir::AsyncShape::RustFuture(_) => None,
    });
    let (out_type, complete_proto, zero) = match shape {
        Some(s) => {
            raw.extend(["uniffiComplete".into(), "uniffiCallbackData".into(), "uniffiOutDropped".into()]);
            (None, format!("Uniffi{}", s.complete_callback), s.ffi_ret.as_ref().map(ffi_zero))
        }
        None => {
            raw.extend(["uniffiOutReturn".into(), "uniffiStatus".into()]);
            (c.ret.as_ref().map(|t| koffi_type(&t.ffi_type())), String::new(), None)
        }
    };
    let mut ts_args: Vec<String> = args.iter().map(|(n, t)| format!("{n}: {}", t.ts)).collect();
    let ts_ret = ret.as_ref().map_or("void".into(), |t| t.ts.clone());
    let ts_ret = if c.is_async() {
        ts_args.push("options: { readonly signal: AbortSignal }".into());
        format!("Promise<{ts_ret}>")
    } else {
        ts_ret
    };
    let mut tags = Vec::new();
    if let Some(e) = &err {
        tags.push(format!("@throws {{{}}} reaches Rust as that error; anything else thrown becomes an unexpected error.", e.ts));
    }
    if c.is_async() {
        tags.push("`options.signal` aborts when Rust drops the future (it no longer wants the result).".into());
    }
    let name = method_name(&c.name, false);
    JsForeignMethod {
        ts_sig: format!("{name}({}): {ts_ret};", ts_args.join(", ")),
        doc: jsdoc(c.docstring.as_deref().unwrap_or_default(), "  ", &tags),
        field: c.name.clone(),
        proto: format!("Uniffi{}", c.ffi_symbol),
        function: foreign_method_function(owner, index),
        raw_params: raw.join(", "),
        gate_classes: gate_classes(c),
        lifted: args.iter().map(|(n, t)| format!("{}.lift({n})", t.converter)).collect::<Vec<_>>().join(", "),
        is_async: c.is_async(),
        out_type,
        lower: ret.map(|t| t.converter),
        error: err.map_or("undefined".into(), |t| t.converter),
        complete_proto,
        zero,
        name,
    }
}

/// The argument classes of a sync foreign method for the gate (see `JsForeignMethod`).
fn gate_classes(c: &Callable) -> String {
    if !c.has_call_status {
        return "null".into();
    }
    let classes: String = c
        .ffi_args
        .iter()
        .map(|t| match t {
            FfiType::F32 | FfiType::F64 => 'f',
            FfiType::RustBuffer => 'b',
            _ => 'i',
        })
        .chain(['i'])
        .collect();
    format!("'{classes}'")
}

#[cfg(test)]
mod tests {
    // Not `super::`: tests/layout.rs reads `super` from this file as the backend's mod.rs.
    use crate::config::LangConfig;
    use crate::ir::Type;
    use crate::js::callback::sources;

    /// The slice UDL with its callback interface `Logger` made a stream of `item`s (`log`
    /// marked as the stream method).
    fn logger_stream(item: Type) -> crate::ir::Module {
        let udl = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/udl/slice/src/slice.udl");
        let mut m = crate::load::load(udl.into(), None, None).unwrap().remove(0).module;
        let log = &mut m.callback_interfaces[0].foreign.methods[0];
        log.annotations.stream_next = true;
        log.ret = Some(Type::Optional(Box::new(item)));
        m
    }

    #[test]
    fn adapters_and_refusals() {
        let cfg = LangConfig::default();
        let m = logger_stream(Type::String);
        let s = sources(&m, &cfg, "uniffi.toml".into()).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].function.as_str(), s[0].iface.as_str(), s[0].method.as_str()), ("asLogger", "Logger", "log"));
        assert_eq!(s[0].item_ts, "string");
        // A function whose JS name is the adapter's.
        let mut m = logger_stream(Type::U32);
        m.functions[0].name = "as_logger".into();
        let e = sources(&m, &cfg, "uniffi.toml".into()).err().unwrap().to_string();
        assert!(e.contains("uniffi.toml") && e.contains("`Logger`: its JS adapter `asLogger` is also the name of the function `as_logger`"), "{e}");
        // `Option<Option<u32>>`: a `None` item would look like the end of the stream.
        let m = logger_stream(Type::Optional(Box::new(Type::U32)));
        let e = sources(&m, &cfg, "uniffi.toml".into()).err().unwrap().to_string();
        assert!(e.contains("uniffi.toml") && e.contains("`Logger.log` returns `Option<Option<T>>`"), "{e}");
    }
}
