"""HTML: page chrome and scripts dropped, h1-h6 build the path, text blocks in order."""

from __future__ import annotations

import codecs
import re
import warnings
from dataclasses import dataclass, field

from bs4 import (
    BeautifulSoup,
    MarkupResemblesLocatorWarning,
    NavigableString,
    PageElement,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.element import PreformattedString

from chatgepeto.ingest.formats.common import BlockBuilder, join_cells
from chatgepeto.ingest.formats.text import decode_text, has_bom
from chatgepeto.ingest.types import ParsedDocument

CONTENT_TYPE = "text/html"

# Code, styling and site chrome (menus, footers) are not course content.
_DROP = ["script", "style", "nav", "footer", "noscript", "template", "svg", "head", "iframe"]
_HEADINGS = {f"h{n}" for n in range(1, 7)}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "header", "hr", "html",
    "legend", "li", "main", "ol", "p", "section", "summary", "table", "tbody", "tfoot",
    "thead", "ul",
}  # fmt: skip
# Tags whose start separates words even without whitespace in the source.
_BREAKS = _BLOCKS | _HEADINGS | {"br", "td", "th", "tr", "pre"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def _is_text(node: PageElement) -> bool:
    # Comments, CDATA, doctypes and processing instructions are PreformattedStrings.
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def _text_of(tag: Tag) -> str:
    """All visible text under `tag`, with a space wherever a block or cell starts."""
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name in _BREAKS:
                parts.append(" ")
        elif _is_text(node):
            parts.append(str(node))
    return "".join(parts)


@dataclass
class _Walker:
    builder: BlockBuilder = field(default_factory=BlockBuilder)
    buffer: list[str] = field(default_factory=list)

    def flush(self) -> None:
        self.builder.paragraph("".join(self.buffer))
        self.buffer.clear()

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if not isinstance(child, Tag):
                if _is_text(child):
                    self.buffer.append(str(child))
                continue
            name = child.name
            if name in _HEADINGS:
                self.flush()
                self.builder.heading(_text_of(child), level=int(name[1]))
            elif name == "pre":
                self.flush()
                self.builder.paragraph(child.get_text(), code=True)
            elif name == "tr":
                self.flush()
                cells = child.find_all(["td", "th"], recursive=False)
                self.builder.paragraph(join_cells(_text_of(cell) for cell in cells))
            elif name == "br":
                self.buffer.append("\n")
            elif name in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)  # inline markup: its text joins the current paragraph


def _soup(markup: str) -> BeautifulSoup:
    """Parsed markup without the content that is not course text."""
    with warnings.catch_warnings():
        # A short file that looks like a URL or XHTML is still ours to parse.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    return soup


def decode_html(data: bytes) -> str:
    """HTML bytes as text: BOM or UTF-8 first, then the page's declared charset."""
    if not has_bom(data):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            declared = _META_CHARSET.search(data[:4096])
            if declared:
                try:
                    encoding = codecs.lookup(declared.group(1).decode("ascii")).name
                    return data.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    pass  # a wrong declaration: let the generic decoder guess
    return decode_text(data)


def html_fragment_text(fragment: str) -> str:
    """The visible text of an HTML snippet (as embedded in Markdown)."""
    return _text_of(_soup(fragment))


def parse_html(data: bytes) -> ParsedDocument:
    """Blocks of an HTML page in reading order, under their h1-h6 path."""
    walker = _Walker()
    walker.walk(_soup(decode_html(data)))
    walker.flush()
    return ParsedDocument(walker.builder.blocks, CONTENT_TYPE)
