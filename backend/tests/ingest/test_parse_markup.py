"""Markdown, HTML and plain-text parsing: structure, encodings, dropped chrome."""

from __future__ import annotations

import pytest

from chatgepeto.errors import IngestError
from chatgepeto.ingest.parse import parse_document
from chatgepeto.ingest.types import Block

MARKDOWN = """---
title: Metadados que não são conteúdo
---
# Biologia

Introdução à **célula** com [link](http://exemplo.com) e `código`
na linha seguinte.

Citologia
---------

- Núcleo: guarda o DNA.
- Mitocôndria: respiração.

```python
def soma(a, b):
    return a + b
```

## Tabela

| Organela | Função |
|----------|--------|
| Ribossomo | Síntese de proteínas |

# Química

Ligações iônicas.
"""


def test_markdown_atx_and_setext_headings_build_the_path() -> None:
    blocks = parse_document(MARKDOWN.encode(), "biologia.md").blocks
    assert blocks[0] == Block("Biologia", None, ("Biologia",), is_heading=True)
    assert blocks[1].text == "Introdução à célula com link e código na linha seguinte."
    assert blocks[2] == Block("Citologia", None, ("Biologia", "Citologia"), is_heading=True)
    assert blocks[3] == Block("Núcleo: guarda o DNA.", None, ("Biologia", "Citologia"))
    assert blocks[4].text == "Mitocôndria: respiração."
    assert blocks[-1] == Block("Ligações iônicas.", None, ("Química",))
    assert all("Metadados" not in b.text for b in blocks)  # front matter dropped


def test_markdown_code_keeps_its_lines_and_tables_their_rows() -> None:
    blocks = parse_document(MARKDOWN.encode(), "biologia.md").blocks
    assert Block("def soma(a, b):\n    return a + b", None, ("Biologia", "Citologia")) in blocks
    path = ("Biologia", "Tabela")  # "Citologia" (Setext "---") is also level 2
    assert Block("Ribossomo | Síntese de proteínas", None, path) in blocks


HTML = """<!DOCTYPE html>
<html><head><title>Ignorado</title><style>p { color: red }</style></head>
<body>
<nav><a href="/">Início</a> | <a href="/cursos">Cursos</a></nav>
<script>var segredo = "não indexar";</script>
<h1>História do <em>Brasil</em></h1>
<p>A independência foi em 1822.</p>
<h2>Império</h2>
<ul><li>Dom Pedro I</li><li><p>Dom Pedro II</p></li></ul>
<div>Texto solto<br>numa div</div>
<table><tr><th>Ano</th><th>Fato</th></tr><tr><td>1888</td><td>Abolição</td></tr></table>
<pre>linha 1
    linha 2</pre>
<!-- comentário -->
<h2>República</h2>
<p>Proclama&ccedil;&atilde;o em 1889.</p>
<footer>© Escola</footer>
</body></html>
"""


def test_html_headings_paragraphs_and_lists() -> None:
    blocks = parse_document(HTML.encode(), "historia.html").blocks
    empire = ("História do Brasil", "Império")
    assert blocks[:5] == [
        Block("História do Brasil", None, ("História do Brasil",), is_heading=True),
        Block("A independência foi em 1822.", None, ("História do Brasil",)),
        Block("Império", None, empire, is_heading=True),
        Block("Dom Pedro I", None, empire),
        Block("Dom Pedro II", None, empire),
    ]
    assert Block("Texto solto numa div", None, empire) in blocks
    assert Block("Ano | Fato", None, empire) in blocks
    assert Block("1888 | Abolição", None, empire) in blocks
    assert Block("linha 1\n    linha 2", None, empire) in blocks
    assert blocks[-1] == Block("Proclamação em 1889.", None, ("História do Brasil", "República"))


def test_html_drops_script_style_nav_footer_and_comments() -> None:
    text = " ".join(b.text for b in parse_document(HTML.encode(), "historia.html").blocks)
    for dropped in ("segredo", "color", "Início", "Cursos", "Escola", "comentário", "Ignorado"):
        assert dropped not in text


def test_html_in_a_declared_legacy_charset() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Educação</p></body></html>'
    blocks = parse_document(page.encode("latin-1"), "pagina.htm").blocks
    assert [b.text for b in blocks] == ["Educação"]


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        ("Educação e ação.\n\nSegundo parágrafo, coração.".encode(), "utf-8"),
        ("\ufeffEducação e ação.\n\nSegundo parágrafo, coração.".encode(), "utf-8 BOM"),
        ("Educação e ação.\r\n\r\nSegundo parágrafo, coração.".encode("utf-16"), "utf-16"),
        ("Educação e ação.\n\nSegundo parágrafo, coração.".encode("latin-1"), "latin-1"),
        ("Educação – “ação”.\n\nSegundo parágrafo, coração.".encode("cp1252"), "cp1252"),
    ],
)
def test_plain_text_in_common_encodings(encoded: bytes, label: str) -> None:
    blocks = parse_document(encoded, "notas.txt").blocks
    assert len(blocks) == 2, label
    assert blocks[0].text in ("Educação e ação.", "Educação – “ação”.")
    assert blocks[1] == Block("Segundo parágrafo, coração.")


def test_plain_text_splits_on_blank_lines_and_collapses_spaces() -> None:
    data = "Primeira   linha\ncontinua\taqui.\n \n\n\nOutro\u00a0bloco.\n\n   \n".encode()
    blocks = parse_document(data, "notas.txt").blocks
    assert [b.text for b in blocks] == ["Primeira linha continua aqui.", "Outro bloco."]


def test_decomposed_accents_are_normalized_to_nfc() -> None:
    decomposed = "educac\u0327a\u0303o"  # "educação" as base letters + combining marks
    [block] = parse_document(decomposed.encode(), "nfd.txt").blocks
    assert block.text == "educação" and len(block.text) == 8


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"   \n\n\t\n", "branco.txt"),
        (b"<html><script>x()</script></html>", "a.html"),
        (b"", "a.md"),
    ],
)
def test_files_without_text_are_empty(data: bytes, filename: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_document(data, filename)
    assert caught.value.code == "empty_document"
