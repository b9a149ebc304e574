{#- A record: a data class (fields in declaration order, with defaults) and its converter. -#}
{{ r.doc }}
{%- if r.fields.is_empty() %}class {{ r.name }} {
{%- for m in r.methods %}
{{ m }}
{% endfor %}
    override fun equals(other: Any?): Boolean = other is {{ r.name }}

    override fun hashCode(): Int = 0

    override fun toString(): String = "{{ r.name }}()"

    companion object
}
{%- else %}data class {{ r.name }}(
{%- for f in r.fields %}
    {{ f.doc }}{{ r.keyword }} {{ f.name }}: {{ f.type_name }}{{ f.default }},
{%- endfor %}
)
{%- if r.disposable || r.traits.has_cmp %} :{% endif %}
{%- if r.disposable %} Disposable, AutoCloseable{% if r.traits.has_cmp %},{% endif %}{% endif %}
{%- if r.traits.has_cmp %} Comparable<{{ r.name }}>{% endif %} {
{%- for m in r.methods %}

{{ m }}
{%- endfor %}
{%- let tr = r.traits %}
{%- include "traits.kt" %}
{%- if !r.traits.helpers.is_empty() || !r.methods.is_empty() %}
{% endif %}
{%- if r.disposable %}
    /** Destroys the Rust objects this record holds. */
    override fun destroy() {
        Disposable.destroy({% for f in r.fields %}{% if !loop.first %}, {% endif %}this.{{ f.name }}{% endfor %})
    }

    /** Same as [destroy], for `use { }` blocks. */
    override fun close() = destroy()

{%- endif %}
    companion object
}
{%- endif %}

internal object {{ r.converter }} : UniffiConverterRustBuffer<{{ r.name }}> {
    override fun read(buf: ByteBuffer): {{ r.name }} =
        {{ r.name }}({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.converter }}.read(buf){% endfor %})

    override fun allocationSize(value: {{ r.name }}): Long =
        0L{% for f in r.fields %} + {{ f.converter }}.allocationSize(value.{{ f.name }}){% endfor %}

    override fun write(value: {{ r.name }}, buf: ByteBuffer) {
{%- for f in r.fields %}
        {{ f.converter }}.write(value.{{ f.name }}, buf)
{%- endfor %}
    }
}
