//! Reads a `[bindings.<lang>.rename]` table and an IR module; produces the module with the
//! foreign-facing names replaced (FFI symbols untouched), so every backend honours renames the
//! same way. Keys follow upstream UniFFI: `Type`, `fn`, `Type.member`, `Type.method.arg`,
//! `fn.arg`, `Enum.Variant`, `Enum.Variant.field`, `Record.field`.

use std::collections::BTreeMap;

use super::{Callable, CallableKind, Field, Literal, Module, Type};

/// Applies `table` to `m`. Values are Rust-style names; each language still case-converts them.
pub fn apply(m: &mut Module, table: &BTreeMap<String, String>) {
    if table.is_empty() {
        return;
    }
    let r = Renamer { table };
    for f in &mut m.functions {
        r.callable(f, None);
    }
    for o in &mut m.objects {
        let owner = o.name.clone();
        for c in o.constructors.iter_mut().chain(o.methods.iter_mut()) {
            r.callable(c, Some(&owner));
        }
        if let Some(f) = &mut o.foreign {
            for c in &mut f.methods {
                r.callable(c, Some(&owner));
            }
        }
        let t = &mut o.trait_methods;
        for c in [&mut t.display, &mut t.debug, &mut t.eq, &mut t.ne, &mut t.hash, &mut t.cmp]
            .into_iter()
            .flatten()
        {
            r.callable(c, Some(&owner));
        }
        for t in &mut o.trait_impls {
            r.ty(&mut t.ty);
        }
        r.name(&mut o.name, &owner);
    }
    for cb in &mut m.callback_interfaces {
        let owner = cb.name.clone();
        for c in &mut cb.foreign.methods {
            r.callable(c, Some(&owner));
        }
        r.name(&mut cb.name, &owner);
    }
    for rec in &mut m.records {
        let owner = rec.name.clone();
        r.methods(&mut rec.methods, &mut rec.trait_methods, &owner);
        r.fields(&mut rec.fields, &owner);
        r.name(&mut rec.name, &owner);
    }
    for e in &mut m.enums {
        let owner = e.name.clone();
        r.methods(&mut e.methods, &mut e.trait_methods, &owner);
        for v in &mut e.variants {
            let path = format!("{owner}.{}", v.name);
            r.fields(&mut v.fields, &path);
            r.name(&mut v.name, &path);
        }
        r.name(&mut e.name, &owner);
    }
    for c in &mut m.custom_types {
        let owner = c.name.clone();
        r.ty(&mut c.builtin);
        r.name(&mut c.name, &owner);
    }
    for t in m.all_types.iter_mut().chain(m.external_types.iter_mut().map(|e| &mut e.ty)) {
        r.ty(t);
    }
}

struct Renamer<'a> {
    table: &'a BTreeMap<String, String>,
}

impl Renamer<'_> {
    fn name(&self, name: &mut String, key: &str) {
        if let Some(new) = self.table.get(key) {
            *name = new.clone();
        }
    }

    /// Renames a callable, its arguments and every type it mentions. `owner` is the Rust
    /// name of the type it belongs to.
    fn callable(&self, c: &mut Callable, owner: Option<&str>) {
        let path = match owner {
            Some(o) => format!("{o}.{}", c.name),
            None => c.name.clone(),
        };
        for a in &mut c.args {
            let key = format!("{path}.{}", a.name);
            self.name(&mut a.name, &key);
            self.ty(&mut a.ty);
            if let Some(l) = &mut a.default {
                self.literal(l);
            }
        }
        for t in c.ret.iter_mut().chain(c.throws.iter_mut()) {
            self.ty(t);
        }
        // Annotations were matched on Rust names before rendering; from here on every name is
        // the foreign-facing one, including the owner recorded in the kind.
        match &mut c.kind {
            CallableKind::Function => {}
            CallableKind::Constructor { object, .. } | CallableKind::Method { object } => {
                let key = object.clone();
                self.name(object, &key);
            }
            CallableKind::ForeignMethod { owner, .. } => {
                let key = owner.clone();
                self.name(owner, &key);
            }
        }
        self.name(&mut c.name, &path);
    }

    fn methods(&self, methods: &mut [Callable], t: &mut super::TraitMethods, owner: &str) {
        let traits = [&mut t.display, &mut t.debug, &mut t.eq, &mut t.ne, &mut t.hash, &mut t.cmp];
        for c in methods.iter_mut().chain(traits.into_iter().flatten()) {
            self.callable(c, Some(owner));
        }
    }

    fn fields(&self, fields: &mut [Field], path: &str) {
        for f in fields {
            let key = format!("{path}.{}", f.name);
            self.name(&mut f.name, &key);
            self.ty(&mut f.ty);
            if let Some(l) = &mut f.default {
                self.literal(l);
            }
        }
    }

    fn ty(&self, t: &mut Type) {
        match t {
            Type::Optional(i) | Type::Sequence(i) | Type::Set(i) => self.ty(i),
            Type::Map(k, v) => {
                self.ty(k);
                self.ty(v);
            }
            Type::Custom { name, builtin } => {
                self.ty(builtin);
                let key = name.clone();
                self.name(name, &key);
            }
            Type::Record(n) | Type::Enum(n) | Type::CallbackInterface(n) | Type::Object { name: n, .. } => {
                let key = n.clone();
                self.name(n, &key);
            }
            _ => {}
        }
    }

    fn literal(&self, l: &mut Literal) {
        if let Literal::Enum { enum_name, variant } = l {
            let key = format!("{enum_name}.{variant}");
            self.name(variant, &key);
            let key = enum_name.clone();
            self.name(enum_name, &key);
        }
    }
}
