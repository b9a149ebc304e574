{#- A top-level function: sync calls go straight through `_uniffi_call`; async ones through
    `_uniffi_drive` (async.py). #}


{% if f.is_async %}async {% endif %}def {{ f.name }}({{ f.params }}) -> {{ f.return_hint }}:
{%- if let Some(doc) = f.docstring %}
    """{{ doc }}"""
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
