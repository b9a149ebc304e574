{#- Converters for builtin and collection types; one class per type used by the module. #}
# ---- type converters --------------------------------------------------------------
{% for t in converters %}
{%- if t.kind == "int" %}

class {{ t.converter }}:
    _fmt = struct.Struct("{{ t.fmt }}")

    @staticmethod
    def lower(value: int) -> int:
        """Checks the value (ctypes would silently truncate it) and passes it on."""
        if isinstance(value, int) and {{ t.min }} <= value <= {{ t.max }}:
            return value
        return _uniffi_check_int(value, {{ t.min }}, {{ t.max }}, "{{ t.canonical }}")

    @staticmethod
    def lift(value: int) -> int:
        return value

    @staticmethod
    def write(value: int, out: bytearray) -> None:
        out += {{ t.converter }}._fmt.pack({{ t.converter }}.lower(value))

    @staticmethod
    def read(buf: _UniffiReader) -> int:
        return typing.cast(int, buf.unpack({{ t.converter }}._fmt))
{%- else if t.kind == "float" %}

class {{ t.converter }}:
    _fmt = struct.Struct("{{ t.fmt }}")

    @staticmethod
    def lower(value: float) -> float:
        return value

    @staticmethod
    def lift(value: float) -> float:
        return value

    @staticmethod
    def write(value: float, out: bytearray) -> None:
        out += {{ t.converter }}._fmt.pack(value)

    @staticmethod
    def read(buf: _UniffiReader) -> float:
        return typing.cast(float, buf.unpack({{ t.converter }}._fmt))
{%- else if t.kind == "bool" %}

class {{ t.converter }}:
    @staticmethod
    def lower(value: bool) -> int:
        return 1 if value else 0

    @staticmethod
    def lift(value: int) -> bool:
        return value != 0

    @staticmethod
    def write(value: bool, out: bytearray) -> None:
        out.append(1 if value else 0)

    @staticmethod
    def read(buf: _UniffiReader) -> bool:
        return buf.take(1) != b"\x00"
{%- else if t.kind == "string" %}

class {{ t.converter }}:
    @staticmethod
    def lower(value: str) -> _UniffiRustBuffer:
        if not isinstance(value, str):
            raise TypeError(f"expected str, got {type(value).__name__}")
        return _uniffi_buffer_from_bytes(value.encode("utf-8"))

    @staticmethod
    def lift(buf: _UniffiRustBuffer) -> str:
        return _uniffi_buffer_take(buf).decode("utf-8")

    @staticmethod
    def write(value: str, out: bytearray) -> None:
        data = value.encode("utf-8")
        out += _UNIFFI_I32.pack(len(data))
        out += data

    @staticmethod
    def read(buf: _UniffiReader) -> str:
        size = buf.unpack(_UNIFFI_I32)
        return buf.take(size).decode("utf-8")
{%- else if t.kind == "optional" %}
{%- let inner = t.inner[0] %}

class {{ t.converter }}(_UniffiBufferConverter):
    @staticmethod
    def write(value: typing.Any, out: bytearray) -> None:
        if value is None:
            out.append(0)
        else:
            out.append(1)
            {{ inner }}.write(value, out)

    @staticmethod
    def read(buf: _UniffiReader) -> typing.Any:
        return None if buf.take(1) == b"\x00" else {{ inner }}.read(buf)
{%- else if t.kind == "sequence" || t.kind == "set" %}
{%- let inner = t.inner[0] %}

class {{ t.converter }}(_UniffiBufferConverter):
    @staticmethod
    def write(value: typing.Any, out: bytearray) -> None:
        out += _UNIFFI_I32.pack(len(value))
        for item in value:
            {{ inner }}.write(item, out)

    @staticmethod
    def read(buf: _UniffiReader) -> typing.Any:
{%- if t.kind == "set" %}
        return { {{- inner }}.read(buf) for _ in range(buf.unpack(_UNIFFI_I32))}
{%- else %}
        return [{{ inner }}.read(buf) for _ in range(buf.unpack(_UNIFFI_I32))]
{%- endif %}
{%- else if t.kind == "map" %}

class {{ t.converter }}(_UniffiBufferConverter):
    @staticmethod
    def write(value: typing.Any, out: bytearray) -> None:
        out += _UNIFFI_I32.pack(len(value))
        for key, item in value.items():
            {{ t.inner[0] }}.write(key, out)
            {{ t.inner[1] }}.write(item, out)

    @staticmethod
    def read(buf: _UniffiReader) -> typing.Any:
        count = buf.unpack(_UNIFFI_I32)
        result = {}
        for _ in range(count):
            key = {{ t.inner[0] }}.read(buf)
            result[key] = {{ t.inner[1] }}.read(buf)
        return result
{%- else if t.kind == "bytes" %}

class {{ t.converter }}(_UniffiBufferConverter):
    @staticmethod
    def write(value: bytes, out: bytearray) -> None:
        if not isinstance(value, (bytes, bytearray, memoryview)):
            raise TypeError(f"expected bytes, got {type(value).__name__}")
        data = bytes(value)
        out += _UNIFFI_I32.pack(len(data))
        out += data

    @staticmethod
    def read(buf: _UniffiReader) -> bytes:
        size = buf.unpack(_UNIFFI_I32)
        if size < 0:
            raise InternalError("negative byte string length from Rust")
        return buf.take(size)
{%- else if t.kind == "timestamp" %}

class {{ t.converter }}(_UniffiBufferConverter):
    """`SystemTime` <-> aware `datetime.datetime` (UTC). Wire: i64 seconds since the epoch,
    negated for instants before it, then u32 nanoseconds of the distance to the epoch.
    Python keeps microseconds: nanoseconds from Rust are truncated."""

    _epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(0)))
    _fmt = struct.Struct(">qI")

    @staticmethod
    def write(value: datetime.datetime, out: bytearray) -> None:
        if not isinstance(value, datetime.datetime):
            raise TypeError(f"expected datetime.datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError("naive datetime: pass a timezone-aware datetime (e.g. tzinfo=datetime.timezone.utc)")
        micros = (value - {{ t.converter }}._epoch) // datetime.timedelta(microseconds=1)
        seconds, rest = divmod(abs(micros), 1_000_000)
        out += {{ t.converter }}._fmt.pack(-seconds if micros < 0 else seconds, rest * 1000)

    @staticmethod
    def read(buf: _UniffiReader) -> datetime.datetime:
        seconds, nanos = buf.unpack_all({{ t.converter }}._fmt)
        distance = datetime.timedelta(seconds=abs(seconds), microseconds=nanos // 1000)
        epoch = {{ t.converter }}._epoch
        return epoch - distance if seconds < 0 else epoch + distance
{%- else if t.kind == "duration" %}

class {{ t.converter }}(_UniffiBufferConverter):
    """`Duration` <-> `datetime.timedelta` (non-negative). Wire: u64 seconds, u32 nanoseconds.
    Python keeps microseconds: nanoseconds from Rust are truncated."""

    _fmt = struct.Struct(">QI")

    @staticmethod
    def write(value: datetime.timedelta, out: bytearray) -> None:
        if not isinstance(value, datetime.timedelta):
            raise TypeError(f"expected datetime.timedelta, got {type(value).__name__}")
        micros = value // datetime.timedelta(microseconds=1)
        if micros < 0:
            raise ValueError(f"{value!r} is negative; Rust durations cannot be")
        seconds, rest = divmod(micros, 1_000_000)
        out += {{ t.converter }}._fmt.pack(seconds, rest * 1000)

    @staticmethod
    def read(buf: _UniffiReader) -> datetime.timedelta:
        seconds, nanos = buf.unpack_all({{ t.converter }}._fmt)
        return datetime.timedelta(seconds=seconds, microseconds=nanos // 1000)
{%- else if t.kind == "custom" %}
{%- let inner = t.inner[0] %}

class {{ t.converter }}:
    """The custom type `{{ t.hint }}`, carried as its builtin type."""

    @staticmethod
    def lower(value: typing.Any) -> typing.Any:
        return {{ inner }}.lower({{ t.from_custom }})

    @staticmethod
    def lift(raw: typing.Any) -> typing.Any:
        builtin = {{ inner }}.lift(raw)
        return {{ t.into_custom }}

    @staticmethod
    def write(value: typing.Any, out: bytearray) -> None:
        {{ inner }}.write({{ t.from_custom }}, out)

    @staticmethod
    def read(buf: _UniffiReader) -> typing.Any:
        builtin = {{ inner }}.read(buf)
        return {{ t.into_custom }}
{%- else if t.kind == "external_buffer" %}
{%- let theirs = t.inner[0] %}
{#- The other module has its own reader class: read with one over the same bytes. #}

class {{ t.converter }}(_UniffiBufferConverter):
    """`{{ t.hint }}`, defined by another component: its converter on this module's buffers."""

    @staticmethod
    def write(value: typing.Any, out: bytearray) -> None:
        {{ theirs }}.write(value, out)

    @staticmethod
    def read(buf: _UniffiReader) -> typing.Any:
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

    @classmethod
    def lower(cls, value: typing.Any) -> _UniffiRustBuffer:
        out = bytearray()
        {{ theirs }}.write(value, out)
        return _uniffi_buffer_from_bytes(bytes(out[4:]))

    @classmethod
    def lift(cls, buf: _UniffiRustBuffer) -> typing.Any:
        data = _uniffi_buffer_take(buf)
        return {{ theirs }}.read({{ t.inner[1] }}(_UNIFFI_I32.pack(len(data)) + data))

    @staticmethod
    def write(value: typing.Any, out: bytearray) -> None:
        {{ theirs }}.write(value, out)

    @staticmethod
    def read(buf: _UniffiReader) -> typing.Any:
        reader = {{ t.inner[1] }}(buf.data)
        reader.pos = buf.pos
        value = {{ theirs }}.read(reader)
        buf.pos = reader.pos
        return value
{%- else if t.kind == "external" %}
{%- let theirs = t.inner[0] %}

class {{ t.converter }}:
    """`{{ t.hint }}`, defined and converted by another component."""

    @staticmethod
    def lower(value: typing.Any) -> typing.Any:
        return {{ theirs }}.lower(value)

    @staticmethod
    def lift(raw: typing.Any) -> typing.Any:
        return {{ theirs }}.lift(raw)

    @staticmethod
    def write(value: typing.Any, out: bytearray) -> None:
        {{ theirs }}.write(value, out)

    @staticmethod
    def read(buf: _UniffiReader) -> typing.Any:
        reader = {{ t.inner[1] }}(buf.data)
        reader.pos = buf.pos
        value = {{ theirs }}.read(reader)
        buf.pos = reader.pos
        return value
{%- endif %}
{%- endfor %}
