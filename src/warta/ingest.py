"""Read news reports from files and folders into `Article`s.

Accepted inputs: article JSONL (`.jsonl`, the corpus article record of `data/corpus/dev/README.md`, one
a line), plain text (`.txt`), Markdown (`.md`) and web pages (`.html`, `.htm`), one report a file, and
folders of these (read recursively in sorted order; other files and hidden ones are skipped). Bad input
never raises: each problem becomes one `InputError` naming the file (and line, for JSONL) and the rest is
read. The first article with an id wins; a later one with the same id is refused.

`iter_inputs` streams `Article | InputError` items in input order; `read_inputs` collects them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO

from warta.errors import InputError
from warta.facts import Article, FactsFormatError

DEFAULT_MAX_BYTES = 5_000_000
"""Largest file (for JSONL: largest record line) read, in bytes."""

JSONL_SUFFIXES = frozenset({".jsonl"})
TEXT_SUFFIXES = frozenset({".txt"})
MARKDOWN_SUFFIXES = frozenset({".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = JSONL_SUFFIXES | TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES

_SNIFF_BYTES = 8192
_MAX_TITLE_CHARS = 160
_BAD_CHAR_SHARE = 0.10  # more control bytes or undecodable characters than this: not a text file


@dataclass(slots=True)
class IngestResult:
    """The articles read, in input order, and one error for each thing that could not be read."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def read_inputs(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> IngestResult:
    """Read every article of `paths` (files or folders); see the module docstring."""
    result = IngestResult()
    for item in iter_inputs(paths, max_bytes=max_bytes):
        if isinstance(item, InputError):
            result.errors.append(item)
        else:
            result.articles.append(item)
    return result


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Yield each article of `paths`, or an `InputError` for what could not be read, in input order."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: dict[str, str] = {}  # article id -> where it was first read
    for entry in paths:
        for file in _expand(Path(entry)):
            if isinstance(file, InputError):
                yield file
                continue
            for item in _read_file(file, max_bytes):
                if isinstance(item, InputError):
                    yield item
                    continue
                article, line = item
                where = f"{file}:{line}" if line is not None else str(file)
                if article.id in seen:
                    yield InputError(
                        f"duplicate article id {article.id!r} (first read at {seen[article.id]}); skipped",
                        path=str(file),
                        line=line,
                    )
                    continue
                seen[article.id] = where
                yield article


# --- finding files ------------------------------------------------------------------------------------------


def _expand(path: Path) -> Iterator[Path | InputError]:
    """The files a command-line path stands for: itself, or a folder's supported files."""
    try:
        if path.is_dir():
            yield from _walk(path)
            return
        if not path.exists():
            yield InputError("no such file or directory", path=str(path))
            return
        if not path.is_file():
            yield InputError("not a regular file", path=str(path))
            return
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        yield InputError(f"cannot read: {getattr(error, 'strerror', None) or error}", path=str(path))
        return
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        expected = ", ".join(sorted(SUPPORTED_SUFFIXES))
        kind = path.suffix or "(none)"
        yield InputError(f"unsupported file type {kind!r} (expected {expected})", path=str(path))
        return
    yield path


def _walk(root: Path) -> Iterator[Path | InputError]:
    """Supported, non-hidden regular files under `root`, recursively, sorted by their path below it."""
    found: list[Path] = []

    def on_error(error: OSError) -> None:
        found.append(Path(error.filename or root))  # reported as unreadable below

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            found.append(Path(folder, name))
    for file in sorted(found, key=lambda p: p.parts):  # all below root: sorted by their path below it
        try:
            if file.is_dir():
                yield InputError("cannot read folder", path=str(file))
            elif file.is_file():
                yield file
        except OSError as error:
            yield InputError(f"cannot read: {error.strerror or error}", path=str(file))


# --- reading one file ---------------------------------------------------------------------------------------

_Item = tuple[Article, int | None] | InputError


def _read_file(path: Path, max_bytes: int) -> Iterator[_Item]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes)
        else:
            yield _read_document(path, suffix, max_bytes)
    except OSError as error:
        yield InputError(f"cannot read: {error.strerror or error}", path=str(path))


def _read_document(path: Path, suffix: str, max_bytes: int) -> _Item:
    """One article from a .txt, .md or .html file; its id is the file's stem."""
    size = path.stat().st_size
    if size > max_bytes:
        return _too_large(path, size, max_bytes)
    with path.open("rb") as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew since stat
        return _too_large(path, len(data), max_bytes)
    if not data.strip():
        return InputError("empty file", path=str(path))
    if not _looks_textual(data[:_SNIFF_BYTES]):
        return InputError("not a text file", path=str(path))
    raw = _decode(data, html=suffix in HTML_SUFFIXES)
    if not _decoded_textual(raw):
        return InputError("not a text file", path=str(path))
    text = clean_text(raw)
    if not text.strip():
        return InputError("empty file", path=str(path))

    title: str | None
    published = source = url = None
    if suffix in HTML_SUFFIXES:
        page = _extract_html(text)
        title, text, published, source, url = page.title, page.text, page.published, page.source, page.url
    else:
        title, text = split_title(text)
        if suffix in MARKDOWN_SUFFIXES:
            title = strip_markdown(title) if title is not None else None
            text = strip_markdown(text)
    text = text.strip()
    if not text:
        return InputError("no article text found", path=str(path))
    article = Article(path.stem, text, title=title or None, published=published, source=source, url=url)
    return article, None


def _too_large(path: Path, size: int, max_bytes: int) -> InputError:
    return InputError(f"file too large ({_size(size, up=True)} > {_size(max_bytes)})", path=str(path))


def _size(n: int, up: bool = False) -> str:
    """A byte count for a message: '20 MB', '5.1 MB', '300 bytes'."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if n >= scale:
            value = (math.ceil if up else math.floor)(n * 10 / scale) / 10
            return f"{value:g} {unit}"
    return f"{n} bytes"


# --- JSONL --------------------------------------------------------------------------------------------------


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[_Item]:
    """Article records, one a line. The file is streamed: `max_bytes` limits each line, not the file."""
    with path.open("rb") as stream:
        head = stream.read(_SNIFF_BYTES)
        if not head.strip() and not stream.read(1):
            yield InputError("empty file", path=str(path))
            return
        if not _looks_textual(head.removeprefix(codecs.BOM_UTF8)):
            yield InputError("not a text file", path=str(path))
            return
        stream.seek(0)
        records = 0
        for number, line in enumerate(_lines(stream, max_bytes), start=1):
            if line is None:
                yield InputError(f"record too large (> {_size(max_bytes)})", path=str(path), line=number)
                continue
            if number == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if not line.strip():
                continue
            records += 1
            yield _parse_record(line, path, number)
        if not records:
            yield InputError("empty file", path=str(path))


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The stream's lines without their ends; None for a line longer than `max_bytes` (which is skipped)."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                line = stream.readline(1 << 20)
            yield None
            continue
        yield line.rstrip(b"\r\n")


def _parse_record(line: bytes, path: Path, number: int) -> _Item:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode(line)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return InputError(f"invalid JSON: {error.msg} (column {error.colno})", path=str(path), line=number)
    except (ValueError, RecursionError) as error:
        return InputError(f"invalid JSON: {_one_line(str(error)) or 'too deeply nested'}", str(path), number)
    if not isinstance(data, dict):
        return InputError(f"expected a JSON object, found {type(data).__name__}", path=str(path), line=number)
    if not isinstance(data.get("id"), str) or not data["id"].strip():
        return InputError("record has no 'id' (a non-empty string)", path=str(path), line=number)
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        hint = " (is this a facts file?)" if {"regions", "officials", "visits"} & data.keys() else ""
        return InputError(f"record has no 'text' (a non-empty string){hint}", path=str(path), line=number)
    try:
        article = Article.from_dict(data)
    except FactsFormatError as error:
        return InputError(_one_line(str(error)), path=str(path), line=number)
    article.text = clean_text(article.text).strip()
    if article.title is not None:
        article.title = _one_line(clean_text(article.title)) or None
    if not article.text:
        return InputError("record has no 'text' (a non-empty string)", path=str(path), line=number)
    return article, number


def _one_line(message: str) -> str:
    return " ".join(message.split())


# --- bytes to clean text ------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(set(range(0x20)) - set(b"\t\n\r\f\v") | {0x7F})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Labels that web browsers (WHATWG Encoding) read as windows-1252.
_WINDOWS_1252_LABELS = frozenset({"iso8859-1", "ascii", "cp1252"})


def _looks_textual(sample: bytes) -> bool:
    """False for bytes with a NUL, or mostly control bytes, unless they start with a UTF-16/32 BOM."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return True
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls <= _BAD_CHAR_SHARE * len(sample)


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc but \t \n \v \f \r
_CONTROLS_OR_REPLACEMENT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _decoded_textual(text: str) -> bool:
    bad = sum(1 for _ in _CONTROLS_OR_REPLACEMENT.finditer(text))
    return bad <= _BAD_CHAR_SHARE * max(len(text), 1)


def _decode(data: bytes, html: bool = False) -> str:
    """Decode file bytes: by BOM; as UTF-8; as a web page's declared charset; by detection; else cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html and (declared := _declared_charset(data)):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return _detect(data)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if name in _WINDOWS_1252_LABELS else name


def _detect(data: bytes) -> str:
    """Detect a legacy encoding with charset-normalizer.

    Among single-byte Latin code pages detection on a short report is a guess (it reads a lone 'é' as
    mac_latin2 'ť'); Indonesian is written in Latin script, so when the bytes read cleanly as mostly-ASCII
    windows-1252 that is taken instead. Multi-byte and non-Latin detections are kept.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    try:
        best = from_bytes(data).best()
    except Exception:  # a detector failure must not lose the file: fall back to cp1252
        best = None
    if best is not None and (is_multi_byte_encoding(best.encoding) or not _latin_cp1252(data)):
        return str(best)
    return data.decode("cp1252", errors="replace")


def _latin_cp1252(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if not c.isascii()) <= 0.3 * len(letters)


_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f"}  # non-breaking spaces
_DROPPED = {ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}  # zero-width, soft hyphen
_BREAKS = {ord(c): "\n" for c in "\f\v\u2028\u2029"}  # page and line separators
_TRANSLATION = _SPACES | _DROPPED | _BREAKS
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Normalise decoded text: NFC; \\n line ends; non-breaking spaces to spaces; zero-width characters and
    control characters other than \\n and \\t dropped (form feeds and Unicode line separators become \\n);
    lone surrogates to U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATES.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    return _CONTROLS.sub("", text)


# --- plain text and Markdown --------------------------------------------------------------------------------

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): the first line is a title when it is a Markdown heading, or when it is short (at most
    160 characters), does not end with a period and is followed by a blank line. Otherwise (None, text)."""
    text = _LEADING_BLANK_LINES.sub("", text).rstrip()
    first, _, rest = text.partition("\n")
    line = first.strip()
    if not rest.strip() or not line:
        return None, text
    if _HEADING.match(first):
        title = _CLOSING_HASHES.sub("", _HEADING.sub("", first)).strip()
        return (title or None), _LEADING_BLANK_LINES.sub("", rest)
    blank_follows = not rest.split("\n", 1)[0].strip()
    if len(line) <= _MAX_TITLE_CHARS and not line.endswith(".") and blank_follows:
        return line, _LEADING_BLANK_LINES.sub("", rest)
    return None, text


_IMAGE = re.compile(r"[ \t]*!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_STAR_EMPHASIS = re.compile(r"(\*{1,3})(?=\S)([^\n]*?\S)\1")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<!\w)(_{1,3})(?=\S)([^\n]*?\S)\1(?!\w)")


def strip_markdown(text: str) -> str:
    """Light Markdown removal: heading hashes and emphasis markers dropped, links to their text, images
    dropped."""
    lines = []
    for line in text.split("\n"):
        if _HEADING.match(line):
            line = _CLOSING_HASHES.sub("", _HEADING.sub("", line))
        lines.append(line)
    text = "\n".join(lines)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    for _ in range(3):  # nested emphasis, e.g. ***x*** or **_x_**
        stripped = _UNDERSCORE_EMPHASIS.sub(r"\2", _STAR_EMPHASIS.sub(r"\2", text))
        if stripped == text:
            break
        text = stripped
    return text


# --- HTML ---------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Page:
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _extract_html(html: str) -> _Page:
    """The main text of a web page, with trafilatura; a plain text extraction when it finds nothing."""
    document = _trafilatura(html)
    if document is None or not (getattr(document, "text", None) or "").strip():
        return _plain_html(html)
    text = clean_text(document.text)
    title = _one_line(clean_text(document.title or "")) or None
    if title:
        first, _, rest = text.lstrip().partition("\n")
        if _one_line(first).casefold() == title.casefold() and rest.strip():
            text = rest  # the headline, repeated as the body's first line
    url = document.url if isinstance(document.url, str) else None
    if url and not url.startswith(("http://", "https://")):
        url = None
    return _Page(
        text=re.sub(r"\n+", "\n\n", text.strip()),  # one block a line: paragraphs, as in the corpus
        title=title,
        published=_iso_date(document.date),
        source=_one_line(document.sitename or "") or None,
        url=url,
    )


def _trafilatura(html: str) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # dates from the page's markup and fast patterns, not from any date in the body text
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a malformed page must not stop the run: use the plain extraction instead
        return None


def _iso_date(value: Any) -> str | None:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


class _TextParser(HTMLParser):
    """Visible text of a page, one block a paragraph; scripts, styles and navigation dropped."""

    SKIP = frozenset(
        {"script", "style", "noscript", "template", "svg", "iframe", "object", "nav", "footer", "aside"}
    )
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "header",
         "main", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption", "hr"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.in_title:
            self.title_parts.append(data)
        else:
            self.parts.append(data)


def _plain_html(html: str) -> _Page:
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser's rare hard failures on broken markup
        pass
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    text = "\n\n".join(line for line in lines if line)
    title = _one_line(clean_text("".join(parser.title_parts))) or None
    return _Page(text=clean_text(text).strip(), title=title)
