{#- Converters for builtin and collection types; one class per type used by the module. #}
# ---- type converters --------------------------------------------------------------
{% for t in converters %}
{%- if t.kind == "int" %}

class {{ t.converter }}:
    _fmt = struct.Struct("{{ t.fmt }}")

    @staticmethod
    def check(value: int) -> None:
        if not isinstance(value, int):
            raise TypeError(f"expected int, got {type(value).__name__}")
        if not {{ t.min }} <= value <= {{ t.max }}:
            raise ValueError(f"{value} is out of range for {{ t.canonical }}")

    @staticmethod
    def lower(value: int) -> int:
        {{ t.converter }}.check(value)
        return value

    @staticmethod
    def lift(value: int) -> int:
        return value

    @staticmethod
    def write(value: int, out: bytearray) -> None:
        {{ t.converter }}.check(value)
        out += {{ t.converter }}._fmt.pack(value)

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
{%- else if t.kind == "sequence" %}
{%- let inner = t.inner[0] %}

class {{ t.converter }}(_UniffiBufferConverter):
    @staticmethod
    def write(value: typing.Any, out: bytearray) -> None:
        out += _UNIFFI_I32.pack(len(value))
        for item in value:
            {{ inner }}.write(item, out)

    @staticmethod
    def read(buf: _UniffiReader) -> typing.Any:
        return [{{ inner }}.read(buf) for _ in range(buf.unpack(_UNIFFI_I32))]
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
{%- endif %}
{%- endfor %}
