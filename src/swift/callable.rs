//! Reads IR callables (functions, constructors, methods, trait methods), sync and async;
//! produces their Swift views (declaration, effects, lowered arguments, the RustFuture symbols
//! `templates/swift/async.swift` drives and cancels) and renders each one through
//! `templates/swift/function.swift`, indented for its place.

use anyhow::{Context, Result};
use askama::Template;

use super::names::var_name;
use super::options::omit_labels;
use super::types::{default_value, docs, SwiftType};
use crate::config::LangConfig;
use crate::ir::{Callable, FutureFamily, Type};

#[derive(Template)]
#[template(path = "swift/function.swift", escape = "none")]
struct FunctionTemplate<'a> {
    f: &'a SwiftCallable,
}

/// Where a callable is declared, which decides its Swift declaration.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A top-level `public func`.
    Function,
    /// An instance method: the receiver's handle goes first.
    Method,
    /// A private helper behind a protocol conformance (Display, Eq, ...).
    TraitMethod,
    /// The primary constructor: `public convenience init`.
    PrimaryInit,
    /// A named constructor: `public static func`.
    StaticConstructor,
}

/// A callable as the Swift template renders it; every string precomputed.
pub struct SwiftCallable {
    pub name: String,
    pub doc: Vec<String>,
    /// `public func add`, `public static func withCapacity`, `public convenience init`.
    pub decl: String,
    /// The blocking twin's declaration (`public func fetchBlocking`).
    pub blocking_decl: String,
    /// The blocking twin's name (`fetchBlocking`).
    pub blocking_name: String,
    /// `let uniffiHandle = ` for the primary constructor, else empty.
    pub bind: String,
    pub is_init: bool,
    pub is_async: bool,
    /// `offload`: a blocking Rust call exposed as `async throws`, run off the cooperative pool.
    pub offload: bool,
    /// `blocking`: an async Rust call that also gets a synchronous twin.
    pub blocking: bool,
    /// Whether the Rust call declares an error (the blocking twin `throws` only then).
    pub throws: bool,
    /// Async: whether Task cancellation reaches Rust (`cancellable` annotation; the function is
    /// then `async throws`). Otherwise the Rust future runs to completion, as upstream's does.
    pub cancellable: bool,
    /// The declaration's effects: ` async throws`, ` async`, ` throws` or empty.
    pub effects: String,
    /// `a: UInt32, b: UInt32 = 3`
    pub params: String,
    /// The parameters without defaults (for protocol requirements).
    pub protocol_params: String,
    /// The FFI call's argument list (`self.uniffiCloneHandle(), UniffiConverterU32.lower(a)`).
    pub lowered_args: String,
    /// ` -> UInt32`, or empty for unit and initializers.
    pub ret_decl: String,
    /// The function lifting the return value (`UniffiConverterU32.lift`), or `None`.
    pub lift: Option<String>,
    /// `UniffiConverterTypeMathError.lift` or `nil`.
    pub error_lift: String,
    pub ffi_symbol: String,
    pub poll: String,
    pub complete: String,
    pub cancel: String,
    pub free: String,
}

/// The function that lifts a thrown error of type `t` from its buffer.
pub fn error_lift(cfg: &LangConfig, t: &Type) -> String {
    let conv = SwiftType::of(t, cfg).converter;
    match t {
        Type::Object { .. } => format!("{conv}.liftError"),
        _ => format!("{conv}.lift"),
    }
}

pub fn callable(cfg: &LangConfig, c: &Callable, role: Role) -> SwiftCallable {
    // `omit_argument_labels`: public callables and protocol requirements take `_ name: T`.
    let unlabelled = if omit_labels(cfg) && role != Role::TraitMethod { "_ " } else { "" };
    let param = |a: &crate::ir::Arg, with_default: bool| {
        let t = SwiftType::of(&a.ty, cfg);
        let default = match (&a.default, with_default) {
            (Some(d), true) => format!(" = {}", default_value(d, &a.ty)),
            _ => String::new(),
        };
        format!("{unlabelled}{}: {}{default}", var_name(&a.name), t.name)
    };
    let params = c.args.iter().map(|a| param(a, true)).collect::<Vec<_>>().join(", ");
    let protocol_params = c.args.iter().map(|a| param(a, false)).collect::<Vec<_>>().join(", ");
    let receiver = matches!(role, Role::Method | Role::TraitMethod).then(|| "self.uniffiCloneHandle()".to_string());
    let lowered_args = receiver
        .into_iter()
        .chain(c.args.iter().map(|a| format!("{}.lower({})", SwiftType::of(&a.ty, cfg).converter, var_name(&a.name))))
        .collect::<Vec<_>>()
        .join(", ");
    let ret = c.ret.as_ref().map(|t| SwiftType::of(t, cfg));
    let fam = c.async_shape.as_ref().and_then(|s| s.rust_future());
    let sym = |f: fn(&FutureFamily) -> &String| fam.map(|x| f(x).clone()).unwrap_or_default();
    let name = var_name(&c.name);
    let blocking_name = var_name(&format!("{}_blocking", c.name));
    let is_init = role == Role::PrimaryInit;
    let cancellable = c.is_async() && c.annotations.cancellable;
    let (decl, blocking_decl) = match role {
        Role::Function | Role::Method => (format!("public func {name}"), format!("public func {blocking_name}")),
        Role::TraitMethod => (format!("private func {name}"), String::new()),
        Role::PrimaryInit => ("public convenience init".into(), "public convenience init".into()),
        Role::StaticConstructor => {
            (format!("public static func {name}"), format!("public static func {blocking_name}"))
        }
    };
    SwiftCallable {
        name,
        doc: docs(&c.docstring),
        decl,
        blocking_decl,
        blocking_name,
        bind: if is_init { "let uniffiHandle = ".into() } else { String::new() },
        is_init,
        is_async: c.is_async(),
        offload: c.annotations.offload,
        blocking: c.annotations.blocking && !is_init,
        throws: c.throws.is_some(),
        cancellable,
        effects: effects(
            c.is_async() || c.annotations.offload,
            c.annotations.offload || cancellable || c.throws.is_some(),
        ),
        params,
        protocol_params,
        lowered_args,
        ret_decl: match (&ret, is_init) {
            (Some(t), false) => format!(" -> {}", t.name),
            _ => String::new(),
        },
        lift: match (ret, is_init) {
            (Some(t), false) => Some(format!("{}.lift", t.converter)),
            _ => None,
        },
        error_lift: c.throws.as_ref().map_or("nil".into(), |t| error_lift(cfg, t)),
        ffi_symbol: c.ffi_symbol.clone(),
        poll: sym(|f| &f.poll),
        complete: sym(|f| &f.complete),
        cancel: sym(|f| &f.cancel),
        free: sym(|f| &f.free),
    }
}

/// The Swift effects of a declaration: ` async throws`, ` async`, ` throws` or empty.
pub fn effects(is_async: bool, throws: bool) -> String {
    let a = if is_async { " async" } else { "" };
    let t = if throws { " throws" } else { "" };
    format!("{a}{t}")
}

/// Renders a callable, each line indented by `indent` spaces.
pub fn render_callable(f: &SwiftCallable, indent: usize) -> Result<String> {
    let text = FunctionTemplate { f }.render().with_context(|| format!("rendering swift/function.swift for {}", f.name))?;
    Ok(indent_lines(text.trim_matches('\n'), indent))
}

/// Indents every non-empty line.
pub fn indent_lines(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    text.lines()
        .map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") })
        .collect::<Vec<_>>()
        .join("\n")
}
