{#- Converters for builtin and collection types; one object per type used by the module. -#}
// ---- type converters ----------------------------------------------------------------
{%- for a in aliases %}

{{ a.doc }}typealias {{ a.name }} = {{ a.builtin }}
{%- endfor %}
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
{%- else if t.kind == "sequence" || t.kind == "set" %}
{%- let inner = t.inner[0] %}

internal object {{ t.converter }} : UniffiConverterRustBuffer<{{ t.name }}> {
    override fun read(buf: ByteBuffer): {{ t.name }} {
        val count = buf.getInt()
{%- if t.kind == "set" %}
        return LinkedHashSet<{{ t.type_args }}>(count).apply { repeat(count) { add({{ inner }}.read(buf)) } }
{%- else %}
        return List(count) { {{ inner }}.read(buf) }
{%- endif %}
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
{%- else if t.kind == "custom" %}

internal object {{ t.converter }} : UniffiConverter<{{ t.name }}, {{ t.ffi }}> {
    override fun lift(value: {{ t.ffi }}): {{ t.name }} = {{ t.inner[0] }}

    override fun lower(value: {{ t.name }}): {{ t.ffi }} = {{ t.inner[1] }}

    override fun read(buf: ByteBuffer): {{ t.name }} = {{ t.inner[2] }}

    override fun allocationSize(value: {{ t.name }}): Long = {{ t.inner[4] }}

    override fun write(value: {{ t.name }}, buf: ByteBuffer) {
        {{ t.inner[3] }}
    }
}
{%- else if t.kind == "alias" %}

/** For components that use `{{ t.name }}` as an external type. */
internal object {{ t.inner[0] }} : UniffiConverter<{{ t.name }}, {{ t.ffi }}> by {{ t.converter }}
{%- else if t.kind == "external" %}
{%- let theirs = t.inner[0] %}
{%- if t.ffi == "UniffiRustBuffer.ByValue" %}

/** `{{ t.name }}` comes from another component: its converter does the (de)serializing. */
internal object {{ t.converter }} : UniffiConverterRustBuffer<{{ t.name }}> {
    override fun read(buf: ByteBuffer): {{ t.name }} = {{ theirs }}.read(buf)

    override fun allocationSize(value: {{ t.name }}): Long = {{ theirs }}.allocationSize(value)

    override fun write(value: {{ t.name }}, buf: ByteBuffer) = {{ theirs }}.write(value, buf)
}
{%- else %}

/** `{{ t.name }}` comes from another component: its converter does the converting. */
internal object {{ t.converter }} : UniffiConverter<{{ t.name }}, {{ t.ffi }}> {
    override fun lift(value: {{ t.ffi }}): {{ t.name }} = {{ theirs }}.lift(value)

    override fun lower(value: {{ t.name }}): {{ t.ffi }} = {{ theirs }}.lower(value)

    override fun read(buf: ByteBuffer): {{ t.name }} = {{ theirs }}.read(buf)

    override fun allocationSize(value: {{ t.name }}): Long = {{ theirs }}.allocationSize(value)

    override fun write(value: {{ t.name }}, buf: ByteBuffer) = {{ theirs }}.write(value, buf)
}
{%- if let Some(handler) = t.inner.get(1) %}

/** Error objects cross in a RustBuffer holding their handle. */
internal object {{ handler }} : UniffiConverterRustBuffer<{{ t.name }}> {
    override fun read(buf: ByteBuffer): {{ t.name }} = {{ t.converter }}.read(buf)

    override fun allocationSize(value: {{ t.name }}): Long = 8L

    override fun write(value: {{ t.name }}, buf: ByteBuffer) = {{ t.converter }}.write(value, buf)
}
{%- endif %}
{%- endif %}
{%- else if t.kind == "external_custom" %}
{%- let theirs = t.inner[0] %}
{%- let builtin = t.inner[1] %}

/**
 * `{{ t.name }}` comes from another component: it crosses the FFI as its builtin type, which
 * that component's converter reads and writes.
 */
internal object {{ t.converter }} : UniffiConverter<{{ t.name }}, UniffiRustBuffer.ByValue> {
    override fun lift(value: UniffiRustBuffer.ByValue): {{ t.name }} {
        val builtin = {{ builtin }}.lift(value)
        val buf = ByteBuffer.allocate({{ builtin }}.allocationSize(builtin).toInt())
        {{ builtin }}.write(builtin, buf)
        buf.flip()
        return {{ theirs }}.read(buf)
    }

    override fun lower(value: {{ t.name }}): UniffiRustBuffer.ByValue {
        val buf = ByteBuffer.allocate({{ theirs }}.allocationSize(value).toInt())
        {{ theirs }}.write(value, buf)
        buf.flip()
        return {{ builtin }}.lower({{ builtin }}.read(buf))
    }

    override fun read(buf: ByteBuffer): {{ t.name }} = {{ theirs }}.read(buf)

    override fun allocationSize(value: {{ t.name }}): Long = {{ theirs }}.allocationSize(value)

    override fun write(value: {{ t.name }}, buf: ByteBuffer) = {{ theirs }}.write(value, buf)
}
{%- else if t.kind == "bytes" %}

internal object {{ t.converter }} : UniffiConverterRustBuffer<ByteArray> {
    override fun read(buf: ByteBuffer): ByteArray {
        val bytes = ByteArray(buf.getInt())
        buf.get(bytes)
        return bytes
    }

    override fun allocationSize(value: ByteArray): Long = 4L + value.size

    override fun write(value: ByteArray, buf: ByteBuffer) {
        buf.putInt(value.size)
        buf.put(value)
    }
}
{%- else if t.kind == "timestamp" %}

/** `SystemTime`: signed seconds from the epoch (the sign gives the direction) and nanoseconds. */
internal object {{ t.converter }} : UniffiConverterRustBuffer<java.time.Instant> {
    override fun read(buf: ByteBuffer): java.time.Instant {
        val seconds = buf.getLong()
        val nanos = buf.getInt().toLong() and 0xFFFFFFFFL
        val offset = java.time.Duration.ofSeconds(Math.absExact(seconds), nanos)
        return if (seconds >= 0) java.time.Instant.EPOCH.plus(offset) else java.time.Instant.EPOCH.minus(offset)
    }

    override fun allocationSize(value: java.time.Instant): Long = 12L

    override fun write(value: java.time.Instant, buf: ByteBuffer) {
        val offset = java.time.Duration.between(java.time.Instant.EPOCH, value)
        val magnitude = offset.abs()
        buf.putLong(if (offset.isNegative) -magnitude.seconds else magnitude.seconds)
        buf.putInt(magnitude.nano)
    }
}
{%- else if t.kind == "duration" %}

/** `Duration`: unsigned seconds and nanoseconds; negative durations cannot cross. */
internal object {{ t.converter }} : UniffiConverterRustBuffer<java.time.Duration> {
    override fun read(buf: ByteBuffer): java.time.Duration {
        val seconds = buf.getLong()
        val nanos = buf.getInt().toLong() and 0xFFFFFFFFL
        if (seconds < 0) {
            throw java.time.DateTimeException("Rust duration exceeds java.time.Duration")
        }
        return java.time.Duration.ofSeconds(seconds, nanos)
    }

    override fun allocationSize(value: java.time.Duration): Long = 12L

    override fun write(value: java.time.Duration, buf: ByteBuffer) {
        require(!value.isNegative) { "negative durations cannot be passed to Rust: $value" }
        buf.putLong(value.seconds)
        buf.putInt(value.nano)
    }
}
{%- endif %}
{%- endfor %}
