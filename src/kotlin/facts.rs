//! Reads an IR module; produces what the Kotlin module needs to know about it as a whole:
//! which records and enums hold Rust objects (and so are `Disposable`), and refuses default
//! values Kotlin cannot write, naming the item.

use std::collections::BTreeSet;

use anyhow::Result;

use super::types::{self, Names};
use crate::ir::{Literal, Module, Type};

/// Records and enums that hold Rust objects, directly or through containers and other records
/// and enums: upstream makes them `Disposable`, their `destroy()` destroying those objects.
pub fn object_holders(m: &Module) -> BTreeSet<String> {
    fn holds(t: &Type, holders: &BTreeSet<String>) -> bool {
        match t {
            Type::Object { .. } => true,
            Type::Record(name) | Type::Enum(name) => holders.contains(name),
            _ => t.children().into_iter().any(|c| holds(c, holders)),
        }
    }
    // Other components' records and enums: the loader looked into their definitions.
    let mut holders: BTreeSet<String> = m
        .external_types
        .iter()
        .filter(|e| e.holds_objects)
        .filter_map(|e| e.ty.user_name().map(str::to_owned))
        .collect();
    loop {
        let before = holders.len();
        for r in &m.records {
            if r.fields.iter().any(|f| holds(&f.ty, &holders)) {
                holders.insert(r.name.clone());
            }
        }
        for e in &m.enums {
            if e.variants.iter().flat_map(|v| &v.fields).any(|f| holds(&f.ty, &holders)) {
                holders.insert(e.name.clone());
            }
        }
        if holders.len() == before {
            return holders;
        }
    }
}

/// Refuses a default value (`Literal::Default`) Kotlin cannot write, naming the item.
pub fn check_defaults(m: &Module, n: &Names) -> Result<()> {
    let check = |item: String, ty: &Type, default: Option<&Literal>| -> Result<()> {
        if default == Some(&Literal::Default) && types::default_value(ty, n).is_none() {
            anyhow::bail!(
                "kotlin: `{item}`: the default value of a {ty:?} cannot be written in Kotlin (its Rust \
                 `Default` is unknown to the bindings); give a literal default or none"
            );
        }
        Ok(())
    };
    for r in &m.records {
        for f in &r.fields {
            check(format!("{}.{}", r.name, f.name), &f.ty, f.default.as_ref())?;
        }
    }
    for e in &m.enums {
        for v in &e.variants {
            for f in &v.fields {
                check(format!("{}::{}.{}", e.name, v.name, f.name), &f.ty, f.default.as_ref())?;
            }
        }
    }
    for c in super::callables(m) {
        for a in &c.args {
            check(format!("{}({})", c.name, a.name), &a.ty, a.default.as_ref())?;
        }
    }
    Ok(())
}
