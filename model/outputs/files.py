"""Export files: the formats and their media types, the report as the bytes of one format, and
``write_export``, which writes them atomically (temporary file in the same folder, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from model.core.errors import ModelInputError
from model.outputs.report import Report
from model.outputs.scenario_file import to_scenario_toml
from model.outputs.to_csv import to_csv
from model.outputs.to_docx import to_docx
from model.outputs.to_json import to_json
from model.outputs.to_markdown import figures_folder, markdown_with_figures, to_markdown
from model.outputs.to_xlsx import to_xlsx

FORMATS = ("xlsx", "csv", "md", "docx", "json")  # the report formats
SCENARIO_FORMAT = "toml"  # the scenario in force alone, as a scenario file (round trip)
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
    "toml": "application/toml",
}

WRITERS: dict[str, Callable[[Report], bytes]] = {"xlsx": to_xlsx, "csv": to_csv, "md": to_markdown,
                                                  "docx": to_docx, "json": to_json, "toml": to_scenario_toml}


def export_format(path: str | Path) -> str:
    """The format a file name asks for (its suffix); ModelInputError for any other suffix."""
    return suffix_format(path, (*FORMATS, SCENARIO_FORMAT))


def suffix_format(path: str | Path, formats) -> str:
    """The format of ``path``'s suffix if it is one of ``formats``; else one ModelInputError line naming them."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in formats:
        raise ModelInputError(f"--out {path}: unknown file type {Path(path).suffix or '(no suffix)'!r}; "
                              f"expected one of {', '.join('.' + f for f in formats)}")
    return fmt


def export_bytes(report: Report, fmt: str) -> bytes:
    """The report in one format (``xlsx``, ``csv``, ``md``, ``docx``, ``json``; or ``toml``, the scenario
    file alone), as bytes."""
    key = str(fmt).lower().lstrip(".")
    if key not in WRITERS:
        raise ModelInputError(f"export format: expected one of {', '.join((*FORMATS, SCENARIO_FORMAT))}, "
                              f"got {fmt!r}")
    return WRITERS[key](report)


def check_writable(path: str | Path) -> Path:
    """The output path, checked before any work: known suffix, not ending in a separator, existing writable
    folder, not a folder; for Markdown, its figures' folder (``<stem>_files``) not a file. A path the system
    cannot take (too long, a NUL byte) is one line, not an OSError."""
    text = os.fspath(path)
    if isinstance(text, str) and (text.endswith(os.sep) or (os.altsep and text.endswith(os.altsep))):
        raise ModelInputError(f"--out {text[:80]}: ends with a separator; expected a file name such as results.xlsx")
    path = Path(path)
    export_format(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if path.is_dir():
            raise ModelInputError(f"--out {path}: is a folder; expected a file name such as results.xlsx")
        if not folder.is_dir():
            raise ModelInputError(f"--out {path}: folder {folder} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ModelInputError(f"--out {path}: folder {folder} is not writable")
        side = path.parent / figures_folder(path.stem)
        if export_format(path) == "md" and side.exists() and not side.is_dir():
            raise ModelInputError(f"--out {path}: {side} is a file; the figures go in a folder of that name")
    except (OSError, ValueError) as exc:  # too long a name or path, a NUL byte
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ModelInputError(f"--out {str(path)[:80]}…: cannot be used: {reason}; expected a valid file path") from None
    return path


def _umask() -> int:
    """The process umask (read without changing it where /proc allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def write_export(report: Report, path: str | Path) -> Path:
    """Write the report to ``path`` in the format its suffix names, atomically (``write_bytes_atomic``).
    Markdown's figures go first, each atomically, as PNG files in ``<stem>_files/`` beside it
    (``write_markdown``)."""
    path = check_writable(path)
    if export_format(path) == "md":
        return write_markdown(report, path)
    return write_bytes_atomic(export_bytes(report, export_format(path)), path)


def write_markdown(report: Report, path: Path) -> Path:
    """The appendix as ``path`` (.md) and its figures as ``<stem>_files/figure-N.png``: the figures first, the
    Markdown last, so a Markdown file on disk always finds its figures; figure files of an earlier, longer
    export to the same name are removed (the folder too when that leaves it empty)."""
    text, figures = markdown_with_figures(export_bytes(report, "md"), path.stem)
    folder = path.parent / figures_folder(path.stem)
    try:
        if figures:
            folder.mkdir(exist_ok=True)
        for rel, png in figures.items():
            write_bytes_atomic(png, path.parent / rel)
        if folder.is_dir():
            kept = {Path(rel).name for rel in figures}
            for old in folder.glob("figure-*.png"):
                if old.name not in kept:
                    old.unlink()
            if not figures and not any(folder.iterdir()):
                folder.rmdir()
    except OSError as exc:
        raise ModelInputError(f"--out {path}: cannot write {folder}: {exc.strerror or exc}") from None
    return write_bytes_atomic(text, path)


def write_bytes_atomic(data: bytes, path: Path) -> Path:
    """Write ``data`` to ``path`` atomically: the bytes go to a temporary file in the same folder, renamed over
    ``path`` only when complete, so a failed write leaves any earlier file intact. Returns the path."""
    tmp = None
    try:
        # a short temporary name: a legal 250-character file name plus a prefix and suffix would pass the limit
        fd, tmp = tempfile.mkstemp(prefix=".sescdp-", suffix=".tmp", dir=path.parent)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a finished export gets the usual mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ModelInputError(f"--out {path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return path
