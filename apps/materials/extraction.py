"""What a file is (by its bytes, never its name) and its text, page by page."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import docx
import pypdf
from pypdf.errors import PdfReadError

from apps.materials.models import MaterialKind
from apps.voice import audio

SNIFF_BYTES = 8192
DOCX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a zip that unpacks past this is refused unread (a zip bomb)
DOCX_MAX_PARTS = 5000
READ_PIECE_BYTES = 64 * 1024


class UnreadableFile(Exception):
    """The file's text cannot be read; the message is for the learner."""


@dataclass(frozen=True)
class Page:
    number: int | None  # 1-based PDF page; None for formats without pages
    text: str


def sniff(head: bytes, data: Any = None) -> str | None:
    """The kind of a file from its first bytes (and, for a zip or a recording, the contents of ``data``,
    a seekable binary file); None when unsupported.

    Binary files that are not PDF or DOCX are recordings when ffmpeg (PyAV) finds an audio stream in them.

    Markdown and plain text are told apart by common Markdown marks (headings, lists, links);
    both must be UTF-8 without NUL bytes.
    """
    if head.startswith(b"%PDF-"):
        return MaterialKind.PDF
    if head.startswith(b"PK\x03\x04"):
        if data is None:
            return None
        try:
            data.seek(0)
            with zipfile.ZipFile(data) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            data.seek(0)
        return MaterialKind.DOCX if {"[Content_Types].xml", "word/document.xml"} <= names else None
    if b"\x00" in head:
        return _audio(data)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a character cut by the sample's end (the file goes on past it), not a byte UTF-8 never has
        cut_by_sample = len(head) == SNIFF_BYTES and exc.reason == "unexpected end of data"
        if not cut_by_sample:
            return _audio(data)
        text = head[: exc.start].decode("utf-8")
    lines = text.lstrip("\ufeff").splitlines()
    markdown = any(line.startswith(("# ", "## ", "### ", "- ", "* ", "> ", "```")) for line in lines)
    return MaterialKind.MARKDOWN if markdown or "](" in text else MaterialKind.TEXT


def _audio(data: Any) -> str | None:
    if data is None:
        return None
    try:
        audio.duration_seconds(data)
    except audio.AudioError:
        return None
    return MaterialKind.AUDIO


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF (for the plan's page limit); raises ``UnreadableFile``."""
    return len(_pdf(data).pages)


def _pdf(data: bytes) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableFile("The PDF is password-protected; upload a copy without a password.")
        return reader
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise UnreadableFile("The PDF is damaged and cannot be read.") from exc


def _bounded_archive(data: bytes) -> io.BytesIO:
    """The Word document rebuilt from its parts read in small pieces; raises ``UnreadableFile`` past the bounds.

    ``zipfile`` unpacks a whole part in one call when asked for all of it (a part declaring 5 kB can make
    400 MB before being cut to 5 kB), so every part is read piece by piece, never past what it declares,
    and stored unpacked in a new archive that python-docx reads: nothing unpacks further than counted.
    """
    limit = DOCX_MAX_UNPACKED_BYTES // (1024 * 1024)
    too_big = UnreadableFile(f"The Word document unpacks to more than {limit} MB or {DOCX_MAX_PARTS} parts; split it.")
    rebuilt = io.BytesIO()
    unpacked = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(rebuilt, "w") as copy:
            entries = archive.infolist()
            if len(entries) > DOCX_MAX_PARTS or sum(entry.file_size for entry in entries) > DOCX_MAX_UNPACKED_BYTES:
                raise too_big
            for entry in entries:
                with archive.open(entry) as part, copy.open(entry.filename, "w") as kept:
                    while piece := part.read(READ_PIECE_BYTES):
                        unpacked += len(piece)
                        if unpacked > DOCX_MAX_UNPACKED_BYTES:
                            raise too_big
                        kept.write(piece)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise UnreadableFile("The Word document is damaged and cannot be read.") from exc
    rebuilt.seek(0)
    return rebuilt


def extract(kind: str, data: bytes) -> list[Page]:
    """The file's text by page; raises ``UnreadableFile`` (damaged, encrypted, no text)."""
    if kind == MaterialKind.PDF:
        reader = _pdf(data)
        try:
            pages = [Page(number, page.extract_text() or "") for number, page in enumerate(reader.pages, start=1)]
        except Exception as exc:
            raise UnreadableFile("The PDF is damaged and cannot be read.") from exc
        if pages and not any(page.text.strip() for page in pages):
            raise UnreadableFile("The PDF has no text layer (scanned images?); upload a PDF with selectable text.")
    elif kind == MaterialKind.DOCX:
        archive = _bounded_archive(data)
        try:
            document = docx.Document(archive)
        except Exception as exc:
            raise UnreadableFile("The Word document is damaged and cannot be read.") from exc
        paragraphs = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            paragraphs.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
        pages = [Page(None, "\n\n".join(paragraphs))]
    else:
        try:
            pages = [Page(None, data.decode("utf-8-sig"))]
        except UnicodeDecodeError as exc:
            raise UnreadableFile("The file is not UTF-8 text.") from exc
    if not any(page.text.strip() for page in pages):
        raise UnreadableFile("The file holds no text.")
    return pages
