//! Reads IR objects, callback interfaces and foreign traits and the `[bindings.js]` config;
//! produces the views `object.js` and `callback.js` (and their `.d.ts` twins) render: classes
//! over Rust handles (constructors, methods, exported trait methods, freeing), and the vtables
//! through which Rust calls JS objects (sync methods writing `uniffi_out_return` and the call
//! status; async methods completing a foreign future).

use crate::config::LangConfig;
use crate::ir::{Callable, CallableKind, FfiType, ForeignImpl, Module, Object, Type};

use super::callable::{callable, JsCallable};
use super::jsdoc;
use super::names::{impl_class_name, method_name, param_name, static_name, type_name};
use super::types::{ffi_zero, koffi_type, JsType};

pub struct JsObject {
    /// The class (`Store`; `GreeterImpl` for traits, whose interface is `Greeter`).
    pub class: String,
    /// Traits: the TypeScript interface every implementation satisfies.
    pub iface: Option<String>,
    pub doc: String,
    pub converter: String,
    /// `UniffiFactory_Store`: lifts handles into instances (keeping identity) and frees them.
    pub factory: String,
    pub clone_symbol: String,
    pub free_symbol: String,
    /// Used as an error type: the class extends `Error`.
    pub is_error: bool,
    pub primary: Option<JsCallable>,
    /// Named constructors (static methods).
    pub statics: Vec<JsCallable>,
    /// Methods, including the exported trait methods under their JS names.
    pub methods: Vec<JsCallable>,
    /// `toDebugString` from Debug (also what `util.inspect` shows).
    pub has_debug: bool,
    /// Foreign traits: the vtable side (JS objects Rust calls into).
    pub foreign: Option<JsForeign>,
}

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
    /// How the method's C arguments are passed, for the runtime crate's gate (`gate.js`): a JS
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

pub fn object(m: &Module, cfg: &LangConfig, o: &Object) -> JsObject {
    let iface = o.is_trait.then(|| type_name(&o.name));
    let class = match &iface {
        Some(i) => impl_class_name(i, &super::user::user_type_names(m)),
        None => type_name(&o.name),
    };
    let factory = format!("UniffiFactory_{class}");
    let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
    let is_error = super::all_callables(m).any(|c| c.throws.as_ref() == Some(&ty));
    let mut primary = None;
    let mut statics = Vec::new();
    for c in &o.constructors {
        let v = callable(m, cfg, c, static_name(&c.name), None, "  ");
        match c.kind {
            CallableKind::Constructor { primary: true, .. } if !c.is_async() => primary = Some(v),
            _ => statics.push(v),
        }
    }
    let mut methods: Vec<JsCallable> =
        o.methods.iter().map(|c| callable(m, cfg, c, method_name(&c.name, is_error), Some(&factory), "  ")).collect();
    let t = &o.trait_methods;
    let named = [
        (&t.display, "toString", "Rust's `Display`."),
        (&t.debug, "toDebugString", "Rust's `Debug` (also what `util.inspect` shows)."),
        (&t.eq, "equals", "Rust's `PartialEq`."),
        (&t.hash, "hashCode", "Rust's `Hash`: equal objects have equal hash codes."),
        (&t.cmp, "compareTo", "Rust's `Ord`: negative, zero or positive (sortable with `(a, b) => a.compareTo(b)`)."),
    ];
    for (c, name, doc) in named {
        if let Some(c) = c {
            let mut v = callable(m, cfg, c, name.into(), Some(&factory), "  ");
            v.doc = jsdoc(doc, "  ", &[]);
            methods.push(v);
        }
    }
    JsObject {
        iface,
        doc: o.docstring.as_deref().map(|d| jsdoc(d, "", &[])).unwrap_or_default(),
        converter: JsType::of(&ty, cfg).converter,
        factory,
        clone_symbol: o.clone_symbol.clone(),
        free_symbol: o.free_symbol.clone(),
        is_error,
        primary,
        statics,
        methods,
        has_debug: t.debug.is_some(),
        foreign: o.foreign.as_ref().map(|f| foreign(cfg, &type_name(&o.name), None, &ty, f)),
        class,
    }
}

pub fn callback_interface(cfg: &LangConfig, c: &crate::ir::CallbackInterface) -> JsForeign {
    let ty = Type::CallbackInterface(c.name.clone());
    foreign(cfg, &type_name(&c.name), c.docstring.as_deref(), &ty, &c.foreign)
}

fn foreign(cfg: &LangConfig, name: &str, doc: Option<&str>, ty: &Type, f: &ForeignImpl) -> JsForeign {
    JsForeign {
        name: name.into(),
        doc: doc.map(|d| jsdoc(d, "", &[])).unwrap_or_default(),
        converter: JsType::of(ty, cfg).converter,
        handles: format!("UniffiHandles_{name}"),
        vtable: format!("UniffiVTable_{name}"),
        vtable_struct: format!("Uniffi{}", f.vtable_struct),
        init_symbol: f.init_symbol.clone(),
        methods: f.methods.iter().map(|c| foreign_method(cfg, name, c)).collect(),
        dispatch_main: f.dispatch.is_main(),
        is_trait: matches!(ty, Type::Object { .. }),
    }
}

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
        function: format!("uniffiMethod_{owner}_{index}"),
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

/// `const X = koffi....;` declarations of the FFI types the vtables need, in dependency order.
pub fn ffi_types(m: &Module) -> Vec<String> {
    let foreign: Vec<&ForeignImpl> = m
        .callback_interfaces
        .iter()
        .map(|c| &c.foreign)
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()))
        .collect();
    if foreign.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        "const UniffiCallbackInterfaceFree = koffi.proto('void', ['uint64_t']);".to_owned(),
        "const UniffiCallbackInterfaceClone = koffi.proto('uint64_t', ['uint64_t']);".to_owned(),
        "const UniffiForeignFutureDroppedCallback = koffi.proto('void', ['uint64_t']);".to_owned(),
        "const UniffiForeignFutureDroppedCallbackStruct = koffi.struct({ handle: 'uint64_t', free: koffi.pointer(UniffiForeignFutureDroppedCallback) });".to_owned(),
    ];
    for s in &m.foreign_future_shapes {
        let value = s.ffi_ret.as_ref().map(|t| format!("return_value: {}, ", koffi_type(t))).unwrap_or_default();
        out.push(format!("const Uniffi{} = koffi.struct({{ {value}call_status: UniffiRustCallStatus }});", s.result_struct));
        out.push(format!("const Uniffi{} = koffi.proto('void', ['uint64_t', Uniffi{}]);", s.complete_callback, s.result_struct));
    }
    for f in &foreign {
        let mut fields = vec![
            "uniffi_free: koffi.pointer(UniffiCallbackInterfaceFree)".to_owned(),
            "uniffi_clone: koffi.pointer(UniffiCallbackInterfaceClone)".to_owned(),
        ];
        for c in &f.methods {
            let mut args: Vec<String> = c.ffi_args.iter().map(koffi_type).collect();
            if c.has_call_status {
                args.push("koffi.pointer(UniffiRustCallStatus)".into());
            }
            out.push(format!("const Uniffi{} = koffi.proto('void', [{}]);", c.ffi_symbol, args.join(", ")));
            fields.push(format!("{}: koffi.pointer(Uniffi{})", c.name, c.ffi_symbol));
        }
        out.push(format!("const Uniffi{} = koffi.struct({{ {} }});", f.vtable_struct, fields.join(", ")));
    }
    out
}
