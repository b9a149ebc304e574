//! Reads the parsed `[bindings.async]` section and a built [`Module`]; validates every name
//! against the module and writes the annotations onto the callables they name.

use anyhow::{bail, Result};
use camino::Utf8Path;

use super::{Callable, Dispatch, Module};
use crate::config::AsyncConfig;

/// Applies `cfg` to `module`. `file` names the config file in error messages.
pub fn apply(module: &mut Module, cfg: &AsyncConfig, file: &Utf8Path) -> Result<()> {
    let names: Vec<String> = callables_mut(module).map(|c| c.config_name()).collect();
    for name in &cfg.offload {
        let callable = find(module, name, "offload", file, &names)?;
        if callable.is_async() {
            bail!(
                "{file}: [bindings.async] offload: `{name}` is already async in Rust; \
                 `offload` is for blocking Rust functions (did you mean `blocking`?)"
            );
        }
        if callable.annotations.offload {
            bail!("{file}: [bindings.async] offload: `{name}` is listed twice");
        }
        callable.annotations.offload = true;
    }
    for name in &cfg.blocking {
        let callable = find(module, name, "blocking", file, &names)?;
        if !callable.is_async() {
            bail!(
                "{file}: [bindings.async] blocking: `{name}` is not async in Rust; \
                 `blocking` adds a blocking twin to async functions (did you mean `offload`?)"
            );
        }
        if callable.annotations.blocking {
            bail!("{file}: [bindings.async] blocking: `{name}` is listed twice");
        }
        callable.annotations.blocking = true;
    }
    apply_cancellable(module, &cfg.cancellable, file, &names)?;
    let interfaces: Vec<String> = foreign_owner_names(module);
    for (name, value) in &cfg.dispatch {
        let Some(dispatch) = Dispatch::parse(value) else {
            bail!(
                "{file}: [bindings.async.dispatch] {name} = \"{value}\": unknown value; \
                 expected \"caller\" or \"main\""
            );
        };
        let target = module
            .callback_interfaces
            .iter_mut()
            .map(|cb| (&cb.name, &mut cb.foreign))
            .chain(
                module
                    .objects
                    .iter_mut()
                    .filter_map(|o| o.foreign.as_mut().map(|f| (&o.name, f))),
            )
            .find(|(n, _)| *n == name);
        match target {
            Some((_, foreign)) => foreign.dispatch = dispatch,
            None => bail!(
                "{file}: [bindings.async.dispatch] `{name}` is not a callback interface or \
                 foreign trait of this crate{}",
                suggestion(name, &interfaces)
            ),
        }
    }
    Ok(())
}

/// `cancellable`: async callables only; `"*"` marks every async callable.
fn apply_cancellable(module: &mut Module, list: &[String], file: &Utf8Path, names: &[String]) -> Result<()> {
    for name in list {
        if name == "*" {
            callables_mut(module).filter(|c| c.is_async()).for_each(|c| c.annotations.cancellable = true);
            continue;
        }
        let callable = find(module, name, "cancellable", file, names)?;
        if !callable.is_async() {
            bail!(
                "{file}: [bindings.async] cancellable: `{name}` is not async in Rust; \
                 only async functions and methods can be cancellable"
            );
        }
        if callable.annotations.cancellable && !list.iter().any(|n| n == "*") {
            bail!("{file}: [bindings.async] cancellable: `{name}` is listed twice");
        }
        callable.annotations.cancellable = true;
    }
    Ok(())
}

fn find<'a>(
    module: &'a mut Module,
    name: &str,
    key: &str,
    file: &Utf8Path,
    names: &[String],
) -> Result<&'a mut Callable> {
    // Only Rust-implemented callables can be offloaded or get blocking twins.
    match callables_mut(module).find(|c| c.config_name() == name) {
        Some(c) => Ok(c),
        None => bail!(
            "{file}: [bindings.async] {key}: `{name}` names no exported function or method{}",
            suggestion(name, names)
        ),
    }
}

fn callables_mut(module: &mut Module) -> impl Iterator<Item = &mut Callable> {
    module.functions.iter_mut().chain(
        module
            .objects
            .iter_mut()
            .flat_map(|o| o.constructors.iter_mut().chain(o.methods.iter_mut())),
    )
}

fn foreign_owner_names(module: &Module) -> Vec<String> {
    module
        .callback_interfaces
        .iter()
        .map(|c| c.name.clone())
        .chain(module.objects.iter().filter(|o| o.foreign.is_some()).map(|o| o.name.clone()))
        .collect()
}

/// `"; did you mean `x`?"` for the nearest candidate, or `""`.
fn suggestion(name: &str, candidates: &[String]) -> String {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}
