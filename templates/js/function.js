{#- A top-level function: sync calls go through `uniffiRustCall`; async ones return a Promise
    driven by `uniffiRustCallAsync` (async.js) and accept `{ signal }` as a last argument;
    offloaded ones return a Promise of `uniffiRustCallOffload` (async.js). #}
{{ f.doc }}export {% if f.returns_promise %}async {% endif %}function {{ f.name }}({{ f.params }}) {
{%- for c in f.checks %}
  {{ c }}
{%- endfor %}
{%- if f.is_async %}
  {% if f.lift.is_some() %}const uniffiRaw = {% endif %}await uniffiRustCallAsync(() => {{ f.ffi_call }}, {{ f.family }}, {{ f.error }}, uniffiOptions.signal);
{%- else if f.is_offload %}
  {% if f.lift.is_some() %}const uniffiRaw = {% endif %}await uniffiRustCallOffload({{ f.ffi_call }}, {{ f.error }});
{%- else %}
  {% if f.lift.is_some() %}const uniffiRaw = {% endif %}{{ f.ffi_call }};
{%- endif %}
{%- if let Some(lift) = f.lift %}
  return {{ lift }}.lift(uniffiRaw);
{%- endif %}
}
