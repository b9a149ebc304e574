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
    if let Some(streams) = &cfg.streams {
        apply_streams(module, streams, file)?;
    }
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

/// `streams`: `["Ticker"]` or `{ Ticker = "poll_next" }`. Marks each object's stream method.
fn apply_streams(module: &mut Module, value: &toml::Value, file: &Utf8Path) -> Result<()> {
    let shape_error = || {
        anyhow::anyhow!(
            "{file}: [bindings.async] streams: expected a list of object names (`[\"Ticker\"]`) \
             or a table of object = method name (`{{ Ticker = \"poll_next\" }}`)"
        )
    };
    let entries: Vec<(String, String)> = match value {
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(|n| (n.to_owned(), "next".to_owned())).ok_or_else(shape_error))
            .collect::<Result<_>>()?,
        toml::Value::Table(t) => t
            .iter()
            .map(|(k, v)| v.as_str().map(|m| (k.clone(), m.to_owned())).ok_or_else(shape_error))
            .collect::<Result<_>>()?,
        _ => return Err(shape_error()),
    };
    let mut known: Vec<String> = module.objects.iter().map(|o| o.name.clone()).collect();
    known.extend(module.callback_interfaces.iter().map(|c| c.name.clone()));
    for (name, method) in entries {
        let at = format!("{file}: [bindings.async] streams: `{name}`");
        // A foreign trait (callback interface or `with_foreign` trait): native streams of the
        // foreign language can implement it, and Rust consumes them (foreign -> Rust).
        let foreign = match module.callback_interfaces.iter_mut().find(|c| c.name == name) {
            Some(cb) => Some(&mut cb.foreign),
            None => module
                .objects
                .iter_mut()
                .find(|o| o.name == name && o.has_foreign)
                .and_then(|o| o.foreign.as_mut()),
        };
        if let Some(foreign) = foreign {
            mark_stream_method(&mut foreign.methods, &name, &method, &at)?;
            if let Some(other) = foreign.methods.iter().find(|m| !m.annotations.stream_next) {
                bail!(
                    "{at}: the foreign trait `{name}` has another method, `{}`; a native \
                     stream can implement a trait whose only method is `{method}`",
                    other.name
                );
            }
            continue;
        }
        let Some(object) = module.objects.iter_mut().find(|o| o.name == name) else {
            bail!("{at} names no exported object or foreign trait{}", suggestion(&name, &known));
        };
        mark_stream_method(&mut object.methods, &name, &method, &at)?;
    }
    Ok(())
}

/// Marks `method` of `name` as its stream method after checking its shape.
fn mark_stream_method(methods: &mut [Callable], name: &str, method: &str, at: &str) -> Result<()> {
    let names: Vec<String> = methods.iter().map(|m| m.name.clone()).collect();
    if methods.iter().any(|m| m.annotations.stream_next) {
        bail!("{at} is listed twice");
    }
    let Some(m) = methods.iter_mut().find(|m| m.name == method) else {
        bail!("{at} has no method `{method}`{}", suggestion(method, &names));
    };
    let what = if !m.is_async() {
        "is not async"
    } else if !m.args.is_empty() {
        "takes arguments"
    } else if !matches!(m.ret, Some(crate::ir::Type::Optional(_))) {
        "does not return an `Option`"
    } else {
        m.annotations.stream_next = true;
        return Ok(());
    };
    bail!(
        "{at}: `{name}.{method}` {what}; a stream's method is `async fn {method}(&self) -> \
         Option<T>` (or `Result<Option<T>, E>`), where `None` ends the stream"
    );
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
