//! Reads IR objects (classes and Rust trait objects); produces the `KtObject` views
//! `templates/kotlin/object.kt` renders: the interface, the `AutoCloseable` class with its
//! methods, constructors and exported Rust traits, and the handle converter; for a stream
//! (`[bindings.async] streams`) the `KtStream` view `templates/kotlin/stream.kt` renders.

use anyhow::{bail, Result};
use camino::Utf8Path;

use super::callable::{callable, indent_lines, render_member, KtCallable, Place};
use super::names;
use super::options::Names;
use super::types::{kdoc, KtType};
use super::user_types::{traits, KtTraits};
use crate::ir::{Callable, Object, Type};

pub struct KtObject {
    /// The class (`Store`; `GreeterImpl` for a trait).
    pub name: String,
    /// The interface (`StoreInterface`; `Greeter` for a trait), the type the API uses for traits.
    pub interface_name: String,
    /// The type the converter converts (the class, or the interface of a trait).
    pub type_name: String,
    pub doc: String,
    pub converter: String,
    pub free_symbol: String,
    pub clone_symbol: String,
    /// Used as an error: the class extends `kotlin.Exception` and gets an error handler.
    pub error_handler: Option<String>,
    pub primary: Option<KtPrimary>,
    /// Interface declarations, indented.
    pub interface_decls: Vec<String>,
    /// Methods, rendered and indented for the class body.
    pub members: Vec<String>,
    /// Other constructors, rendered and indented for the companion object.
    pub companion: Vec<String>,
    /// Exported Rust trait impls: the helpers and the overrides (`toString`, `equals`, ...).
    pub traits: KtTraits,
    /// Foreign traits (`with_foreign`): the vtable object registering Kotlin implementations.
    pub foreign_vtable: Option<String>,
    /// Interfaces of the exported Rust traits the object implements.
    pub trait_impls: Vec<String>,
    /// `[bindings.async] streams`: the `asFlow()` view of the stream method.
    pub stream: Option<KtStream>,
}

/// A stream object's `asFlow()` (templates/kotlin/stream.kt).
pub struct KtStream {
    /// The Kotlin item type `T` of the `Flow<T>`.
    pub item: String,
    /// The Kotlin name of the stream method (`next`, `tick`).
    pub next: String,
    /// The exception class the stream method throws, thrown into the collector.
    pub throws: Option<String>,
}

/// The primary constructor, a secondary Kotlin constructor delegating to the handle one.
pub struct KtPrimary {
    pub doc: String,
    pub throws: Option<String>,
    pub params: String,
    /// The checked FFI call returning the new handle.
    pub call: String,
}

pub fn object(n: &Names, o: &Object, cfg_file: &Utf8Path) -> Result<KtObject> {
    let class = n.class(&o.name);
    // As upstream: only a trait Kotlin can implement (`with_foreign`) is an interface named like
    // the trait, with the class `<Name>Impl`; any other object (Rust-only traits included) is
    // the class `<Name>` with the interface `<Name>Interface`.
    let (name, interface_name) = if o.foreign.is_some() {
        (format!("{class}Impl"), class.clone())
    } else {
        (class.clone(), format!("{class}Interface"))
    };
    let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
    let mut members = Vec::new();
    let mut interface_decls = Vec::new();
    for m in &o.methods {
        let c = callable(n, m, Place::Method);
        interface_decls.extend(c.interface_decls.iter().map(|d| indent_lines(d, 4)));
        members.push(render_member(&c, 4));
    }
    let traits = traits(n, &o.trait_methods, false, 4, name.clone());
    let mut primary = None;
    let mut companion = Vec::new();
    for c in &o.constructors {
        let is_primary = matches!(c.kind, crate::ir::CallableKind::Constructor { primary: true, .. });
        if is_primary && !c.is_async() {
            primary = Some(primary_constructor(n, c));
        } else {
            companion.push(render_member(&callable(n, c, Place::Free), 8));
        }
    }
    Ok(KtObject {
        stream: stream(n, o, cfg_file)?,
        doc: kdoc(o.docstring.as_deref(), 0),
        converter: KtType::of(&ty, n).converter,
        type_name: class,
        name,
        interface_name,
        free_symbol: o.free_symbol.clone(),
        clone_symbol: o.clone_symbol.clone(),
        error_handler: n.is_error(&o.name).then(|| super::callable::error_handler(&ty, n)),
        primary,
        interface_decls,
        members,
        companion,
        traits,
        foreign_vtable: o.foreign.as_ref().map(|_| format!("UniffiVTable{}", n.class(&o.name))),
        // As upstream: a trait Kotlin can implement is the interface of its own name, any other
        // the `<Name>Interface` of its class.
        trait_impls: o
            .trait_impls
            .iter()
            .filter_map(|t| {
                let name = t.ty.user_name()?;
                Some(if t.has_foreign { n.class(name) } else { format!("{}Interface", n.class(name)) })
            })
            .collect(),
    })
}

/// The `asFlow()` view of a stream object, refused when a method of the object already takes
/// one of the names it adds ([`names::STREAM_MEMBERS`]).
fn stream(n: &Names, o: &Object, cfg_file: &Utf8Path) -> Result<Option<KtStream>> {
    let (Some(next), Some(item)) = (o.stream_next(), o.stream_next().and_then(|m| m.stream_item())) else {
        return Ok(None);
    };
    if let Some(m) = o.methods.iter().find(|m| names::STREAM_MEMBERS.contains(&names::method(&m.name).as_str())) {
        bail!(
            "{cfg_file}: [bindings.async] streams: `{}`: its method `{}` is `{}` in Kotlin, the name \
             of the stream's Flow view; rename the method with [bindings.kotlin.rename]",
            o.name,
            m.name,
            names::method(&m.name)
        );
    }
    if let Type::Optional(_) = item {
        // Kotlin has no `T??`: a `None` item would read as the end of the stream.
        bail!(
            "{cfg_file}: [bindings.async] streams: `{}`: `{}.{}` returns `Option<Option<T>>`; in \
             Kotlin a `None` item is `null` like the end of the stream; wrap the item in a record \
             (or an enum) instead",
            o.name,
            o.name,
            next.name
        );
    }
    Ok(Some(KtStream {
        item: KtType::of(item, n).name,
        next: names::method(&next.name),
        throws: next.throws.as_ref().map(|t| KtType::of(t, n).name),
    }))
}

fn primary_constructor(n: &Names, c: &Callable) -> KtPrimary {
    let k: KtCallable = callable(n, c, Place::Free);
    KtPrimary {
        doc: kdoc(c.docstring.as_deref(), 4),
        call: format!("uniffiRustCall({}) {{ {} -> {} }}", k.handler, k.status_param, k.ffi_call),
        throws: k.throws,
        params: k.params,
    }
}

#[cfg(test)]
mod tests {
    // Not `super::`: tests/layout.rs reads `super` from this file as the backend's mod.rs.
    use crate::config::{AsyncConfig, LangConfig};
    use crate::ir::Type;
    use crate::kotlin::object::stream;
    use crate::kotlin::options::Names;

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
        let s = stream(&Names::new(&m, &cfg), &m.objects[0], "uniffi.toml".into()).unwrap().unwrap();
        assert_eq!((s.item.as_str(), s.next.as_str(), s.throws), ("kotlin.UInt", "nextItem", None));
        // `Option<Option<u32>>`: a `None` item would look like the end of the stream.
        let next = m.objects[0].methods.iter_mut().find(|c| c.annotations.stream_next).unwrap();
        next.ret = Some(Type::Optional(Box::new(Type::Optional(Box::new(Type::U32)))));
        let e = stream(&Names::new(&m, &cfg), &m.objects[0], "uniffi.toml".into()).err().unwrap().to_string();
        assert!(e.contains("uniffi.toml") && e.contains("`Store.next_item` returns `Option<Option<T>>`"), "{e}");
    }
}
