"""Read HTML and XML pages into raw text: visible text only, one block per line group.

Scripts, styles, navigation, headers, footers, forms and hidden elements are
dropped; when the page marks its main content (``<main>``, ``<article>``,
``role="main"``, officielebekendmakingen's ``#broodtekst`` or ``.stuk``) only
that is read. Headings become ``# `` lines and list items ``• `` lines, so the
normaliser keeps them as headings and items; footnote lists
(``class="voetnoten"``/``"footnotes"``, XML ``<voetnoot>``) go after a
footnote rule so they are lifted out as footnotes.

>>> html_text("<html><body><nav>Home | Zoeken</nav><main><h1>Verslag</h1>"
...           "<p>De Raad <b>sprak</b>.</p><script>x()</script></main></body></html>")
'# Verslag\\n\\nDe Raad sprak.'
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from kg.errors import IngestError

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "option",
    "input",
    "textarea",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "map",
    "head",
    "title",
    "meta",
    "link",
]
_NOISE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|cookie|banner|skip|share|social|"
    r"sidebar|site-header|site-footer|zoek|search|toolbar|print)(?:$|[\s_-])",
    re.IGNORECASE,
)
_FOOTNOTES = re.compile(r"voetnot|footnotes|noten\b|endnotes", re.IGNORECASE)
_MAIN_SELECTORS = ("#broodtekst", "main", "[role=main]", "article", ".stuk", "#content", "#main")
_BLOCK_TAGS = set(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "caption",
        "figcaption",
        "address",
        "ul",
        "ol",
        "dl",
        "body",
        "html",
    ]
)
# officielebekendmakingen XML elements
_XML_HEADINGS = {"titel", "kop", "tussenkop", "stuktitel", "kopje"}
_XML_BLOCKS = {
    "al",
    "alinea",
    "li",
    "item",
    "ondertekening",
    "dossier",
    "stuknr",
    "aanhef",
    "slotformulering",
    "dagtekening",
}
#: XML elements that end a line inside their block (a signature's office before the name).
_XML_LINES = {"functie", "regel"}
_XML_NOTES = {"noot", "voetnoot"}
_FOOTNOTE_RULE = " " * 24


def _css_hidden_classes(soup: BeautifulSoup) -> set[str]:
    """Classes that the page's own style sheets hide (``.x { display: none }``)."""
    hidden: set[str] = set()
    for style in soup.find_all("style"):
        for rule in re.finditer(r"([^{}]+)\{([^}]*)\}", style.get_text()):
            body = rule.group(2).replace(" ", "").lower()
            if "display:none" in body or "visibility:hidden" in body:
                hidden.update(re.findall(r"\.([\w-]+)\s*(?:,|$)", rule.group(1).strip()))
    return hidden


def _hidden(tag: Tag, hidden_classes: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    if tag.name in _DROP_TAGS:
        return True
    attrs = tag.attrs or {}
    if hidden_classes and hidden_classes.intersection(attrs.get("class", []) or []):
        return True
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    ident = " ".join([str(attrs.get("id", "")), " ".join(attrs.get("class", []) or [])])
    return bool(ident.strip() and _NOISE.search(ident))


def _is_footnotes(tag: Tag) -> bool:
    ident = " ".join([str(tag.get("id", "")), " ".join(tag.get("class", []) or [])])
    return bool(_FOOTNOTES.search(ident)) or tag.name in ("voetnoten", "noten")


class _Collector:
    """Walk the tree and collect blocks of text."""

    def __init__(self, xml: bool, hidden_classes: set[str] | None = None) -> None:
        self.xml = xml
        self.hidden_classes = hidden_classes or set()
        self.blocks: list[str] = []
        self.notes: list[str] = []
        self.current: list[str] = []

    def flush(self, prefix: str = "", target: list[str] | None = None) -> None:
        text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", "".join(self.current))
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        if text:
            (self.blocks if target is None else target).append(prefix + text)
        self.current = []

    def walk(self, node: Tag, in_notes: bool = False) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.current.append(str(child).replace("\n", " "))
                continue
            if not isinstance(child, Tag) or _hidden(child, self.hidden_classes):
                continue
            name = child.name.lower()
            if name == "br":
                self.current.append("\n")
                continue
            if self.xml and name in _XML_NOTES:
                self._inline_note(child)
                continue
            if self.xml and name in _XML_LINES:
                self.walk(child, in_notes)
                self.current.append("\n")
                continue
            notes_here = in_notes or _is_footnotes(child) or name in ("voetnoot", "noot")
            if notes_here and not in_notes:
                self.flush(target=self.notes if in_notes else None)
                self._notes(child)
                continue
            heading = re.fullmatch(r"h[1-6]", name) or (self.xml and name in _XML_HEADINGS)
            block = name in _BLOCK_TAGS or (self.xml and name in _XML_BLOCKS) or heading
            if not block:
                self.walk(child, in_notes)
                continue
            self.flush()
            self.walk(child, in_notes)
            if heading:
                self.flush("# ")
            elif name in ("li", "item"):
                self.flush("• ")
            else:
                self.flush()

    def _inline_note(self, node: Tag) -> None:
        """An XML footnote inside the text: its number stays as a marker, its text is lifted."""
        nr = node.find(["noot.nr", "nootnr"])
        number = (nr.get_text(strip=True) if nr else "") or str(node.get("nr", ""))
        number = re.sub(r"\D", "", number) or str(len(self.notes) + 1)
        if nr:
            nr.extract()
        self.current.append(number)
        self.notes.append(f"{number} {' '.join(node.get_text(' ').split())}")

    def _notes(self, node: Tag) -> None:
        """Footnotes: one "<number> <text>" line each."""
        items = node.find_all(["li", "voetnoot", "noot", "p"]) or [node]
        if node.name in ("voetnoot", "noot"):
            items = [node]
        for k, item in enumerate(items, start=1):
            text = " ".join(item.get_text(" ").split())
            label = item.get("nr") or item.get("id", "")
            if not re.match(r"^\d{1,3}\b", text):
                number = re.sub(r"\D", "", str(label)) or str(len(self.notes) + 1 if k else k)
                text = f"{number} {text}"
            text = re.sub(r"^(\d{1,3})\s*[.)]?\s*", r"\1 ", text)
            if text.strip():
                self.notes.append(text)


def html_text(text: str, path: object = "<html>") -> str:
    """The visible text of an HTML or XML document, blocks separated by blank lines."""
    stripped = text.lstrip()
    xml = stripped.startswith("<?xml") and "<html" not in stripped[:2000].lower()
    try:
        soup = BeautifulSoup(text, "lxml-xml" if xml else "lxml")
    except Exception as exc:  # lxml is lenient; this is a last resort
        raise IngestError(path, f"cannot parse the markup ({exc})") from None
    root: Tag = soup
    if not xml:
        for selector in _MAIN_SELECTORS:
            found = soup.select_one(selector)
            if found is not None and found.get_text(strip=True):
                root = found
                break
        else:
            root = soup.body or soup
    collector = _Collector(xml, _css_hidden_classes(soup))
    collector.walk(root)
    collector.flush()
    out = "\n\n".join(collector.blocks)
    if collector.notes:
        out += "\n\n" + _FOOTNOTE_RULE + "\n" + "\n".join(collector.notes)
    if not out.strip():
        raise IngestError(path, "no visible text in the page")
    return out
