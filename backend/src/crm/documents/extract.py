"""Text of PDFs, Word (DOCX) and text files, so documents are found by what they say."""

from __future__ import annotations

import html
import logging
import re
import zipfile
from typing import BinaryIO

from crm.documents.files import OOXML

log = logging.getLogger("crm.documents")
MAX_CHARS = 200_000
MAX_PDF_PAGES = 500
_XML_BUDGET = 40 * 1024 * 1024  # uncompressed bytes read from a DOCX: zip bombs stop here
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH = re.compile(r"</w:p>|<w:br/>|<w:tab/>")
_BLANKS = re.compile(r"[ \t\r\f\v]+")


def extract_text(source: BinaryIO, content_type: str) -> str:
    """Best effort: a damaged or encrypted file gives no text rather than an error."""
    source.seek(0)
    try:
        if content_type == "application/pdf":
            text = _pdf(source)
        elif content_type == OOXML["docx"][0]:
            text = _docx(source)
        elif content_type.startswith("text/") or content_type in ("application/json", "message/rfc822"):
            text = _decode(source.read(MAX_CHARS * 4))
        else:
            text = ""
    except Exception:  # third-party parsers raise anything on hostile input
        log.info("no text extracted from a %s upload", content_type, exc_info=True)
        text = ""
    finally:
        source.seek(0)
    return _BLANKS.sub(" ", text).strip()[:MAX_CHARS]


def _pdf(source: BinaryIO) -> str:
    from pypdf import PdfReader

    reader = PdfReader(source)
    if reader.is_encrypted:
        return ""
    out: list[str] = []
    size = 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        chunk = page.extract_text() or ""
        out.append(chunk)
        size += len(chunk)
        if size > MAX_CHARS:
            break
    return "\n".join(out)


def _docx(source: BinaryIO) -> str:
    with zipfile.ZipFile(source) as z:
        info = z.getinfo("word/document.xml")
        if info.file_size > _XML_BUDGET:
            return ""
        xml = z.read(info).decode("utf-8", "replace")
    return html.unescape(_TAG.sub("", _PARAGRAPH.sub("\n", xml)))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4:  # only the read limit cut a character in two
            return data[: exc.start].decode("utf-8")
    try:
        return data.decode("cp949")  # Korean files saved by older Windows tools
    except UnicodeDecodeError:
        return data.decode("latin-1")
