//! Reads IR callables (functions, constructors, methods) and the `[bindings.js]` config;
//! produces the precomputed view the JS templates render for each: parameters, TypeScript
//! signature, argument checks, the FFI call expression and how its result is lifted; and the
//! list of every callable foreign code calls.

use crate::config::LangConfig;
use crate::ir::{Callable, Module, TraitMethods, Type};

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

/// The receiver of a method, passed to Rust first.
#[derive(Clone, Copy)]
pub enum Receiver<'a> {
    /// An object method: the factory that clones `this`'s handle.
    Handle(&'a str),
    /// A method of a record or enum (on its exported companion value): the value is the first
    /// parameter, of this Rust type, checked and lowered like any argument.
    Value(&'a Type),
}

/// Builds the view of `c` named `name` (from `names`); `receiver` is how a method passes its
/// receiver, and `indent` the indentation of its JSDoc.
pub fn callable(m: &Module, cfg: &LangConfig, c: &Callable, name: String, receiver: Option<Receiver>, indent: &str) -> JsCallable {
    let mut args: Vec<(String, JsType)> = c.args.iter().map(|a| (param_name(&a.name), JsType::of(&a.ty, cfg))).collect();
    // The value receiver: `value`, or `value_`, ... when a parameter already has that name.
    let value = match receiver {
        Some(Receiver::Value(ty)) => {
            let mut n = "value".to_owned();
            while args.iter().any(|(a, _)| *a == n) {
                n.push('_');
            }
            Some((n, JsType::of(ty, cfg)))
        }
        _ => None,
    };
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
    let mut lowered: Vec<String> = match receiver {
        Some(Receiver::Handle(f)) => vec![format!("{f}.cloneHandle(this)")],
        _ => Vec::new(),
    };
    let skip = usize::from(value.is_some());
    if let Some(v) = value {
        args.insert(0, v);
    }
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
    for (n, t) in &args[..skip] {
        params.push(n.clone());
        ts_params.push(format!("{n}: {}", t.ts_in));
    }
    for (i, ((n, t), a)) in args[skip..].iter().zip(&c.args).enumerate() {
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

/// The exported Rust traits of an object, record or enum as methods under their JS names:
/// `toString` (Display), `toDebugString` (Debug), `equals` (Eq), `hashCode` (Hash),
/// `compareTo` (Ord). Objects get them as instance methods; records and enums on their
/// companion value `owner`, taking the value(s) as arguments.
pub fn trait_callables(m: &Module, cfg: &LangConfig, t: &TraitMethods, receiver: Receiver, owner: &str) -> Vec<JsCallable> {
    let object = matches!(receiver, Receiver::Handle(_));
    let (debug, hash, sort) = if object {
        ("Rust's `Debug` (also what `util.inspect` shows).", "objects", "(a, b) => a.compareTo(b)".to_owned())
    } else {
        ("Rust's `Debug`.", "values", format!("{owner}.compareTo"))
    };
    let hash = format!("Rust's `Hash`: equal {hash} have equal hash codes.");
    let ord = format!("Rust's `Ord`: negative, zero or positive (sortable with `{sort}`).");
    let named = [
        (&t.display, "toString", "Rust's `Display`."),
        (&t.debug, "toDebugString", debug),
        (&t.eq, "equals", "Rust's `PartialEq`."),
        (&t.hash, "hashCode", hash.as_str()),
        (&t.cmp, "compareTo", ord.as_str()),
    ];
    let mut out = Vec::new();
    for (c, name, doc) in named {
        if let Some(c) = c {
            let mut v = callable(m, cfg, c, name.into(), Some(receiver), "  ");
            v.doc = jsdoc(doc, "  ", &[]);
            out.push(v);
        }
    }
    out
}

fn traits(t: &TraitMethods) -> impl Iterator<Item = &Callable> {
    [&t.display, &t.debug, &t.eq, &t.ne, &t.hash, &t.cmp].into_iter().flatten()
}

/// Every callable foreign code calls: functions, constructors, methods and trait methods (of
/// objects, records and enums).
pub fn all_callables(m: &Module) -> impl Iterator<Item = &Callable> {
    let objects = m.objects.iter().flat_map(move |o| o.constructors.iter().chain(o.methods.iter()).chain(traits(&o.trait_methods)));
    let records = m.records.iter().flat_map(move |r| r.methods.iter().chain(traits(&r.trait_methods)));
    let enums = m.enums.iter().flat_map(move |e| e.methods.iter().chain(traits(&e.trait_methods)));
    m.functions.iter().chain(objects).chain(records).chain(enums)
}
