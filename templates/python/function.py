{#- A function, method or named constructor (object.py includes this indented by 4). Sync
    calls go straight through `_uniffi_call`; async ones through `_uniffi_drive`; `offload`
    wraps the sync call in `_uniffi_offload` and `blocking` adds a `_blocking` twin driven by
    `_uniffi_drive_blocking` (all in async.py). #}
{%- if f.top %}
{% endif %}
{%- if f.offload %}
{% if let Some(d) = f.decorator %}{{ d }}
{% endif %}def _uniffi_blocking_{{ f.name }}({{ f.params }}) -> {{ f.return_hint }}:
{%- else %}
{% if let Some(d) = f.decorator %}{{ d }}
{% endif %}{% if f.is_async %}async {% endif %}def {{ f.name }}({{ f.params }}) -> {{ f.return_hint }}:
{%- if let Some(doc) = f.docstring %}
    {{ doc }}
{%- endif %}
{%- endif %}
{%- if f.is_async %}
    handle = _uniffi_lib.{{ f.ffi_symbol }}({{ f.lowered_args }})
    {% if f.lift.is_some() %}raw = {% endif %}await _uniffi_drive(handle, _uniffi_lib.{{ f.poll }}, _uniffi_lib.{{ f.complete }}, _uniffi_lib.{{ f.free }}, {{ f.error.as_deref().unwrap_or("None") }})
{%- else %}
    {% if f.lift.is_some() %}raw = {% endif %}_uniffi_call({{ f.error.as_deref().unwrap_or("None") }}, _uniffi_lib.{{ f.ffi_symbol }}{% if !f.lowered_args.is_empty() %}, {% endif %}{{ f.lowered_args }})
{%- endif %}
{%- if let Some(lift) = f.lift %}
    return {{ lift }}
{%- endif %}
{%- if f.offload %}
{%- if f.top %}
{% endif %}

{% if let Some(d) = f.decorator %}{{ d }}
{% endif %}async def {{ f.name }}({{ f.params }}) -> {{ f.return_hint }}:
{%- if let Some(doc) = f.docstring %}
    {{ doc }}
{%- endif %}
    return await _uniffi_offload({{ f.offload_target }}{% if !f.arg_names.is_empty() %}, {% endif %}{{ f.arg_names }})
{%- endif %}
{%- if f.blocking %}
{%- if f.top %}
{% endif %}

{% if let Some(d) = f.decorator %}{{ d }}
{% endif %}def {{ f.name }}_blocking({{ f.params }}) -> {{ f.return_hint }}:
    """Blocking twin of `{{ f.name }}`: waits on the calling thread, no event loop needed."""
    handle = _uniffi_lib.{{ f.ffi_symbol }}({{ f.lowered_args }})
    {% if f.lift.is_some() %}raw = {% endif %}_uniffi_drive_blocking(handle, _uniffi_lib.{{ f.poll }}, _uniffi_lib.{{ f.complete }}, _uniffi_lib.{{ f.free }}, {{ f.error.as_deref().unwrap_or("None") }})
{%- if let Some(lift) = f.lift %}
    return {{ lift }}
{%- endif %}
{%- endif %}
