//! Reads IR callables (functions, constructors, methods, trait methods); produces the
//! `KtCallable` views `templates/kotlin/function.kt` renders (sync calls, and async ones through
//! `templates/kotlin/async.kt`, where cancellation lives), and renders one indented for a class
//! body.

use askama::Template;
use heck::ToUpperCamelCase;

use super::names::{self, ident};
use super::options::Names;
use super::types::{kdoc, literal, KtType};
use crate::ir::{Callable, CallableKind, FfiType, Module, Type};

/// The status lambda's parameter in a generated body: a leading `_` keeps it clear of every
/// parameter name (lowerCamelCase, never starting with `_`), so a Rust parameter named
/// `uniffi_status` keeps its name and value (as upstream).
const STATUS: &str = "_status";

/// A callable as the Kotlin template renders it; every string precomputed.
pub struct KtCallable {
    pub name: String,
    pub doc: String,
    /// `override ` / `private ` / empty, placed before `fun`.
    pub modifier: &'static str,
    pub is_async: bool,
    /// `a: UInt, b: UInt = 3u` (no defaults on overrides: the interface declares them).
    pub params: String,
    /// `: UInt` or empty for unit.
    pub return_decl: String,
    /// The FFI call: `UniffiLib.sym(lowered args, uniffiStatus)`; for async callables the
    /// expression creating the future. Methods pass `uniffiCloneHandle()` as the receiver.
    pub ffi_call: String,
    /// Name of the sync call's status lambda parameter (`_` when the symbol takes none).
    pub status_param: String,
    /// The exception class for `@Throws`, if the callable throws.
    pub throws: Option<String>,
    /// The error converter passed to the checked call, or `null`.
    pub handler: String,
    /// Expression lifting `uniffiResult`, or `None` for unit.
    pub lift: Option<String>,
    /// The future family object (async only).
    pub future: String,
    /// `offload`: a blocking Rust call rendered as a `suspend fun` running on
    /// `UniffiAsyncConfig.offloadDispatcher`.
    pub offload: bool,
    /// The declared return type of the offloaded `suspend fun` (`Unit` for unit).
    pub offload_return: String,
    /// `blocking`: name of the blocking twin of an async call (`loadConfigBlocking`).
    pub blocking: Option<String>,
    /// KDoc of the blocking twin.
    pub blocking_doc: String,
    /// `@Throws` classes of the blocking twin (`MathException::class, InterruptedException::class`).
    pub blocking_throws: String,
    /// For methods: the declarations of the object's interface (the method, and its twin).
    pub interface_decls: Vec<String>,
}

/// Every callable the module calls into Rust: functions, constructors, methods, trait methods
/// (of objects, records and enums).
pub fn callables(m: &Module) -> impl Iterator<Item = &Callable> {
    fn trait_fns(t: &crate::ir::TraitMethods) -> impl Iterator<Item = &Callable> {
        [&t.display, &t.debug, &t.eq, &t.ne, &t.hash, &t.cmp].into_iter().flatten()
    }
    m.functions
        .iter()
        .chain(m.objects.iter().flat_map(|o| {
            o.constructors.iter().chain(o.methods.iter()).chain(trait_fns(&o.trait_methods))
        }))
        .chain(m.records.iter().flat_map(|r| r.methods.iter().chain(trait_fns(&r.trait_methods))))
        .chain(m.enums.iter().flat_map(|e| e.methods.iter().chain(trait_fns(&e.trait_methods))))
}

/// Where a callable is rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A top-level function, or a constructor in the companion object.
    Free,
    /// A method of an object class, overriding its interface.
    Method,
    /// A method of a callback interface: only its declaration is used, named by
    /// [`names::callback_method`].
    CallbackMethod,
    /// A private helper method (trait methods, wrapped by `toString`, `equals`, ...).
    Helper(&'static str),
    /// An internal helper of a record or enum (its trait methods): the receiver is the value.
    ValueHelper(&'static str),
    /// A method exported on a record or enum (`record`: a record): the receiver is the value.
    ValueMethod { record: bool },
}

#[derive(Template)]
#[template(path = "kotlin/function.kt", escape = "none")]
struct FunctionTemplate<'a> {
    f: &'a KtCallable,
}

/// Renders `f` as class members, indented by `indent` spaces.
pub fn render_member(f: &KtCallable, indent: usize) -> String {
    let text = FunctionTemplate { f }.render().expect("function.kt renders");
    indent_lines(&text, indent)
}

pub fn indent_lines(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    text.lines()
        .map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn family_object(suffix: &str) -> String {
    format!("UniffiRustFuture{}", suffix.to_upper_camel_case())
}

/// The converter `uniffiRustCall` lifts errors of type `t` with: error objects cross in a
/// RustBuffer holding their handle, so they get a buffer adapter next to their class.
pub fn error_handler(t: &Type, n: &Names) -> String {
    match t {
        Type::Object { name, .. } => format!("UniffiErrorHandler{}", n.class(name)),
        _ => KtType::of(t, n).converter,
    }
}

fn params(n: &Names, c: &Callable, defaults: bool) -> String {
    c.args
        .iter()
        .map(|a| {
            let t = KtType::of(&a.ty, n);
            let default = a.default.as_ref().filter(|_| defaults).map(|d| format!(" = {}", literal(d, &a.ty, n)));
            format!("{}: {}{}", ident(&a.name), t.name, default.unwrap_or_default())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn callable(n: &Names, c: &Callable, place: Place) -> KtCallable {
    let is_method = matches!(c.kind, CallableKind::Method { .. });
    // Named arguments, evaluated in the order written: handles last (objects passed in, then the
    // receiver's clone), so a failure lowering another argument (say, a closed object) cannot
    // leak a Rust reference.
    let mut values: Vec<(u8, String)> = Vec::new();
    match (place, &c.kind) {
        (Place::ValueHelper(_) | Place::ValueMethod { record: true }, CallableKind::Method { object }) => {
            values.push((0, KtType::of(&Type::Record(object.clone()), n).lower("this")));
        }
        (Place::ValueMethod { record: false }, CallableKind::Method { object }) => {
            values.push((0, KtType::of(&Type::Enum(object.clone()), n).lower("this")));
        }
        _ if is_method => values.push((2, "uniffiCloneHandle()".into())),
        _ => {}
    }
    values.extend(c.args.iter().map(|a| {
        (u8::from(a.ty.ffi_type() == FfiType::Handle), KtType::of(&a.ty, n).lower(&ident(&a.name)))
    }));
    let mut ffi_args: Vec<(u8, String)> =
        values.into_iter().enumerate().map(|(i, (rank, v))| (rank, format!("arg{i} = {v}"))).collect();
    ffi_args.sort_by_key(|(rank, _)| *rank); // stable: otherwise in order
    let mut ffi_args: Vec<String> = ffi_args.into_iter().map(|(_, v)| v).collect();
    if c.has_call_status {
        ffi_args.push(format!("uniffiStatus = {STATUS}"));
    }
    let mut ffi_call = format!("UniffiLib.{}({})", c.ffi_symbol, ffi_args.join(", "));
    if c.is_async() && c.has_call_status {
        ffi_call = format!("uniffiRustCall(null) {{ {STATUS} -> {ffi_call} }}");
    }
    let ret = c.ret.as_ref().map(|t| KtType::of(t, n));
    let error = c.throws.as_ref().map(|t| (KtType::of(t, n).name, error_handler(t, n)));
    let fam = c.async_shape.as_ref().and_then(|s| s.rust_future());
    let name = match place {
        Place::Helper(name) | Place::ValueHelper(name) => name.to_owned(),
        Place::Method | Place::ValueMethod { .. } => names::method(&c.name),
        Place::CallbackMethod => names::callback_method(&c.name, c.args.len()),
        Place::Free => ident(&c.name),
    };
    let offload = c.annotations.offload && !c.is_async();
    let mut doc = c.docstring.clone().unwrap_or_default();
    if offload {
        let sep = if doc.is_empty() { "" } else { "\n\n" };
        doc.push_str(&format!(
            "{sep}Runs the blocking Rust call on [UniffiAsyncConfig.offloadDispatcher]."
        ));
    }
    let blocking = (c.annotations.blocking && c.is_async())
        .then(|| format!("{}Blocking", name.trim_matches('`')));
    let blocking_throws = error
        .iter()
        .map(|(e, _)| format!("{e}::class"))
        .chain(["InterruptedException::class".to_string()])
        .collect::<Vec<_>>()
        .join(", ");
    let doc = kdoc((!doc.is_empty()).then_some(doc.as_str()), 0);
    let blocking_doc = kdoc(
        Some(&format!(
            "Blocking twin of [{name}]: drives the Rust future to completion on the calling \
             thread,\nno coroutine needed. Interrupting the waiting thread cancels the Rust \
             future and\nthrows [InterruptedException]."
        )),
        0,
    );
    let return_decl = ret.as_ref().map(|t| format!(": {}", t.name)).unwrap_or_default();
    let declared = matches!(place, Place::Method | Place::CallbackMethod);
    let interface_decls = if declared {
        let throws = error.as_ref().map(|(e, _)| format!("@Throws({e}::class)\n")).unwrap_or_default();
        let suspend = if c.is_async() || offload { "suspend " } else { "" };
        let p = params(n, c, true);
        let mut decls = vec![format!("{doc}{throws}{suspend}fun {name}({p}){return_decl}")];
        if let Some(twin) = &blocking {
            decls.push(format!("{blocking_doc}@Throws({blocking_throws})\nfun {twin}({p}){return_decl}"));
        }
        decls
    } else {
        Vec::new()
    };
    KtCallable {
        modifier: match place {
            Place::Free | Place::ValueMethod { .. } => "",
            Place::Method | Place::CallbackMethod => "override ",
            Place::Helper(_) => "private ",
            Place::ValueHelper(_) => "internal ",
        },
        params: params(n, c, place == Place::Free),
        interface_decls,
        blocking_doc: if declared { String::new() } else { blocking_doc },
        blocking,
        blocking_throws,
        offload,
        offload_return: ret.as_ref().map_or("kotlin.Unit".into(), |t| t.name.clone()),
        name,
        doc: if declared { String::new() } else { doc },
        is_async: c.is_async(),
        return_decl,
        ffi_call,
        status_param: if c.has_call_status { STATUS } else { "_" }.into(),
        handler: error.as_ref().map_or("null".into(), |(_, h)| h.clone()),
        throws: error.map(|(e, _)| e),
        lift: ret.map(|t| t.lift("uniffiResult")),
        future: fam.map(|f| family_object(&f.suffix)).unwrap_or_default(),
    }
}
