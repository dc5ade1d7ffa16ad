"""The LaTeX course PDFs of shared/eval/latex-pt, parsed whole: spaces, accents, running
headers and footers, outline headings and quality figures on a teacher's real material."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chatgepeto.ingest.parse import parse_document
from chatgepeto.ingest.quality import page_texts
from chatgepeto.ingest.types import ParsedDocument

_ROOT = Path(__file__).resolve().parents[3]
# `shared/` beside the repository root (or inside it, as some checkouts carry it).
_CANDIDATES = [_ROOT.parent / "shared", _ROOT / "shared"]
FILES = next(
    (c / "eval" / "latex-pt" / "files" for c in _CANDIDATES if (c / "eval" / "latex-pt").is_dir()),
    _CANDIDATES[0] / "eval" / "latex-pt" / "files",
)

pytestmark = pytest.mark.skipif(
    not FILES.is_dir(), reason=f"the LaTeX course PDFs are not there: {FILES}"
)


def _norm(text: str) -> str:
    # The README's norm(): how the gold strings of the QA set are matched.
    return re.sub(r"\s+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedDocument]:
    names = ("pt-lshort.pdf", "tutorialbeamer.pdf", "cursolatex.pdf")
    return {name: parse_document((FILES / name).read_bytes(), name) for name in names}


def _pages(document: ParsedDocument) -> dict[int, str]:
    return {page: _norm(text) for page, text in page_texts(document.blocks).items()}


def test_pt_lshort_has_its_spaces(parsed: dict[str, ParsedDocument]) -> None:
    pages = _pages(parsed["pt-lshort.pdf"])
    # pypdf read this line of PDF page 18 as "normalmentenãoépossívelveroresultadofinal…".
    assert "normalmente não é possível ver o resultado final enquanto" in pages[18]
    assert not [p for p, text in pages.items() if re.search(r"[^\W\d_]{40,}", text)]
    assert "actualizada" in pages[3]  # joined across PDFium's U+FFFE hyphenation mark
    assert parsed["pt-lshort.pdf"].page_count == 181


def test_tutorialbeamer_accents_are_repaired(parsed: dict[str, ParsedDocument]) -> None:
    pages = _pages(parsed["tutorialbeamer.pdf"])
    gold = {
        "não sendo necessários para a visualização": 1,
        "construções matemáticas é superior": 2,
        "dissolve a lâmina anterior": 12,
    }
    for answer, page in gold.items():
        assert answer in pages[page]
    text = " ".join(pages.values())
    assert not re.search("[´˜¸ˆ¨]", text)
    assert "\\ar[r]^{1}" in text  # the XY-pic code keeps its ^


def test_cursolatex_footer_goes_and_repeated_titles_stay(
    parsed: dict[str, ParsedDocument],
) -> None:
    document = parsed["cursolatex.pdf"]
    assert not [b for b in document.blocks if "Campani&Beccari (UFPel/Torino)" in b.text]
    first = {}
    for block in document.blocks:
        first.setdefault(block.page, block.text)
    assert [first[p] for p in (53, 54, 55)] == ["Usando pacotes"] * 3
    assert [first[p] for p in (87, 88, 89, 90)] == ["Ambiente tabular"] * 4


def test_pt_lshort_running_headers_go(parsed: dict[str, ParsedDocument]) -> None:
    blocks = parsed["pt-lshort.pdf"].blocks
    # The table of contents (PDF 9-12) lists "1 Coisas Que Precisa de Saber 1": not a header.
    header = re.compile(r"\d+ Coisas Que Precisa de Saber|1\.4 Estrutura do Ficheiro 7")
    assert not [b for b in blocks if header.fullmatch(b.text) and b.page > 16]
    page_23 = [b for b in blocks if b.page == 23]
    assert page_23[0].text.startswith("O carácter % também pode ser utilizado")


def test_pt_lshort_outline_gives_headings(parsed: dict[str, ParsedDocument]) -> None:
    blocks = parsed["pt-lshort.pdf"].blocks
    [heading] = [b for b in blocks if b.is_heading and b.text == "1.4 Estrutura do Ficheiro"]
    assert heading.page == 23
    assert heading.heading_path == ("Coisas Que Precisa de Saber", "1.4 Estrutura do Ficheiro")
    after = blocks[blocks.index(heading) + 1]
    assert after.heading_path == heading.heading_path and not after.is_heading


def test_slides_without_an_outline_take_their_titles_from_the_font_size(
    parsed: dict[str, ParsedDocument],
) -> None:
    # cursolatex has no bookmarks; each slide prints its title at 14.3 pt over 10.9 pt text.
    blocks = parsed["cursolatex.pdf"].blocks
    [title] = [b for b in blocks if b.page == 75 and b.is_heading]
    assert title.text == "Produzindo títulos de trabalhos"
    [answer] = [b for b in blocks if b.page == 75 and "omite a data" in b.text]
    assert answer.heading_path == ("Produzindo títulos de trabalhos",)
    seminar = [b for b in blocks if b.page == 177 and "\\newslide" in b.text]
    assert seminar and all(b.heading_path == ("Seminar",) for b in seminar)
    # The 6 pt footer is no heading; titles over several slides stay headings of each.
    assert not [b for b in blocks if b.is_heading and "Campani" in b.text]
    assert [b.page for b in blocks if b.is_heading and b.text == "Ambiente tabular"] == [
        87,
        88,
        89,
        90,
    ]


def test_only_a_garbage_slide_is_suspect(parsed: dict[str, ParsedDocument]) -> None:
    # Index pages, symbol tables and the nonsense poem (cursolatex 93) pass; slide 168, an
    # XY-pic diagram read as "E E E … llllllllll RR RR", is garbage.
    assert {name: d.suspect_pages for name, d in parsed.items()} == {
        "pt-lshort.pdf": [],
        "tutorialbeamer.pdf": [],
        "cursolatex.pdf": [168],
    }
