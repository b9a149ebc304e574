//! Reads a component and the other components of its library (`all_component_interfaces`);
//! produces the facts about a type of another component that only its definition holds: whether
//! it is used as an error, whether its values hold Rust objects (looking through records and
//! enums of every component, which `item_contains_object_references` does not).

use uniffi_bindgen::interface::ComponentInterface;
use uniffi_meta::{AsType, Type as UType};

use crate::ir;

/// `ty` as another component of `ci`'s library defines it.
pub fn external_type(ci: &ComponentInterface, t: &UType, ty: ir::Type, namespace: String) -> ir::ExternalType {
    ir::ExternalType {
        is_error: t.name().is_some_and(|n| ci.is_name_used_as_error(n)),
        holds_objects: holds_objects(ci, t, &mut Vec::new()),
        crate_name: crate_of(t).unwrap_or_default(),
        namespace,
        ty,
    }
}

fn crate_of(t: &UType) -> Option<String> {
    t.module_path().map(|p| p.split("::").next().unwrap_or(p).to_owned())
}

/// Whether values of `t` hold Rust objects, looking into the definitions of records and enums
/// in whichever component defines them. `seen` guards recursive types.
fn holds_objects(ci: &ComponentInterface, t: &UType, seen: &mut Vec<String>) -> bool {
    let children: Vec<UType> = match t {
        UType::Object { .. } => return true,
        UType::Optional { inner_type } | UType::Sequence { inner_type } | UType::Set { inner_type } => {
            vec![(**inner_type).clone()]
        }
        UType::Box { inner_type } => vec![(**inner_type).clone()],
        UType::Map { key_type, value_type } => vec![(**key_type).clone(), (**value_type).clone()],
        UType::Custom { builtin, .. } => vec![(**builtin).clone()],
        UType::Record { name, .. } | UType::Enum { name, .. } => {
            if seen.contains(name) {
                return false;
            }
            seen.push(name.clone());
            let def = crate_of(t)
                .and_then(|c| ci.find_component_interface(&c))
                .filter(|_| ci.is_external(t))
                .unwrap_or(ci);
            if let Some(r) = def.get_record_definition(name) {
                r.fields().iter().map(|f| f.as_type()).collect()
            } else if let Some(e) = def.get_enum_definition(name) {
                e.variants().iter().flat_map(|v| v.fields()).map(|f| f.as_type()).collect()
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    };
    children.iter().any(|c| holds_objects(ci, c, seen))
}
