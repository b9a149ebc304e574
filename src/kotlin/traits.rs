//! Reads the Rust trait impls exported for an object, record or enum (`TraitMethods`: Display,
//! Debug, Eq, Hash, Ord); produces the helper methods calling them and which Kotlin overrides
//! (`toString`, `equals`, `hashCode`, `compareTo`) the templates render over them.

use super::callable::{callable, render_member, Place};
use super::types::Names;
use crate::ir::{Callable, TraitMethods};

/// The exported trait impls of one type, as Kotlin members.
#[derive(Default)]
pub struct KtTraits {
    /// The helpers (`uniffiDisplay`, `uniffiEq`, ...), rendered and indented.
    pub helpers: Vec<String>,
    /// `toString` from Display (or Debug when there is no Display): the helper's name.
    pub to_string: Option<&'static str>,
    pub has_eq: bool,
    pub has_hash: bool,
    pub has_cmp: bool,
}

impl KtTraits {
    /// Whether `toString`, `equals` or `hashCode` is overridden (a `data` class or object would
    /// generate its own).
    pub fn overrides_any(&self) -> bool {
        self.to_string.is_some() || self.has_eq || self.has_hash
    }

    /// The overrides of a value of class `class`, one line each; `cmp`: include `compareTo`.
    pub fn overrides(&self, class: &str, cmp: bool) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(f) = self.to_string {
            out.push(format!("override fun toString(): kotlin.String = {f}()"));
        }
        if self.has_eq {
            out.push(format!("override fun equals(other: Any?): Boolean = other is {class} && uniffiEq(other)"));
        }
        if self.has_hash {
            out.push("override fun hashCode(): Int = uniffiHash().toInt()".into());
        }
        if cmp && self.has_cmp {
            out.push(format!("override fun compareTo(other: {class}): Int = uniffiCmp(other).toInt()"));
        }
        out
    }
}

/// The helpers and overrides of `tm`; `value` for records and enums (the receiver is the value
/// itself, lowered), else an object (the receiver is its handle). Helpers are indented by
/// `indent` spaces.
pub fn traits(n: &Names, tm: &TraitMethods, value: bool, indent: usize) -> KtTraits {
    let mut helpers = Vec::new();
    let mut helper = |c: &Option<Callable>, name: &'static str| {
        if let Some(c) = c {
            let place = if value { Place::ValueHelper(name) } else { Place::Helper(name) };
            helpers.push(render_member(&callable(n, c, place), indent));
        }
    };
    let to_string = match (&tm.display, &tm.debug) {
        (Some(_), _) => Some("uniffiDisplay"),
        (None, Some(_)) => Some("uniffiDebug"),
        _ => None,
    };
    if tm.display.is_some() {
        helper(&tm.display, "uniffiDisplay");
    } else {
        helper(&tm.debug, "uniffiDebug");
    }
    helper(&tm.eq, "uniffiEq");
    helper(&tm.hash, "uniffiHash");
    helper(&tm.cmp, "uniffiCmp");
    KtTraits { helpers, to_string, has_eq: tm.eq.is_some(), has_hash: tm.hash.is_some(), has_cmp: tm.cmp.is_some() }
}
