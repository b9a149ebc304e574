//! Reads IR callables (functions, constructors, methods) and the `[bindings.js]` config;
//! produces the precomputed view the JS templates render for each: parameters, TypeScript
//! signature, argument checks, the FFI call expression and how its result is lifted; and the
//! list of every callable foreign code calls.

use crate::config::LangConfig;
use crate::ir::{Callable, Module};

use super::names::{family_var, param_name};
use super::options::jsdoc;
use super::types::{literal, JsType};

/// A callable as the JS templates render it.
pub struct JsCallable {
    pub name: String,
    /// JSDoc block (with `@throws`), indented for its place; empty when there is nothing to say.
    pub doc: String,
    pub is_async: bool,
    /// `offload`: a blocking Rust call run on libuv's thread pool, returning a Promise.
    pub is_offload: bool,
    /// `is_async || is_offload`.
    pub returns_promise: bool,
    /// `a, b = 1` (JS parameters, with `uniffiOptions = {}` last for async callables).
    pub params: String,
    /// `a: number, b?: number` (TypeScript parameters, with the async options).
    pub ts_params: String,
    /// `number`, `void`, ... (without the Promise).
    pub ts_ret: String,
    /// `UniffiConverterU32.check(a, 'a');` statements, one per argument.
    pub checks: Vec<String>,
    /// The checked FFI call expression, returning the raw FFI value (for async callables: the
    /// future handle; for offloaded callables: the `(uniffiStatus, uniffiDone) => ....async(...)` starter).
    pub ffi_call: String,
    /// Converter lifting the return value, or `None` for unit.
    pub lift: Option<String>,
    /// Converter of the declared error, or `undefined`.
    pub error: String,
    /// The RustFuture family variable, for async callables.
    pub family: String,
}

/// Builds the view of `c` named `name` (from `names`); `receiver` is the object factory for
/// methods (the receiver handle is cloned and passed first), and `indent` the indentation of
/// its JSDoc.
pub fn callable(m: &Module, cfg: &LangConfig, c: &Callable, name: String, receiver: Option<&str>, indent: &str) -> JsCallable {
    let args: Vec<(String, JsType)> = c.args.iter().map(|a| (param_name(&a.name), JsType::of(&a.ty, cfg))).collect();
    let ret = c.ret.as_ref().map(|t| JsType::of(t, cfg));
    let err = c.throws.as_ref().map(|t| JsType::of(t, cfg));
    let mut tags = Vec::new();
    if let Some(e) = &err {
        tags.push(format!("@throws {{{}}}", e.ts));
    }
    if c.is_async() {
        tags.push("@throws {Error} an `AbortError` when `options.signal` aborts the call.".into());
    }
    let is_offload = c.annotations.offload && !c.is_async();
    let mut doc = c.docstring.clone().unwrap_or_default();
    if is_offload {
        doc.push_str(
            "\n\nThe blocking Rust call runs on libuv's thread pool, so the event loop keeps running;\n\
             it cannot be aborted once started.",
        );
    }
    let error = err.as_ref().map_or("undefined".into(), |t| t.converter.clone());
    let mut lowered: Vec<String> = receiver.map(|f| format!("{f}.cloneHandle(this)")).into_iter().collect();
    lowered.extend(args.iter().map(|(n, t)| format!("{}.lower({n})", t.converter)));
    let ffi_call = if is_offload {
        if c.has_call_status {
            lowered.push("uniffiStatus".into());
        }
        lowered.push("uniffiDone".into());
        format!("(uniffiStatus, uniffiDone) => uniffiFfi.{}.async({})", c.ffi_symbol, lowered.join(", "))
    } else if c.has_call_status {
        lowered.push("uniffiStatus".into());
        format!("uniffiRustCall((uniffiStatus) => uniffiFfi.{}({}), {error})", c.ffi_symbol, lowered.join(", "))
    } else {
        format!("uniffiFfi.{}({})", c.ffi_symbol, lowered.join(", "))
    };

    // Trailing arguments with defaults are optional.
    let optional_from = c.args.iter().rposition(|a| a.default.is_none()).map_or(0, |i| i + 1);
    let mut params = Vec::new();
    let mut ts_params = Vec::new();
    for (i, ((n, t), a)) in args.iter().zip(&c.args).enumerate() {
        match (&a.default, i >= optional_from) {
            (Some(d), true) => {
                params.push(format!("{n} = {}", literal(m, &a.ty, d)));
                ts_params.push(format!("{n}?: {}", t.ts_in));
            }
            _ => {
                params.push(n.clone());
                ts_params.push(format!("{n}: {}", t.ts_in));
            }
        }
    }
    if c.is_async() {
        params.push("uniffiOptions = {}".into());
        ts_params.push("options?: UniffiAsyncOptions".into());
    }
    JsCallable {
        name,
        doc: jsdoc(&doc, indent, &tags),
        is_async: c.is_async(),
        is_offload,
        returns_promise: c.is_async() || is_offload,
        params: params.join(", "),
        ts_params: ts_params.join(", "),
        ts_ret: ret.as_ref().map_or("void".into(), |t| t.ts.clone()),
        checks: args.iter().map(|(n, t)| format!("{}.check({n}, '{n}');", t.converter)).collect(),
        ffi_call,
        lift: ret.map(|t| t.converter),
        error,
        // The module's one family for these FFI symbols (`m.future_families`), never our own.
        family: c
            .async_shape
            .as_ref()
            .and_then(|s| s.rust_future())
            .map(|f| family_var(m.future_families.iter().find(|x| x.poll == f.poll).unwrap_or(f)))
            .unwrap_or_default(),
    }
}

/// Every callable foreign code calls: functions, constructors, methods and trait methods.
pub fn all_callables(m: &Module) -> impl Iterator<Item = &Callable> {
    m.functions.iter().chain(m.objects.iter().flat_map(|o| {
        let t = &o.trait_methods;
        let traits = [&t.display, &t.debug, &t.eq, &t.ne, &t.hash, &t.cmp].into_iter().flatten();
        o.constructors.iter().chain(o.methods.iter()).chain(traits)
    }))
}
