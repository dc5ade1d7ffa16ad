"""Realistic course passages, in Portuguese as most material is, for generation tests."""

from __future__ import annotations

from chatgepeto.retrieval.types import RetrievedChunk

PHOTOSYNTHESIS = (
    "Fotossíntese\n"
    "A fotossíntese é o processo pelo qual as plantas convertem a energia luminosa em energia "
    "química. Esse processo ocorre nos cloroplastos, organelas que contêm clorofila. A prova "
    "bimestral será no dia 12 de maio, conforme o calendário da disciplina.\n"
    "As etapas da fotossíntese são:\n"
    "- fase clara (fotoquímica);\n"
    "- fase escura (ciclo de Calvin).\n"
    "Na fase clara, a luz é absorvida pela clorofila e a água é quebrada, liberando oxigênio."
)
PHOTOSYNTHESIS_COPY = (
    "Segundo o Prof. Almeida, a fotossíntese é o processo pelo qual as plantas convertem a "
    "energia luminosa em energia química. O ciclo de Calvin fixa o carbono do CO2 em moléculas "
    "orgânicas, como a glicose. A respiração celular, por sua vez, ocorre nas mitocôndrias."
)
MITOSIS = (
    "A mitose é a divisão celular que origina duas células-filhas geneticamente idênticas à "
    "célula-mãe. Segundo a Dra. Souza, ela dura cerca de 1.5 horas em células humanas em "
    "cultura. Na anáfase, as cromátides-irmãs se separam e migram para polos opostos da célula. "
    "O trabalho em grupo deve ser entregue pelo Moodle até sexta-feira."
)


def passage(
    n: int,
    text: str,
    *,
    title: str | None = None,
    dense: float | None = None,
    lexical: float | None = None,
) -> RetrievedChunk:
    """A retrieved passage with readable ids: chunk `c<n>` of document `d<n>`, page n."""
    return RetrievedChunk(
        chunk_id=f"c{n}",
        document_id=f"d{n}",
        title=title or f"Aula {n}",
        page=n,
        heading_path=("Biologia",),
        text=text,
        score=1.0 / n,
        dense=dense,
        lexical=lexical,
    )
