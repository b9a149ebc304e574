{#- A function, method or named constructor (object.py includes this indented by 4). Sync
    calls inline the direct ctypes call when `f.fast` allows (call.rs), else go through
    `_uniffi_call`; async ones through `_uniffi_drive`; `offload`
    runs the sync call in `_uniffi_offload_executor` and `blocking` adds a `_blocking` twin driven by
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
{%- for (arg, fresh) in f.fresh_defaults %}
    if _uniffi_isinstance({{ arg }}, _UniffiDefaultType):
        {{ arg }} = {{ fresh }}
{%- endfor %}
{%- if let Some(call) = f.fast %}
{%- for (arg, min, max, canonical) in call.checks %}
    if not (_uniffi_isinstance({{ arg }}, _uniffi_int) and {{ min }} <= {{ arg }} <= {{ max }}):
        {{ arg }} = _uniffi_check_int({{ arg }}, {{ min }}, {{ max }}, "{{ canonical }}")
{%- endfor %}
{%- endif %}
{%- if f.is_async %}
{%- if let Some(call) = f.fast %}
{%- for (local, expr) in call.prelude %}
    {{ local }} = {{ expr }}
{%- endfor %}
    _uniffi_handle = {{ f.bound_symbol }}({{ call.args }})
{%- else %}
{%- for (local, expr) in f.prelude %}
    {{ local }} = {{ expr }}
{%- endfor %}
    _uniffi_handle = _uniffi_lib.{{ f.ffi_symbol }}({{ f.lowered_args }})
{%- endif %}
    {% if f.lift.is_some() %}{{ f.raw_decl }} = {% endif %}await _uniffi_drive(_uniffi_handle, {{ f.poll }}, {{ f.complete }}, {{ f.free }}, {{ f.error.as_deref().unwrap_or("None") }})
{%- else if let Some(call) = f.fast %}
{%- for (local, expr) in call.prelude %}
    {{ local }} = {{ expr }}
{%- endfor %}
    _uniffi_status, _uniffi_ref = _uniffi_tls.status
    if _uniffi_status.code:
        _uniffi_status, _uniffi_ref = _uniffi_new_status()
    {% if f.lift.is_some() %}{{ f.raw_decl }} = {% endif %}{{ f.bound_symbol }}({{ call.args }}{% if !call.args.is_empty() %}, {% endif %}_uniffi_ref)
    if _uniffi_status.code:
        _uniffi_failed(_uniffi_status, {{ f.error.as_deref().unwrap_or("None") }})
{%- else %}
{%- for (local, expr) in f.prelude %}
    {{ local }} = {{ expr }}
{%- endfor %}
    {% if f.lift.is_some() %}{{ f.raw_decl }} = {% endif %}_uniffi_call({{ f.error.as_deref().unwrap_or("None") }}, _uniffi_lib.{{ f.ffi_symbol }}{% if !f.lowered_args.is_empty() %}, {% endif %}{{ f.lowered_args }})
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
{%- for (arg, fresh) in f.fresh_defaults %}
    if _uniffi_isinstance({{ arg }}, _UniffiDefaultType):
        {{ arg }} = {{ fresh }}
{%- endfor %}
{%- if let Some(call) = f.fast %}
{%- for (arg, min, max, canonical) in call.checks %}
    if not (_uniffi_isinstance({{ arg }}, _uniffi_int) and {{ min }} <= {{ arg }} <= {{ max }}):
        {{ arg }} = _uniffi_check_int({{ arg }}, {{ min }}, {{ max }}, "{{ canonical }}")
{%- endfor %}
{%- for (local, expr) in call.prelude %}
    {{ local }} = {{ expr }}
{%- endfor %}
    _uniffi_handle = {{ f.bound_symbol }}({{ call.args }})
{%- else %}
{%- for (local, expr) in f.prelude %}
    {{ local }} = {{ expr }}
{%- endfor %}
    _uniffi_handle = _uniffi_lib.{{ f.ffi_symbol }}({{ f.lowered_args }})
{%- endif %}
    {% if f.lift.is_some() %}{{ f.raw_decl }} = {% endif %}_uniffi_drive_blocking(_uniffi_handle, {{ f.poll }}, {{ f.complete }}, {{ f.free }}, {{ f.error.as_deref().unwrap_or("None") }})
{%- if let Some(lift) = f.lift %}
    return {{ lift }}
{%- endif %}
{%- endif %}
