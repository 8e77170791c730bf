"""Reading a TOML input (an assumption or scenario file, an upload): size, UTF-8, syntax and nesting checked,
every problem one ModelInputError naming the file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from model.core.errors import ModelInputError

MAX_FILE_BYTES = 1_000_000  # a scenario or assumption file larger than this is not one
MAX_DEPTH = 8                # nesting of tables and arrays in a scenario or assumption file


def read_toml(path: Path) -> dict:
    """A TOML file read as bytes (at most ``MAX_FILE_BYTES``), decoded strictly as UTF-8, parsed with a
    bounded nesting depth; any problem is one ModelInputError naming the file."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ModelInputError(f"{path}: cannot read file: {exc.strerror}") from None
    return parse_toml_bytes(data, str(path))


def parse_toml_bytes(data: bytes | str, origin: str) -> dict:
    """TOML from bytes or text: size, UTF-8, syntax (duplicate keys rejected) and nesting checked."""
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise ModelInputError(f"{origin}: larger than {MAX_FILE_BYTES:,} bytes; expected a scenario or "
                              "assumption file (TOML text)")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark some editors write
    except UnicodeDecodeError as exc:
        raise ModelInputError(f"{origin}: not UTF-8 text (byte {exc.start}); expected a TOML file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelInputError(f"{origin}: not valid TOML (duplicate keys are rejected too): {exc}") from None
    except RecursionError:
        raise ModelInputError(f"{origin}: nested deeper than {MAX_DEPTH} levels; expected a scenario or "
                              "assumption file") from None
    if _depth(data) > MAX_DEPTH:
        raise ModelInputError(f"{origin}: nested deeper than {MAX_DEPTH} levels; expected a scenario or "
                              "assumption file")
    return data


def _depth(value, level: int = 0) -> int:
    """Nesting depth of parsed TOML, stopping once past ``MAX_DEPTH``."""
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max([_depth(v, level + 1) for v in value.values()] or [level])
    if isinstance(value, list):
        return max([_depth(v, level + 1) for v in value] or [level])
    return level
