//! Reads IR callback interfaces and the foreign side of foreign traits and the `[bindings.js]`
//! config; produces the views `callback.js` (and `callback.d.ts`) render: the vtables through
//! which Rust calls JS objects (sync methods writing `uniffi_out_return` and the call status;
//! async methods completing a foreign future) and the argument classes of the callback gate.

use crate::config::LangConfig;
use crate::ir::{Callable, CallableKind, FfiType, ForeignImpl, Type};

use super::ffi::{ffi_zero, koffi_type};
use super::names::{foreign_method_function, handles_name, method_name, param_name, type_name, vtable_name};
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
