"""Read a file into raw text, by extension; every failure is one clear IngestError.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "brief.txt"
>>> _ = p.write_bytes("Den Haag, 3 november 2025".encode("utf-16"))
>>> read_raw(p).text
'Den Haag, 3 november 2025'
"""

from __future__ import annotations

import codecs
import errno
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from kg.errors import IngestError

#: Default largest file ingested (bytes); raise it with ``max_bytes``.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".text")
PDF_EXTENSIONS = (".pdf",)
HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".xml")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + PDF_EXTENSIONS + HTML_EXTENSIONS

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class IngestWarning(UserWarning):
    """Something was read, but not cleanly (e.g. a legacy encoding was guessed)."""


@dataclass(frozen=True)
class RawText:
    """Text as the reader produced it, before normalisation."""

    text: str
    data: bytes
    format: str  # "text", "pdf", "html"


#: Control characters no text file holds: C0 but tab, line ends and form feed; DEL and C1.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def decode_text(data: bytes, path: object = "<bytes>") -> str:
    """Decode bytes of a text file: BOM, UTF-8, then cp1252/latin-1 with a warning.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     text = decode_text("Oekraïne".encode("cp1252"), "x.txt")
    >>> text, str(caught[0].message)
    ('Oekraïne', 'x.txt: not valid UTF-8; read as cp1252')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    path, f"invalid {encoding} text after its byte-order mark ({exc.reason})"
                ) from None
    if b"\x00" in data[:8192]:
        raise IngestError(path, "binary data, not a text file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        warnings.warn(f"{path}: not valid UTF-8; read as {encoding}", IngestWarning, stacklevel=2)
    if _control_ratio(text) > 0.05:
        raise IngestError(path, "binary data, not a text file (too many control characters)")
    return text


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or an IngestError naming the problem."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise IngestError(path, "a broken symbolic link (its target does not exist)") from None
        raise IngestError(path, "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(
                path, "a symbolic link loop (the link points back to itself)"
            ) from None
        raise IngestError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO would block until a writer comes; a device never ends.
        raise IngestError(path, "not a regular file (a pipe, socket or device)")
    size = info.st_size
    if size > max_bytes:
        raise IngestError(
            path,
            f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit "
            "(raise it with max_bytes / --max-mb)",
        )
    try:
        return path.read_bytes()
    except PermissionError:
        raise IngestError(path, "permission denied; cannot read the file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read the file ({exc.strerror or exc})") from None


def too_long(n: int, limit: int) -> str:
    """The problem of a text over the length limit, in the words every caller uses.

    >>> too_long(2_015_653, 1_000_000)
    'text is 2,015,653 characters, over the 1,000,000 limit (raise it with max_chars / --max-chars)'
    """
    return f"text is {n:,} characters, over the {limit:,} limit (raise it with max_chars / --max-chars)"


def read_raw(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read ``path`` into raw text by its extension (.txt .md .pdf .html .xml)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        shown = ext or "no extension"
        raise IngestError(
            path,
            f"unsupported file type ({shown}); kg reads {', '.join(SUPPORTED_EXTENSIONS)}",
        )
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise IngestError(
            path, "the file is empty" if not data else "the file holds only whitespace"
        )
    if ext in PDF_EXTENSIONS:
        from kg.ingest.pdf import pdf_text

        return RawText(pdf_text(data, path), data, "pdf")
    text = decode_text(data, path)
    if ext in HTML_EXTENSIONS:
        from kg.ingest.html import html_text

        return RawText(html_text(text, path), data, "html")
    return RawText(text, data, "text")
