//! Reads an IR module; produces the order in which the Python module declares its types.
//!
//! With `from __future__ import annotations` no annotation is evaluated at import, but two
//! things are: a custom type's alias (`Guid: typing.TypeAlias = str`, or the name of another
//! type) and a default argument or field value naming an enum member
//! (`mode: Mode = Mode.FAST`). So each type is declared after the types those name; otherwise
//! the base order is kept: custom types, records, enums, objects, callback interfaces.

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
        items.push((Item::Record(i), &r.name, field_deps(&r.fields)));
    }
    for (i, e) in m.enums.iter().enumerate() {
        let fields: Vec<Field> = e.variants.iter().flat_map(|v| v.fields.iter().cloned()).collect();
        items.push((Item::Enum(i), &e.name, field_deps(&fields)));
    }
    for (i, o) in m.objects.iter().enumerate() {
        let callables = o.constructors.iter().chain(&o.methods).chain(o.foreign.iter().flat_map(|f| &f.methods));
        items.push((Item::Object(i), &o.name, callable_deps(callables)));
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
