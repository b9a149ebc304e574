//! Reads an IR module's external types (types another UniFFI component of the library defines)
//! and its own records, enums and custom types; produces what lets components use each other's
//! types in Swift: the public `UniffiExternalConverter<Type>` hooks a module exposes for its own
//! types, the delegating converters of the types it uses, and the imports of their modules.

use anyhow::{bail, Result};

use super::types::{CustomView, SwiftType};
use crate::config::LangConfig;
use crate::ir::{Module, Type};

/// The public `UniffiExternalConverter<Type>` enum of one of this module's types.
pub struct ExternalHook {
    pub name: String,
    pub type_name: String,
    pub converter: String,
    /// Custom types: (builtin Swift type, expression into the custom type from `builtinValue`,
    /// expression into the builtin from `value`); records and enums read and write bytes.
    pub custom: Option<(String, String, String)>,
    /// Objects and traits: lift and lower handles.
    pub object: bool,
}

/// Another component whose types this module uses.
pub struct SwiftImport {
    pub module: String,
    /// `enum geometry.Unit`: scoped imports, which take precedence over whole-module imports, so
    /// the external types win over same-named types of Foundation (`Unit`) and other modules.
    pub scoped: Vec<String>,
}

/// Refuses external types Swift cannot take from another component yet.
pub fn check(m: &Module) -> Result<()> {
    for e in &m.external_types {
        if !matches!(e.ty, Type::Record(_) | Type::Enum(_) | Type::Custom { .. } | Type::Object { .. }) {
            bail!(
                "{}: external type `{}` from `{}`: Swift supports external records, enums, custom types, objects and traits, not callback interfaces",
                m.namespace,
                e.ty.user_name().unwrap_or_default(),
                e.namespace
            );
        }
    }
    Ok(())
}

/// Whether another component defines `t`.
pub fn is_external(m: &Module, t: &Type) -> bool {
    t.user_name().is_some() && m.external_types.iter().any(|e| e.ty.user_name() == t.user_name())
}

/// Makes the converter of external type `t` delegate to its defining module's hook: records and
/// enums read and write through it; custom types convert to and from their builtin with it.
pub fn delegate(st: &mut SwiftType, t: &Type) {
    let hook = hook_name(t);
    if let Type::Object { .. } = t {
        st.kind = "external_object";
        st.inner = vec![hook];
        return;
    }
    match &mut st.custom {
        Some(c) => {
            *c = CustomView {
                ffi_type: c.ffi_type.clone(),
                alias_of: None,
                into_custom: format!("try {hook}.fromBuiltin(builtinValue)"),
                from_custom: format!("{hook}.toBuiltin(value)"),
            }
        }
        None => {
            st.kind = "external";
            st.inner = vec![hook];
        }
    }
}

/// The components this module takes external types from, each with its scoped imports.
pub fn imports(m: &Module, cfg: &LangConfig) -> Vec<SwiftImport> {
    let mut out: Vec<SwiftImport> = Vec::new();
    for e in &m.external_types {
        let name = SwiftType::of(&e.ty, cfg).name;
        let kind = match &e.ty {
            Type::Record(_) => Some("struct"),
            Type::Enum(_) => Some("enum"),
            Type::Object { is_trait: false, .. } => Some("class"),
            Type::Object { is_trait: true, .. } => Some("protocol"),
            // A typealias unless it is configured here as a type declared elsewhere.
            Type::Custom { name, .. } => match cfg.custom_types.get(name) {
                Some(c) if c.type_name.is_none() => None,
                _ => Some("typealias"),
            },
            _ => None,
        };
        let i = match out.iter().position(|i| i.module == e.namespace) {
            Some(i) => i,
            None => {
                out.push(SwiftImport { module: e.namespace.clone(), scoped: Vec::new() });
                out.len() - 1
            }
        };
        if let Some(kind) = kind {
            out[i].scoped.push(format!("{kind} {}.{name}", e.namespace));
        }
    }
    out.sort_by(|a, b| a.module.cmp(&b.module));
    out
}

fn hook_name(t: &Type) -> String {
    format!("UniffiExternalConverter{}", t.canonical_name())
}

/// The hooks of this module's own records, enums, custom types and objects.
pub fn hooks(m: &Module, cfg: &LangConfig) -> Vec<ExternalHook> {
    let records = m.records.iter().map(|r| Type::Record(r.name.clone()));
    let enums = m.enums.iter().map(|e| Type::Enum(e.name.clone()));
    let customs =
        m.custom_types.iter().map(|c| Type::Custom { name: c.name.clone(), builtin: Box::new(c.builtin.clone()) });
    let objects = m.objects.iter().map(|o| Type::Object { name: o.name.clone(), is_trait: o.is_trait });
    records
        .chain(enums)
        .chain(customs)
        .chain(objects)
        .filter(|t| !is_external(m, t))
        .map(|t| {
            let st = SwiftType::of(&t, cfg);
            let custom = match (&t, &st.custom) {
                (Type::Custom { builtin, .. }, Some(c)) => {
                    Some((SwiftType::of(builtin, cfg).name, c.into_custom.clone(), c.from_custom.clone()))
                }
                _ => None,
            };
            ExternalHook {
                name: hook_name(&t),
                type_name: st.name,
                converter: st.converter,
                custom,
                object: matches!(t, Type::Object { .. }),
            }
        })
        .collect()
}
