"""A small course in the shape the generator reads: passages with their documents."""

from __future__ import annotations

from chatgepeto.study.items import Source

TEXTS = {
    "historia": [
        "A Universidade Federal de Mato Grosso do Sul teve sua origem em 1962, com a criação "
        "da Faculdade de Farmácia e Odontologia em Campo Grande. Em 1970, foram criados os "
        "Centros Pedagógicos de Corumbá, Três Lagoas e Aquidauana. A universidade mantém "
        "campi em nove cidades do estado.",
        "O Instituto de Ciências Biológicas foi criado em 1966 por meio de uma lei estadual. "
        "A Faculdade de Computação surgiu em 1985, quando o antigo departamento ganhou "
        "autonomia. Em 1979, a instituição foi federalizada pela Lei Federal. O vestibular de "
        "inverno durava quatro dias úteis na capital.",
    ],
    "regulamento": [
        "Bacharelado: modalidade de curso de graduação de formação profissional. "
        "Licenciatura: modalidade de curso de graduação de formação para o magistério. "
        "O acadêmico poderá pedir a revisão da prova no prazo de cinco dias úteis após a "
        "divulgação da nota.",
        "A matrícula é feita pelo Sistema Acadêmico em cada semestre. O trancamento da "
        "matrícula pode ser pedido em até duas vezes durante o curso. A renovação da "
        "matrícula é composta por três fases consecutivas: inscrição, confirmação e "
        "validação. Cada turma deverá ter, no mínimo, dez acadêmicos. O recurso ao colegiado "
        "deve ser feito em três dias úteis.",
    ],
    "computacao": [
        "Um grafo é uma estrutura formada por vértices ligados por arestas. O algoritmo de "
        "Dijkstra encontra o caminho mínimo entre dois vértices de um grafo com pesos "
        "positivos. A busca em largura visita os vértices do grafo por camadas, a partir da "
        "origem. Cada aresta do grafo liga dois vértices e pode ter um peso.",
    ],
}


def course(page: int | None = 1) -> list[Source]:
    """The passages of both documents; `page` None stands for a format without pages."""
    return [
        Source(
            document_id=doc,
            title=doc.capitalize(),
            page=None if page is None else page + n,
            passage_id=f"{doc}:{n}",
            passage_text=text,
        )
        for doc, texts in TEXTS.items()
        for n, text in enumerate(texts)
    ]
