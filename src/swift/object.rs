//! Reads IR objects (classes, Rust-implemented traits, error objects); produces the views that
//! `templates/swift/object.swift` renders: the protocol, the final class with its constructors,
//! methods and protocol conformances, and the handle converter; for a stream object
//! (`[bindings.async] streams`) the `AsyncSequence` view `templates/swift/stream.swift` renders.

use anyhow::{bail, Result};
use camino::Utf8Path;

use super::callable::{callable, render_callable, Role, SwiftCallable};
use super::names::{stream_type_clash, type_name, STREAM_MEMBERS};
use super::options::localized_errors;
use super::types::{docs, SwiftType};
use super::user_types::{trait_helpers, SwiftTraits};
use crate::config::LangConfig;
use crate::ir::{Callable, CallableKind, Module, Object, Type};

pub struct SwiftObject {
    pub doc: Vec<String>,
    /// The type functions take and return: the class, or the protocol for traits.
    pub type_name: String,
    /// `StoreProtocol`, or `Greeter` for traits.
    pub protocol_name: String,
    /// `Store`, or `GreeterImpl` for traits.
    pub class_name: String,
    pub converter: String,
    /// `, Swift.Error, CustomStringConvertible, ...` after the protocol.
    pub conformances: String,
    /// Protocol requirements: `func get(key: String) -> String?`.
    pub requirements: Vec<String>,
    /// Rendered constructors and methods, the private trait-method helpers and the trait
    /// conformances (`templates/swift/traits.swift`).
    pub traits: SwiftTraits,
    pub is_error: bool,
    /// An error conforming to `Foundation.LocalizedError` (unless
    /// `omit_localized_error_conformance`): it gets upstream's `errorDescription`.
    pub localized: bool,
    /// The Swift type is the trait's protocol (`Arc<dyn Trait>`), not a class.
    pub has_protocol_type: bool,
    /// Protocols of this module's exported traits the object implements (`extension X: T {}`).
    pub trait_impls: Vec<String>,
    /// A trait foreign code may implement (its converter is in `callback.swift`).
    pub has_foreign: bool,
    pub clone_symbol: String,
    pub free_symbol: String,
    /// The `AsyncSequence` conformance of a stream object.
    pub stream: Option<SwiftStream>,
}

/// A stream object's `AsyncSequence` conformance (`templates/swift/stream.swift`).
pub struct SwiftStream {
    /// The item type `T` of the stream method's `Option<T>` (`UInt32`).
    pub item: String,
    /// The stream method declares an error: the iterator's `next()` is `async throws`.
    pub throws: bool,
    /// The private `uniffiStreamNext()` helper, rendered: the stream method's call, always with
    /// the cancel hook (Task cancellation drops the pending Rust future, `cancellable` or not).
    pub next_helper: String,
}

pub fn object(m: &Module, cfg: &LangConfig, o: &Object, cfg_file: &Utf8Path) -> Result<SwiftObject> {
    let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
    let type_name = type_name(&o.name);
    let (protocol_name, class_name) = match o.is_trait {
        true => (type_name.clone(), format!("{type_name}Impl")),
        false => (format!("{type_name}Protocol"), type_name.clone()),
    };
    let is_error = o.is_error || used_as_error(m, &o.name);
    let t = &o.trait_methods;
    let mut conformances = String::new();
    for (on, name) in [
        (is_error, "Swift.Error"),
        (is_error && localized_errors(cfg), "Foundation.LocalizedError"),
        (t.display.is_some(), "CustomStringConvertible"),
        (t.debug.is_some(), "CustomDebugStringConvertible"),
        (t.eq.is_some(), "Equatable"),
        (t.hash.is_some(), "Hashable"),
        (t.cmp.is_some(), "Comparable"),
    ] {
        if on {
            conformances.push_str(", ");
            conformances.push_str(name);
        }
    }
    let mut members = Vec::new();
    for c in &o.constructors {
        let role = match c.kind {
            CallableKind::Constructor { primary: true, .. } => Role::PrimaryInit,
            _ => Role::StaticConstructor,
        };
        members.push(render_callable(&callable(cfg, c, role), 4)?);
    }
    // `dispatch = "main"` foreign traits: async requirements are `@MainActor` (see
    // `callback::requirement`); the Rust-backed class stays nonisolated (no hop to main).
    let main = o.foreign.as_ref().is_some_and(|f| f.dispatch.is_main());
    for c in &o.methods {
        let mut view = callable(cfg, c, Role::Method);
        if main && c.is_async() {
            view.decl = format!("nonisolated {}", view.decl);
        }
        members.push(render_callable(&view, 4)?);
    }
    let traits = SwiftTraits {
        self_type: class_name.clone(),
        methods: members,
        helpers: trait_helpers(cfg, t, None)?,
        display: t.display.is_some(),
        debug: t.debug.is_some(),
        eq: t.eq.is_some(),
        hash: t.hash.is_some(),
        ord: t.cmp.is_some(),
    };
    Ok(SwiftObject {
        doc: docs(&o.docstring),
        converter: SwiftType::of(&ty, cfg).converter,
        requirements: o.methods.iter().map(|c| requirement(&callable(cfg, c, Role::Method), main && c.is_async())).collect(),
        type_name,
        protocol_name,
        class_name,
        conformances,
        traits,
        is_error,
        localized: is_error && localized_errors(cfg),
        has_protocol_type: o.is_trait,
        trait_impls: o
            .trait_impls
            .iter()
            .filter_map(|t| t.ty.user_name())
            .filter(|t| m.objects.iter().any(|x| x.is_trait && x.name == *t))
            .map(super::names::type_name)
            .collect(),
        has_foreign: o.has_foreign,
        clone_symbol: o.clone_symbol.clone(),
        free_symbol: o.free_symbol.clone(),
        stream: stream(cfg, o, cfg_file)?,
    })
}

/// The `AsyncSequence` view of a stream object, or `None` when it is not one. Refuses a stream
/// whose class already has a member the conformance adds, or whose item type names one of the
/// conformance's member types (see `names.rs`).
fn stream(cfg: &LangConfig, o: &Object, cfg_file: &Utf8Path) -> Result<Option<SwiftStream>> {
    let (Some(c), Some(item)) = (o.stream_next(), o.stream_next().and_then(|c| c.stream_item())) else {
        return Ok(None);
    };
    let at = format!("{cfg_file}: [bindings.async] streams: `{}`", o.name);
    if let Some(clash) = stream_type_clash(&type_name(&o.name)) {
        bail!(
            "{at}: a stream's Swift class cannot be named `{clash}`, a member type of its \
             `AsyncSequence` conformance; rename it (`[bindings.swift.rename]`) or leave it out \
             of `streams`"
        );
    }
    for m in o.constructors.iter().chain(&o.methods) {
        let view = callable(cfg, m, Role::Method);
        let names = [Some(&view.name), view.blocking.then_some(&view.blocking_name)];
        let clash = names.into_iter().flatten().find(|n| STREAM_MEMBERS.contains(&n.as_str())).cloned();
        if let (Some(clash), false) = (clash, matches!(m.kind, CallableKind::Constructor { .. })) {
            bail!(
                "{at}: the method `{}.{}` is `{clash}` in Swift, which the stream's `AsyncSequence` \
                 conformance declares; rename the method or leave `{}` out of `streams`",
                o.name, m.name, o.name
            );
        }
        // Inside the class, these names would mean the conformance's member types.
        if let Some(clash) = stream_type_clash(&format!("{} {}", view.params, view.ret_decl)) {
            bail!(
                "{at}: `{}.{}` uses a type named `{clash}`, which inside the class of a stream is \
                 a member type of its `AsyncSequence` conformance in Swift; rename the type \
                 (`[bindings.swift.rename]`) or leave `{}` out of `streams`",
                o.name, m.name, o.name
            );
        }
    }
    let item = SwiftType::of(item, cfg).name;
    let mut next = callable(cfg, c, Role::Method);
    next.name = "uniffiStreamNext".into();
    next.decl = "fileprivate func uniffiStreamNext".into();
    next.doc = vec!["The stream method's call; Task cancellation drops the pending Rust future.".into()];
    next.cancellable = true;
    next.blocking = false;
    next.offload = false;
    next.effects = " async throws".into();
    Ok(Some(SwiftStream { item, throws: c.throws.is_some(), next_helper: render_callable(&next, 4)? }))
}

/// The protocol requirement matching a method (without defaults or `public`).
fn requirement(f: &SwiftCallable, main_actor: bool) -> String {
    let params = &f.protocol_params;
    let effects = &f.effects;
    let mut out: String = f.doc.iter().map(|l| format!("/// {l}\n    ")).collect();
    let isolation = if main_actor { "@MainActor " } else { "" };
    out.push_str(&format!("{isolation}func {}({params}){effects}{}", f.name, f.ret_decl));
    if f.blocking {
        let throws = if f.throws { " throws" } else { "" };
        out.push_str(&format!("\n    func {}({params}){throws}{}", f.blocking_name, f.ret_decl));
    }
    out
}

/// Whether some callable throws this object (it then conforms to `Swift.Error`).
fn used_as_error(m: &Module, name: &str) -> bool {
    let throws = |c: &Callable| matches!(&c.throws, Some(Type::Object { name: n, .. }) if n == name);
    m.functions.iter().any(throws)
        || m.objects.iter().any(|o| o.constructors.iter().chain(&o.methods).any(throws))
}
