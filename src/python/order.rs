//! Reads an IR module; produces the order in which the Python module declares its types.
//!
//! With `from __future__ import annotations` no annotation is evaluated at import, but two
//! things are: a custom type's alias (`Guid: typing.TypeAlias = str`, or the name of another
//! type) and a default argument or field value naming an enum member
//! (`mode: Mode = Mode.FAST`). So each type is declared after the types those name; otherwise
//! the base order is kept: custom types, records, enums, objects, callback interfaces.
//! A field's type named like a builtin (a record `Exception`) is declared before the class
//! whose body annotates the field with it: mypy reads a class-body annotation naming a type
//! declared later as the builtin.

use std::collections::BTreeMap;

use crate::ir::{Callable, Field, Literal, Module, Type};

/// One declaration, by its index in the module's list of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Custom(usize),
    Record(usize),
    Enum(usize),
    Object(usize),
    Callback(usize),
}

/// Every type declaration of `m`, each after the declarations it needs at import.
pub fn order(m: &Module) -> Vec<Item> {
    let mut items: Vec<(Item, &str, Vec<String>)> = Vec::new();
    for (i, c) in m.custom_types.iter().enumerate() {
        let mut deps = Vec::new();
        type_names(&c.builtin, &mut deps);
        items.push((Item::Custom(i), &c.name, deps));
    }
    for (i, r) in m.records.iter().enumerate() {
        let mut deps = field_deps(&r.fields);
        deps.extend(callable_deps(r.methods.iter()));
        items.push((Item::Record(i), &r.name, deps));
    }
    for (i, e) in m.enums.iter().enumerate() {
        let fields: Vec<Field> = e.variants.iter().flat_map(|v| v.fields.iter().cloned()).collect();
        let mut deps = field_deps(&fields);
        deps.extend(callable_deps(e.methods.iter()));
        items.push((Item::Enum(i), &e.name, deps));
    }
    for (i, o) in m.objects.iter().enumerate() {
        let callables = o.constructors.iter().chain(&o.methods).chain(o.foreign.iter().flat_map(|f| &f.methods));
        let mut deps = callable_deps(callables);
        // Class bases are evaluated at import: the protocols of the traits it implements.
        for t in &o.trait_impls {
            type_names(&t.ty, &mut deps);
        }
        items.push((Item::Object(i), &o.name, deps));
    }
    for (i, c) in m.callback_interfaces.iter().enumerate() {
        items.push((Item::Callback(i), &c.name, callable_deps(c.foreign.methods.iter())));
    }
    let by_name: BTreeMap<&str, usize> = items.iter().enumerate().map(|(i, it)| (it.1, i)).collect();
    let mut done = vec![false; items.len()];
    let mut out = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        visit(i, &items, &by_name, &mut done, &mut out);
    }
    out
}

fn visit(i: usize, items: &[(Item, &str, Vec<String>)], by_name: &BTreeMap<&str, usize>, done: &mut [bool], out: &mut Vec<Item>) {
    if done[i] {
        return;
    }
    // Marked before the dependencies: a cycle (which Python could not declare either) ends here.
    done[i] = true;
    for dep in &items[i].2 {
        if let Some(&d) = by_name.get(dep.as_str()) {
            visit(d, items, by_name, done, out);
        }
    }
    out.push(items[i].0);
}

/// The user types named by `t` (a custom type's alias names them).
fn type_names(t: &Type, out: &mut Vec<String>) {
    if let Some(n) = t.user_name() {
        out.push(n.to_owned());
    }
    for c in t.children() {
        type_names(c, out);
    }
}

fn literal_deps(l: &Option<Literal>, out: &mut Vec<String>) {
    if let Some(Literal::Enum { enum_name, .. }) = l {
        out.push(enum_name.clone());
    }
}

fn field_deps(fields: &[Field]) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields {
        literal_deps(&f.default, &mut out);
        let mut named = Vec::new();
        type_names(&f.ty, &mut named);
        out.extend(named.into_iter().filter(|n| super::names::BUILTIN_CLASS_NAMES.contains(&super::names::type_name(n).as_str())));
    }
    out
}

fn callable_deps<'a>(callables: impl Iterator<Item = &'a Callable>) -> Vec<String> {
    let mut out = Vec::new();
    for c in callables {
        for a in &c.args {
            literal_deps(&a.default, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{CustomType, Enum, Record, RustBufferSymbols, TraitMethods, Variant};

    fn module() -> Module {
        let field = |name: &str, ty: Type, default: Option<Literal>| Field { name: name.into(), ty, default, docstring: None };
        let record = |name: &str, fields: Vec<Field>| Record {
            name: name.into(),
            docstring: None,
            fields,
            methods: Vec::new(),
            trait_methods: TraitMethods::default(),
        };
        let sym = String::new;
        Module {
            namespace: "m".into(),
            crate_name: "m".into(),
            cdylib: "m".into(),
            crate_version: None,
            docstring: None,
            contract_version: 30,
            contract_version_symbol: sym(),
            rustbuffer: RustBufferSymbols { alloc: sym(), from_bytes: sym(), free: sym(), reserve: sym() },
            functions: Vec::new(),
            objects: Vec::new(),
            // `Settings.mode` defaults to a member of `Mode`, an enum declared after it.
            records: vec![
                record("Settings", vec![field("mode", Type::Enum("Mode".into()), Some(Literal::Enum { enum_name: "Mode".into(), variant: "Fast".into() }))]),
                record("Point", vec![field("x", Type::I32, None)]),
            ],
            enums: vec![Enum {
                name: "Mode".into(),
                docstring: None,
                is_flat: true,
                is_error: false,
                is_flat_error: false,
                non_exhaustive: false,
                discr_type: None,
                variants: vec![Variant { name: "Fast".into(), docstring: None, discriminant: None, fields: Vec::new() }],
                methods: Vec::new(),
                trait_methods: TraitMethods::default(),
            }],
            callback_interfaces: Vec::new(),
            // `Boxed` aliases the record `Point`; `Nested` aliases `Boxed`.
            custom_types: vec![
                CustomType { name: "Nested".into(), docstring: None, builtin: Type::Custom { name: "Boxed".into(), builtin: Box::new(Type::Record("Point".into())) } },
                CustomType { name: "Boxed".into(), docstring: None, builtin: Type::Record("Point".into()) },
            ],
            future_families: Vec::new(),
            foreign_future_shapes: Vec::new(),
            all_types: Vec::new(),
            external_types: Vec::new(),
            checksums: Vec::new(),
        }
    }

    #[test]
    fn each_type_follows_what_it_names_at_import() {
        let order = order(&module());
        let pos = |item: Item| order.iter().position(|i| *i == item).unwrap();
        assert_eq!(order.len(), 5);
        assert!(pos(Item::Record(1)) < pos(Item::Custom(1)), "{order:?}"); // Point before Boxed
        assert!(pos(Item::Custom(1)) < pos(Item::Custom(0)), "{order:?}"); // Boxed before Nested
        assert!(pos(Item::Enum(0)) < pos(Item::Record(0)), "{order:?}"); // Mode before Settings
    }
}
