"""What an uploaded file really is, what it may be called, and how it may be served.

The type comes from the bytes (libmagic), never from the name or the client's Content-Type; a name
whose extension promises another type than the content is refused, as are executables.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import quote

import magic

from crm.core.errors import Invalid

OOXML = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}

# Extension -> the types its content may be detected as (the first is the canonical one).
BY_EXTENSION: dict[str, tuple[str, ...]] = {
    "pdf": ("application/pdf",),
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "gif": ("image/gif",),
    "webp": ("image/webp",),
    "tif": ("image/tiff",),
    "tiff": ("image/tiff",),
    "heic": ("image/heic",),
    "txt": ("text/plain",),
    "md": ("text/plain",),
    "log": ("text/plain",),
    "csv": ("text/csv", "text/plain"),
    "tsv": ("text/tab-separated-values", "text/plain"),
    "json": ("application/json", "text/plain"),
    "xml": ("application/xml", "text/xml", "text/plain"),
    "html": ("text/html",),
    "htm": ("text/html",),
    "svg": ("image/svg+xml",),
    "eml": ("message/rfc822", "text/plain"),
    "rtf": ("text/rtf", "application/rtf"),
    "zip": ("application/zip",),
    "doc": ("application/msword", "application/x-ole-storage", "application/CDFV2"),
    "xls": ("application/vnd.ms-excel", "application/x-ole-storage", "application/CDFV2"),
    "ppt": ("application/vnd.ms-powerpoint", "application/x-ole-storage", "application/CDFV2"),
    **{ext: (mime, "application/zip") for ext, (mime, _) in OOXML.items()},
    **{ext: (mime, "application/zip") for ext, mime in ODF.items()},
}

EXECUTABLE_TYPES = {
    "application/x-dosexec",
    "application/x-msdownload",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-pie-executable",
    "application/x-mach-binary",
    "application/x-elf",
    "application/vnd.microsoft.portable-executable",
    "application/x-msi",
    "application/java-archive",
    "application/vnd.android.package-archive",
    "text/x-shellscript",
    "text/x-msdos-batch",
}
EXECUTABLE_EXTENSIONS = {
    "exe", "dll", "com", "scr", "msi", "bat", "cmd", "ps1", "vbs", "vbe", "js", "jse", "wsf", "sh",
    "jar", "apk", "app", "cpl", "hta", "lnk", "reg",
}  # fmt: skip

# Shown in the page (inline) only these: they can't run script in the app's origin.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain", "text/csv"}
# Served as opaque bytes whatever they are, so a browser never renders them.
NEVER_RENDER = {"text/html", "image/svg+xml", "application/xml", "text/xml", "application/xhtml+xml"}
_TEXT_LIKE = {"application/json", "application/xml", "text/xml", "text/csv", "message/rfc822"}
SNIFF_BYTES = 256 * 1024


@dataclass(frozen=True)
class Detected:
    content_type: str


def extension(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""


def _is_zip_of(source: BinaryIO, folder: str) -> bool:
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    finally:
        source.seek(0)
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def _odf_type(source: BinaryIO) -> str | None:
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as z:
            return z.read("mimetype").decode("ascii", "replace").strip()[:120]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None
    finally:
        source.seek(0)


def detect(source: BinaryIO, name: str) -> Detected:
    """The content type of `source` (a seekable file at its start), checked against `name`."""
    head = source.read(SNIFF_BYTES)
    source.seek(0)
    found = magic.from_buffer(head, mime=True) or "application/octet-stream"
    ext = extension(name)
    loc: list[str | int] = ["body", "file"]

    if found in EXECUTABLE_TYPES or ext in EXECUTABLE_EXTENSIONS:
        raise Invalid.at(loc, "Programs and scripts can't be uploaded.", "file_type_refused")
    if found.startswith("text/") and found not in NEVER_RENDER and found not in _TEXT_LIKE:
        found = "text/plain"  # text/x-c, text/x-python, … are plain text to us
    if found in ("application/zip", "application/octet-stream") and ext in OOXML:
        mime, folder = OOXML[ext]
        if _is_zip_of(source, folder):
            found = mime
    if found == "application/zip" and ext in ODF and _odf_type(source) == ODF[ext]:
        found = ODF[ext]

    expected = BY_EXTENSION.get(ext)
    if expected is not None and found not in expected:
        if found == "application/octet-stream" and _looks_like_text(head) and "text/plain" in expected:
            found = "text/plain"
        else:
            raise Invalid.at(
                loc,
                f"The content of this file ({found}) does not match its name (.{ext}).",
                "file_type_mismatch",
            )
    if expected is not None and found == "text/plain" and expected[0] != "text/plain":
        found = expected[0]  # a CSV or JSON file is text by content; keep the name's more precise type
    return Detected(found)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 4  # a multi-byte character cut at the sniff boundary
    return True


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_name(name: str | None, fallback: str = "file") -> str:
    """A file name with no path, control or reserved characters, at most 200 characters."""
    raw = unicodedata.normalize("NFC", (name or "").replace("\\", "/")).split("/")[-1]
    cleaned = _SPACES.sub(" ", _UNSAFE.sub("_", raw)).strip(" .")
    if not cleaned or cleaned.strip("_") == "":
        cleaned = fallback
    stem, dot, ext = cleaned.rpartition(".")
    if not dot:
        stem, ext = cleaned, ""
    if stem.lower() in _RESERVED:
        stem = "_" + stem
    ext = ext[:20]
    stem = stem[: 200 - len(ext) - 1] if ext else stem[:200]
    return f"{stem}.{ext}" if ext else stem


def content_disposition(kind: str, name: str) -> str:
    """RFC 6266 with an ASCII fallback and the RFC 5987 UTF-8 form for other scripts (Korean names)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._ ()\-]+", "_", ascii_name).strip(" ._") or "download"
    if "." in name and "." not in ascii_name:
        ascii_name += "." + extension(name)
    value = f'{kind}; filename="{ascii_name}"'
    if ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def served_type(content_type: str) -> str:
    if content_type in NEVER_RENDER or content_type.startswith("text/") and content_type not in INLINE_TYPES:
        return "application/octet-stream"
    if content_type.startswith("text/"):
        return content_type + "; charset=utf-8"
    return content_type
