//! Reads a `[bindings.<lang>] exclude = [...]` list and an IR module; produces the module without
//! the named items, as upstream UniFFI 0.32 does. Names are Rust names: `fn`, `Type`,
//! `Type.method`, `Type.constructor`. A name that matches nothing, or a type that something kept
//! still uses, is an error naming the item and the file.

use anyhow::{bail, Result};
use camino::Utf8Path;

use super::{Callable, Module, Type};

/// Removes every item `names` lists from `m`. `section` is `[bindings.<lang>]` for messages.
pub fn apply(m: &mut Module, names: &[String], file: &Utf8Path, section: &str) -> Result<()> {
    for name in names {
        let found = match name.split_once('.') {
            Some((owner, member)) => remove_member(m, owner, member),
            None => remove_top_level(m, name),
        };
        if !found {
            bail!("{file}: {section} exclude: `{name}` names no function, type, method or constructor of `{}`", m.crate_name);
        }
    }
    let excluded_types: Vec<&String> = names.iter().filter(|n| !n.contains('.')).collect();
    for ty in excluded_types {
        if let Some(user) = first_user(m, ty) {
            bail!("{file}: {section} exclude: `{ty}` is still used by `{user}`; exclude that too");
        }
        m.all_types.retain(|t| !mentions(t, ty));
    }
    Ok(())
}

fn remove_top_level(m: &mut Module, name: &str) -> bool {
    let before = m.functions.len() + m.objects.len() + m.records.len() + m.enums.len() + m.callback_interfaces.len();
    m.functions.retain(|f| f.name != name);
    m.objects.retain(|o| o.name != name);
    m.records.retain(|r| r.name != name);
    m.enums.retain(|e| e.name != name);
    m.callback_interfaces.retain(|c| c.name != name);
    before != m.functions.len() + m.objects.len() + m.records.len() + m.enums.len() + m.callback_interfaces.len()
}

fn remove_member(m: &mut Module, owner: &str, member: &str) -> bool {
    let Some(o) = m.objects.iter_mut().find(|o| o.name == owner) else {
        return false;
    };
    let before = o.constructors.len() + o.methods.len();
    o.constructors.retain(|c| c.name != member);
    o.methods.retain(|c| c.name != member);
    before != o.constructors.len() + o.methods.len()
}

/// Whether `t` is, or contains, the user type `name`.
fn mentions(t: &Type, name: &str) -> bool {
    t.user_name() == Some(name) || t.children().into_iter().any(|c| mentions(c, name))
}

/// The first kept item whose signature or fields use the type `name`.
fn first_user(m: &Module, name: &str) -> Option<String> {
    let uses = |c: &Callable| {
        c.args.iter().map(|a| &a.ty).chain(c.ret.iter()).chain(c.throws.iter()).any(|t| mentions(t, name))
    };
    let callables = m
        .functions
        .iter()
        .chain(m.objects.iter().flat_map(|o| o.constructors.iter().chain(o.methods.iter())))
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()).flat_map(|f| f.methods.iter()))
        .chain(m.callback_interfaces.iter().flat_map(|c| c.foreign.methods.iter()));
    for c in callables {
        if uses(c) {
            return Some(c.config_name());
        }
    }
    for r in &m.records {
        if r.fields.iter().any(|f| mentions(&f.ty, name)) {
            return Some(r.name.clone());
        }
    }
    for e in &m.enums {
        if e.variants.iter().flat_map(|v| v.fields.iter()).any(|f| mentions(&f.ty, name)) {
            return Some(e.name.clone());
        }
    }
    m.custom_types.iter().find(|c| mentions(&c.builtin, name)).map(|c| c.name.clone())
}
