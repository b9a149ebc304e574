//! Reads IR objects (interfaces, trait objects) and the `[bindings.js]` config; produces the
//! views `object.js` and `traits.js` (and their `.d.ts` twins) render: classes over Rust
//! handles (constructors, methods, exported trait methods, freeing), and for a stream object
//! (`[bindings.async] streams`) the `JsStream` view `stream.js` renders; the foreign side of a
//! foreign trait comes from `callback.rs`.

use anyhow::{bail, Result};
use camino::Utf8Path;

use crate::config::LangConfig;
use crate::ir::{CallableKind, Module, Object, Type};

use super::callable::{all_callables, callable, trait_callables, JsCallable, Receiver};
use super::callback::{foreign, JsForeign};
use super::names::{factory_name, impl_class_name, method_name, static_name, type_name, STREAM_MEMBERS};
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
    /// `[bindings.async] streams`: the async iteration of the stream method.
    pub stream: Option<JsStream>,
}

/// A stream object's `[Symbol.asyncIterator]()` and `iterate()` (`stream.js`, `stream.d.ts`).
pub struct JsStream {
    /// The JS name of the stream method (`next`, `tick`).
    pub next: String,
    /// The item type in the `.d.ts` (`number`, `Point`).
    pub item_ts: String,
    /// The error class the stream method throws (JSDoc), if any.
    pub throws: Option<String>,
}

/// Builds the view of object `o`; a stream whose added names are taken (or whose items cannot
/// be told from its end) is refused, naming `cfg_file` and the object.
pub fn object(m: &Module, cfg: &LangConfig, o: &Object, cfg_file: &Utf8Path) -> Result<JsObject> {
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
        o.methods.iter().map(|c| callable(m, cfg, c, method_name(&c.name, is_error), Some(Receiver::Handle(&factory)), "  ")).collect();
    let t = &o.trait_methods;
    let traits = trait_callables(m, cfg, t, Receiver::Handle(&factory), &class);
    let stream = stream(cfg, o, is_error, cfg_file)?;
    Ok(JsObject {
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
        stream,
    })
}

/// The async iteration of a stream object, refused when a method of the object already takes
/// one of the names it adds ([`STREAM_MEMBERS`]) or when its items are optional.
fn stream(cfg: &LangConfig, o: &Object, is_error: bool, cfg_file: &Utf8Path) -> Result<Option<JsStream>> {
    let (Some(next), Some(item)) = (o.stream_next(), o.stream_next().and_then(|m| m.stream_item())) else {
        return Ok(None);
    };
    if let Some(m) = o.methods.iter().find(|m| STREAM_MEMBERS.contains(&method_name(&m.name, is_error).as_str())) {
        bail!(
            "{cfg_file}: [bindings.async] streams: `{}`: its method `{}` is `{}` in JS, the name of \
             the stream's async iteration; rename the method with [bindings.js.rename]",
            o.name,
            m.name,
            method_name(&m.name, is_error)
        );
    }
    if let Type::Optional(_) = item {
        // A `None` item is `null`, like the end of the stream.
        bail!(
            "{cfg_file}: [bindings.async] streams: `{}`: `{}.{}` returns `Option<Option<T>>`; in JS \
             a `None` item is `null` like the end of the stream; wrap the item in a record (or an \
             enum) instead",
            o.name,
            o.name,
            next.name
        );
    }
    Ok(Some(JsStream {
        next: method_name(&next.name, is_error),
        item_ts: JsType::of(item, cfg).ts,
        throws: next.throws.as_ref().map(|t| JsType::of(t, cfg).ts),
    }))
}

#[cfg(test)]
mod tests {
    // Not `super::`: tests/layout.rs reads `super` from this file as the backend's mod.rs.
    use crate::config::{AsyncConfig, LangConfig};
    use crate::ir::Type;
    use crate::js::object::stream;

    /// The slice UDL's `Store` with `next_item` (`u32?`) as its stream method.
    fn store() -> crate::ir::Module {
        let udl = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/udl/slice/src/slice.udl");
        let mut m = crate::load::load(udl.into(), None, None).unwrap().remove(0).module;
        let cfg = AsyncConfig { streams: Some(toml::toml! { Store = "next_item" }.into()), ..Default::default() };
        crate::ir::annotations::apply(&mut m, &cfg, "uniffi.toml".into()).unwrap();
        m
    }

    #[test]
    fn stream_items_and_refusals() {
        let cfg = LangConfig::default();
        let mut m = store();
        let s = stream(&cfg, &m.objects[0], false, "uniffi.toml".into()).unwrap().unwrap();
        assert_eq!((s.next.as_str(), s.item_ts.as_str(), s.throws), ("nextItem", "number", None));
        // A method that would be the added `iterate()`.
        let compact = m.objects[0].methods.iter_mut().find(|c| c.name == "compact").unwrap();
        compact.name = "iterate".into();
        let e = stream(&cfg, &m.objects[0], false, "uniffi.toml".into()).err().unwrap().to_string();
        assert!(e.contains("uniffi.toml") && e.contains("`Store`: its method `iterate` is `iterate`"), "{e}");
        // `Option<Option<u32>>`: a `None` item would look like the end of the stream.
        let mut m = store();
        let next = m.objects[0].methods.iter_mut().find(|c| c.annotations.stream_next).unwrap();
        next.ret = Some(Type::Optional(Box::new(Type::Optional(Box::new(Type::U32)))));
        let e = stream(&cfg, &m.objects[0], false, "uniffi.toml".into()).err().unwrap().to_string();
        assert!(e.contains("uniffi.toml") && e.contains("`Store.next_item` returns `Option<Option<T>>`"), "{e}");
    }
}
