{#- The public test counters (`uniffi…Count<Namespace>`): pending polls, live handles and
    foreign futures, which the fixture tests check to be 0 when nothing leaked. #}
/// How many polls are waiting for Rust to call back (for tests: 0 when nothing is pending).
public func uniffiPendingPollCount{{ namespace_suffix }}() -> Int {
    uniffiPendingPolls.value
}

/// How many Swift objects and tasks Rust still holds handles to: callback implementations and
/// running foreign futures (for tests: 0 when nothing leaked).
public func uniffiLiveHandleCount{{ namespace_suffix }}() -> Int {
    uniffiLiveForeignFutures.value{% for c in callbacks %} + {{ c.converter }}Foreign.handles.count{% endfor %}
}
{%- if !m.foreign_future_shapes.is_empty() %}

/// How many foreign futures (async methods of Swift implementations that Rust awaits) are still
/// held by Rust (upstream's test helper: 0 when every one was completed or dropped).
public func uniffiForeignFutureHandleCount{{ namespace_suffix }}() -> Int {
    uniffiLiveForeignFutures.value
}
{%- endif %}
