{#- Converters for builtin and collection types; one class per type used by the module. #}
# ---- type converters --------------------------------------------------------------
{% for t in converters %}
{%- if t.kind == "int" %}

class {{ t.converter }}:
    _fmt = _uniffi_struct.Struct("{{ t.fmt }}")

    @_uniffi_staticmethod
    def lower(value: _uniffi_int) -> _uniffi_int:
        """Checks the value (ctypes would silently truncate it) and passes it on."""
        if _uniffi_isinstance(value, _uniffi_int) and {{ t.min }} <= value <= {{ t.max }}:
            return value
        return _uniffi_check_int(value, {{ t.min }}, {{ t.max }}, "{{ t.canonical }}")

    @_uniffi_staticmethod
    def lift(value: _uniffi_int) -> _uniffi_int:
        return value

    @_uniffi_staticmethod
    def write(value: _uniffi_int, out: _uniffi_bytearray) -> None:
        out += {{ t.converter }}._fmt.pack({{ t.converter }}.lower(value))

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_int:
        return _uniffi_typing.cast(_uniffi_int, buf.unpack({{ t.converter }}._fmt))
{%- else if t.kind == "float" %}

class {{ t.converter }}:
    _fmt = _uniffi_struct.Struct("{{ t.fmt }}")

    @_uniffi_staticmethod
    def lower(value: _uniffi_float) -> _uniffi_float:
        return value

    @_uniffi_staticmethod
    def lift(value: _uniffi_float) -> _uniffi_float:
        return value

    @_uniffi_staticmethod
    def write(value: _uniffi_float, out: _uniffi_bytearray) -> None:
        out += {{ t.converter }}._fmt.pack(value)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_float:
        return _uniffi_typing.cast(_uniffi_float, buf.unpack({{ t.converter }}._fmt))
{%- else if t.kind == "bool" %}

class {{ t.converter }}:
    @_uniffi_staticmethod
    def lower(value: _uniffi_bool) -> _uniffi_int:
        return 1 if value else 0

    @_uniffi_staticmethod
    def lift(value: _uniffi_int) -> _uniffi_bool:
        return value != 0

    @_uniffi_staticmethod
    def write(value: _uniffi_bool, out: _uniffi_bytearray) -> None:
        out.append(1 if value else 0)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_bool:
        return buf.take(1) != b"\x00"
{%- else if t.kind == "string" %}

class {{ t.converter }}:
    @_uniffi_staticmethod
    def lower(value: _uniffi_str) -> _UniffiRustBuffer:
        if not _uniffi_isinstance(value, _uniffi_str):
            raise _uniffi_TypeError(f"expected str, got {_uniffi_type(value).__name__}")
        return _uniffi_buffer_from_bytes(value.encode("utf-8"))

    @_uniffi_staticmethod
    def lift(buf: _UniffiRustBuffer) -> _uniffi_str:
        return _uniffi_buffer_take(buf).decode("utf-8")

    @_uniffi_staticmethod
    def write(value: _uniffi_str, out: _uniffi_bytearray) -> None:
        data = value.encode("utf-8")
        out += _UNIFFI_I32.pack(_uniffi_len(data))
        out += data

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_str:
        size = buf.unpack(_UNIFFI_I32)
        return buf.take(size).decode("utf-8")
{%- else if t.kind == "optional" %}
{%- let inner = t.inner[0] %}

class {{ t.converter }}(_UniffiBufferConverter):
    @_uniffi_staticmethod
    def write(value: _uniffi_typing.Any, out: _uniffi_bytearray) -> None:
        if value is None:
            out.append(0)
        else:
            out.append(1)
            {{ inner }}.write(value, out)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_typing.Any:
        return None if buf.take(1) == b"\x00" else {{ inner }}.read(buf)
{%- else if t.kind == "sequence" || t.kind == "set" %}
{%- let inner = t.inner[0] %}

class {{ t.converter }}(_UniffiBufferConverter):
    @_uniffi_staticmethod
    def write(value: _uniffi_typing.Any, out: _uniffi_bytearray) -> None:
        out += _UNIFFI_I32.pack(_uniffi_len(value))
        for item in value:
            {{ inner }}.write(item, out)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_typing.Any:
{%- if t.kind == "set" %}
        return { {{- inner }}.read(buf) for _ in _uniffi_range(buf.unpack(_UNIFFI_I32))}
{%- else %}
        return [{{ inner }}.read(buf) for _ in _uniffi_range(buf.unpack(_UNIFFI_I32))]
{%- endif %}
{%- else if t.kind == "map" %}

class {{ t.converter }}(_UniffiBufferConverter):
    @_uniffi_staticmethod
    def write(value: _uniffi_typing.Any, out: _uniffi_bytearray) -> None:
        out += _UNIFFI_I32.pack(_uniffi_len(value))
        for key, item in value.items():
            {{ t.inner[0] }}.write(key, out)
            {{ t.inner[1] }}.write(item, out)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_typing.Any:
        count = buf.unpack(_UNIFFI_I32)
        result = {}
        for _ in _uniffi_range(count):
            key = {{ t.inner[0] }}.read(buf)
            result[key] = {{ t.inner[1] }}.read(buf)
        return result
{%- else if t.kind == "bytes" %}

class {{ t.converter }}(_UniffiBufferConverter):
    @_uniffi_staticmethod
    def write(value: _uniffi_bytes, out: _uniffi_bytearray) -> None:
        if not _uniffi_isinstance(value, (_uniffi_bytes, _uniffi_bytearray, _uniffi_memoryview)):
            raise _uniffi_TypeError(f"expected bytes, got {_uniffi_type(value).__name__}")
        data = _uniffi_bytes(value)
        out += _UNIFFI_I32.pack(_uniffi_len(data))
        out += data

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_bytes:
        size = buf.unpack(_UNIFFI_I32)
        if size < 0:
            raise InternalError("negative byte string length from Rust")
        return buf.take(size)
{%- else if t.kind == "timestamp" %}

class {{ t.converter }}(_UniffiBufferConverter):
    """`SystemTime` <-> aware `datetime.datetime` (UTC). Wire: i64 seconds since the epoch,
    negated for instants before it, then u32 nanoseconds of the distance to the epoch.
    Python keeps microseconds: nanoseconds from Rust are truncated."""

    _epoch = _uniffi_datetime.datetime(1970, 1, 1, tzinfo=_uniffi_datetime.timezone(_uniffi_datetime.timedelta(0)))
    _fmt = _uniffi_struct.Struct(">qI")

    @_uniffi_staticmethod
    def write(value: _uniffi_datetime.datetime, out: _uniffi_bytearray) -> None:
        if not _uniffi_isinstance(value, _uniffi_datetime.datetime):
            raise _uniffi_TypeError(f"expected datetime.datetime, got {_uniffi_type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise _uniffi_TypeError("naive datetime: pass a timezone-aware datetime (e.g. tzinfo=datetime.timezone.utc)")
        micros = (value - {{ t.converter }}._epoch) // _uniffi_datetime.timedelta(microseconds=1)
        seconds, rest = _uniffi_divmod(_uniffi_abs(micros), 1_000_000)
        out += {{ t.converter }}._fmt.pack(-seconds if micros < 0 else seconds, rest * 1000)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_datetime.datetime:
        seconds, nanos = buf.unpack_all({{ t.converter }}._fmt)
        distance = _uniffi_datetime.timedelta(seconds=_uniffi_abs(seconds), microseconds=nanos // 1000)
        epoch = {{ t.converter }}._epoch
        return epoch - distance if seconds < 0 else epoch + distance
{%- else if t.kind == "duration" %}

class {{ t.converter }}(_UniffiBufferConverter):
    """`Duration` <-> `datetime.timedelta` (non-negative). Wire: u64 seconds, u32 nanoseconds.
    Python keeps microseconds: nanoseconds from Rust are truncated."""

    _fmt = _uniffi_struct.Struct(">QI")

    @_uniffi_staticmethod
    def write(value: _uniffi_datetime.timedelta, out: _uniffi_bytearray) -> None:
        if not _uniffi_isinstance(value, _uniffi_datetime.timedelta):
            raise _uniffi_TypeError(f"expected datetime.timedelta, got {_uniffi_type(value).__name__}")
        micros = value // _uniffi_datetime.timedelta(microseconds=1)
        if micros < 0:
            raise _uniffi_ValueError(f"{value!r} is negative; Rust durations cannot be")
        seconds, rest = _uniffi_divmod(micros, 1_000_000)
        out += {{ t.converter }}._fmt.pack(seconds, rest * 1000)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_datetime.timedelta:
        seconds, nanos = buf.unpack_all({{ t.converter }}._fmt)
        return _uniffi_datetime.timedelta(seconds=seconds, microseconds=nanos // 1000)
{%- else if t.kind == "custom" %}
{%- let inner = t.inner[0] %}

class {{ t.converter }}:
    """The custom type `{{ t.hint }}`, carried as its builtin type."""

    @_uniffi_staticmethod
    def lower(value: _uniffi_typing.Any) -> _uniffi_typing.Any:
        return {{ inner }}.lower({{ t.from_custom }})

    @_uniffi_staticmethod
    def lift(raw: _uniffi_typing.Any) -> _uniffi_typing.Any:
        builtin = {{ inner }}.lift(raw)
        return {{ t.into_custom }}

    @_uniffi_staticmethod
    def write(value: _uniffi_typing.Any, out: _uniffi_bytearray) -> None:
        {{ inner }}.write({{ t.from_custom }}, out)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_typing.Any:
        builtin = {{ inner }}.read(buf)
        return {{ t.into_custom }}
{%- else if t.kind == "external_buffer" %}
{%- let theirs = t.inner[0] %}
{#- The other module has its own reader class: read with one over the same bytes. #}

class {{ t.converter }}(_UniffiBufferConverter):
    """`{{ t.hint }}`, defined by another component: its converter on this module's buffers."""

    @_uniffi_staticmethod
    def write(value: _uniffi_typing.Any, out: _uniffi_bytearray) -> None:
        {{ theirs }}.write(value, out)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_typing.Any:
        reader = {{ t.inner[1] }}(buf.data)
        reader.pos = buf.pos
        value = {{ theirs }}.read(reader)
        buf.pos = reader.pos
        return value
{%- else if t.kind == "external_string" %}
{%- let theirs = t.inner[0] %}
{#- A string crosses bare; the other module's converter reads and writes it framed. #}

class {{ t.converter }}(_UniffiBufferConverter):
    """`{{ t.hint }}`, defined by another component: a string on the wire, converted there."""

    @_uniffi_classmethod
    def lower(cls, value: _uniffi_typing.Any) -> _UniffiRustBuffer:
        out = _uniffi_bytearray()
        {{ theirs }}.write(value, out)
        return _uniffi_buffer_from_bytes(_uniffi_bytes(out[4:]))

    @_uniffi_classmethod
    def lift(cls, buf: _UniffiRustBuffer) -> _uniffi_typing.Any:
        data = _uniffi_buffer_take(buf)
        return {{ theirs }}.read({{ t.inner[1] }}(_UNIFFI_I32.pack(_uniffi_len(data)) + data))

    @_uniffi_staticmethod
    def write(value: _uniffi_typing.Any, out: _uniffi_bytearray) -> None:
        {{ theirs }}.write(value, out)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_typing.Any:
        reader = {{ t.inner[1] }}(buf.data)
        reader.pos = buf.pos
        value = {{ theirs }}.read(reader)
        buf.pos = reader.pos
        return value
{%- else if t.kind == "external" %}
{%- let theirs = t.inner[0] %}

class {{ t.converter }}:
    """`{{ t.hint }}`, defined and converted by another component."""

    @_uniffi_staticmethod
    def lower(value: _uniffi_typing.Any) -> _uniffi_typing.Any:
        return {{ theirs }}.lower(value)

    @_uniffi_staticmethod
    def lift(raw: _uniffi_typing.Any) -> _uniffi_typing.Any:
        return {{ theirs }}.lift(raw)

    @_uniffi_staticmethod
    def write(value: _uniffi_typing.Any, out: _uniffi_bytearray) -> None:
        {{ theirs }}.write(value, out)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> _uniffi_typing.Any:
        reader = {{ t.inner[1] }}(buf.data)
        reader.pos = buf.pos
        value = {{ theirs }}.read(reader)
        buf.pos = reader.pos
        return value
{%- endif %}
{%- endfor %}
