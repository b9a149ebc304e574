{#- A top-level function, method or constructor (rendered into class bodies by
    `callable::render_member`): sync calls go through `uniffiRustCall` (runtime.kt), async ones
    through `uniffiRustCallAsync` (async.kt). `offload` runs the sync call through
    `uniffiOffload` (offload_pool.kt); `blocking` adds a `…Blocking` twin driven
    by `uniffiRustCallBlocking` (async.kt). -#}
{{ f.doc }}
{%- if let Some(e) = f.throws %}@Throws({{ e }}::class)
{% endif -%}
{% if f.offload -%}
{{ f.modifier }}suspend fun {{ f.name }}({{ f.params }}): {{ f.offload_return }} = uniffiOffload {
    {% if f.lift.is_some() %}val uniffiResult = {% endif %}uniffiRustCall({{ f.handler }}) { {{ f.status_param }} ->
        {{ f.ffi_call }}
    }
{%- if let Some(lift) = f.lift %}
    {{ lift }}
{%- endif %}
}
{%- else -%}
{{ f.modifier }}{% if f.is_async %}suspend {% endif %}fun {{ f.name }}({{ f.params }}){{ f.return_decl }} {
{%- if f.is_async %}
    {% if f.lift.is_some() %}val uniffiResult = {% endif %}uniffiRustCallAsync(
        {{ f.ffi_call }},
        {{ f.future }},
        {{ f.handler }},
    )
{%- else %}
    {% if f.lift.is_some() %}val uniffiResult = {% endif %}uniffiRustCall({{ f.handler }}) { {{ f.status_param }} ->
        {{ f.ffi_call }}
    }
{%- endif %}
{%- if let Some(lift) = f.lift %}
    return {{ lift }}
{%- endif %}
}
{%- endif %}
{%- if let Some(twin) = f.blocking %}

{{ f.blocking_doc }}@Throws({{ f.blocking_throws }})
{{ f.modifier }}fun {{ twin }}({{ f.params }}){{ f.return_decl }} {
    {% if f.lift.is_some() %}val uniffiResult = {% endif %}uniffiRustCallBlocking(
        {{ f.ffi_call }},
        {{ f.future }},
        {{ f.handler }},
    )
{%- if let Some(lift) = f.lift %}
    return {{ lift }}
{%- endif %}
}
{%- endif %}
