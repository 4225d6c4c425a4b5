"""What a file is (by its bytes, never its name) and its text, page by page."""

from __future__ import annotations

import io
import zipfile
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


def _refuse_oversized_archive(data: bytes) -> None:
    """Raises ``UnreadableFile`` when the Word document's parts would unpack past the bounds.

    The sizes are the archive's own: ``zipfile`` never unpacks more than an entry declares, so a lie
    cannot get past them, and nothing is unpacked to check.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile("The Word document is damaged and cannot be read.") from exc
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > DOCX_MAX_PARTS or unpacked > DOCX_MAX_UNPACKED_BYTES:
        limit = DOCX_MAX_UNPACKED_BYTES // (1024 * 1024)
        raise UnreadableFile(f"The Word document unpacks to more than {limit} MB or {DOCX_MAX_PARTS} parts; split it.")


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
        _refuse_oversized_archive(data)
        try:
            document = docx.Document(io.BytesIO(data))
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
