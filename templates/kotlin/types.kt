{#- Converters for builtin and collection types; one object per type used by the module. -#}
// ---- type converters ----------------------------------------------------------------
{%- for t in converters %}
{%- if t.kind == "primitive" %}

internal object {{ t.converter }} : UniffiConverter<{{ t.name }}, {{ t.ffi }}> {
    override fun lift(value: {{ t.ffi }}): {{ t.name }} = {{ t.lift("value") }}

    override fun lower(value: {{ t.name }}): {{ t.ffi }} = {{ t.lower("value") }}

    override fun read(buf: ByteBuffer): {{ t.name }} = {{ t.read_expr() }}

    override fun allocationSize(value: {{ t.name }}): Long = {{ t.size }}L

    override fun write(value: {{ t.name }}, buf: ByteBuffer) {
        {{ t.write_stmt() }}
    }
}
{%- else if t.kind == "string" %}

internal object {{ t.converter }} : UniffiConverter<String, UniffiRustBuffer.ByValue> {
    override fun lift(value: UniffiRustBuffer.ByValue): String = uniffiLiftString(value)

    override fun lower(value: String): UniffiRustBuffer.ByValue = uniffiLowerString(value)

    override fun read(buf: ByteBuffer): String {
        val bytes = ByteArray(buf.getInt())
        buf.get(bytes)
        return bytes.decodeToString()
    }

    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    override fun allocationSize(value: String): Long = 4L + 3L * value.length

    override fun write(value: String, buf: ByteBuffer) {
        val bytes = value.encodeToByteArray(throwOnInvalidSequence = true)
        buf.putInt(bytes.size)
        buf.put(bytes)
    }
}
{%- else if t.kind == "optional" %}
{%- let inner = t.inner[0] %}

internal object {{ t.converter }} : UniffiConverterRustBuffer<{{ t.name }}> {
    override fun read(buf: ByteBuffer): {{ t.name }} =
        if (buf.get() == 0.toByte()) null else {{ inner }}.read(buf)

    override fun allocationSize(value: {{ t.name }}): Long =
        if (value == null) 1L else 1L + {{ inner }}.allocationSize(value)

    override fun write(value: {{ t.name }}, buf: ByteBuffer) {
        if (value == null) {
            buf.put(0)
        } else {
            buf.put(1)
            {{ inner }}.write(value, buf)
        }
    }
}
{%- else if t.kind == "sequence" %}
{%- let inner = t.inner[0] %}

internal object {{ t.converter }} : UniffiConverterRustBuffer<{{ t.name }}> {
    override fun read(buf: ByteBuffer): {{ t.name }} {
        val count = buf.getInt()
        return List(count) { {{ inner }}.read(buf) }
    }

    override fun allocationSize(value: {{ t.name }}): Long =
        value.fold(4L) { size, item -> size + {{ inner }}.allocationSize(item) }

    override fun write(value: {{ t.name }}, buf: ByteBuffer) {
        buf.putInt(value.size)
        for (item in value) {
            {{ inner }}.write(item, buf)
        }
    }
}
{%- else if t.kind == "map" %}

internal object {{ t.converter }} : UniffiConverterRustBuffer<{{ t.name }}> {
    override fun read(buf: ByteBuffer): {{ t.name }} {
        val count = buf.getInt()
        val result = LinkedHashMap<{{ t.type_args }}>(count)
        repeat(count) {
            val key = {{ t.inner[0] }}.read(buf)
            result[key] = {{ t.inner[1] }}.read(buf)
        }
        return result
    }

    override fun allocationSize(value: {{ t.name }}): Long =
        value.entries.fold(4L) { size, (k, v) -> size + {{ t.inner[0] }}.allocationSize(k) + {{ t.inner[1] }}.allocationSize(v) }

    override fun write(value: {{ t.name }}, buf: ByteBuffer) {
        buf.putInt(value.size)
        for ((k, v) in value) {
            {{ t.inner[0] }}.write(k, buf)
            {{ t.inner[1] }}.write(v, buf)
        }
    }
}
{%- endif %}
{%- endfor %}
