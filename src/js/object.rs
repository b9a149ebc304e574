//! Reads IR objects (interfaces, trait objects) and the `[bindings.js]` config; produces the
//! views `object.js` and `traits.js` (and their `.d.ts` twins) render: classes over Rust
//! handles (constructors, methods, exported trait methods, freeing); the foreign side of a
//! foreign trait comes from `callback.rs`.

use crate::config::LangConfig;
use crate::ir::{CallableKind, Module, Object, Type};

use super::callable::{all_callables, callable, JsCallable};
use super::callback::{foreign, JsForeign};
use super::names::{factory_name, impl_class_name, method_name, static_name, type_name};
use super::options::jsdoc;
use super::types::JsType;
use super::user_types::user_type_names;

/// An object as `object.js` renders it.
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
    /// Methods.
    pub methods: Vec<JsCallable>,
    /// The exported Rust traits, as methods under their JS names (`traits.js`): `toString`
    /// (Display), `toDebugString` (Debug), `equals` (Eq), `hashCode` (Hash), `compareTo` (Ord).
    pub traits: Vec<JsCallable>,
    /// `toDebugString` from Debug (also what `util.inspect` shows).
    pub has_debug: bool,
    /// Foreign traits: the vtable side (JS objects Rust calls into).
    pub foreign: Option<JsForeign>,
}

/// Builds the view of object `o`.
pub fn object(m: &Module, cfg: &LangConfig, o: &Object) -> JsObject {
    let iface = o.is_trait.then(|| type_name(&o.name));
    let class = match &iface {
        Some(i) => impl_class_name(i, &user_type_names(m)),
        None => type_name(&o.name),
    };
    let factory = factory_name(&class);
    let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
    let is_error = all_callables(m).any(|c| c.throws.as_ref() == Some(&ty));
    let mut primary = None;
    let mut statics = Vec::new();
    for c in &o.constructors {
        let v = callable(m, cfg, c, static_name(&c.name), None, "  ");
        match c.kind {
            CallableKind::Constructor { primary: true, .. } if !c.is_async() => primary = Some(v),
            _ => statics.push(v),
        }
    }
    let methods: Vec<JsCallable> =
        o.methods.iter().map(|c| callable(m, cfg, c, method_name(&c.name, is_error), Some(&factory), "  ")).collect();
    let t = &o.trait_methods;
    let named = [
        (&t.display, "toString", "Rust's `Display`."),
        (&t.debug, "toDebugString", "Rust's `Debug` (also what `util.inspect` shows)."),
        (&t.eq, "equals", "Rust's `PartialEq`."),
        (&t.hash, "hashCode", "Rust's `Hash`: equal objects have equal hash codes."),
        (&t.cmp, "compareTo", "Rust's `Ord`: negative, zero or positive (sortable with `(a, b) => a.compareTo(b)`)."),
    ];
    let mut traits = Vec::new();
    for (c, name, doc) in named {
        if let Some(c) = c {
            let mut v = callable(m, cfg, c, name.into(), Some(&factory), "  ");
            v.doc = jsdoc(doc, "  ", &[]);
            traits.push(v);
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
        traits,
        has_debug: t.debug.is_some(),
        foreign: o.foreign.as_ref().map(|f| foreign(cfg, &type_name(&o.name), None, &ty, f)),
        class,
    }
}
