"""Brazilian and European Portuguese name the same things differently ("arquivo"/"ficheiro",
"tela"/"ecrã"), and the older orthography keeps consonants the newer drops ("actual"/"atual").
Material from Portugal is common in Brazilian courses (translations, books), so the lexical
side of a question also looks for the other variety's word. Only BM25 sees the expansion: a
word that the course never uses contributes nothing."""

from __future__ import annotations

from functools import lru_cache

from chatgepeto.retrieval.analyzer import Analyzer

# Each line: words for one meaning, in either variety or orthography.
_VARIANTS = """
    arquivo ficheiro
    arquivos ficheiros
    tela ecrã
    usuário utilizador
    usuários utilizadores
    seção secção
    seções secções
    salvar gravar
    baixar descarregar
    celular telemóvel
    registro registo
    equipe equipa
    mouse rato
    aplicativo aplicação
    deletar apagar
    padrão omissão predefinição
    atual actual
    ação acção
    ações acções
    direção direcção
    exceto excepto
    ótimo óptimo
    objeto objecto
    objetos objectos
    projeto projecto
    arquitetura arquitectura
    fato facto
    contato contacto
    ativo activo
    ativar activar
    coletivo colectivo
    efetivo efectivo
    seleção selecção
    selecionar seleccionar
    correção correcção
    proteção protecção
    infecção infeção
    """


@lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset[str]]:
    analyzer = Analyzer()
    groups: dict[str, frozenset[str]] = {}
    for line in _VARIANTS.strip().splitlines():
        stems = frozenset(analyzer.terms(line))
        for stem in stems:
            groups[stem] = groups.get(stem, frozenset()) | stems
    return groups


def with_variants(terms: list[str]) -> list[str]:
    """The query's terms, then the other varieties' stems of those that have them."""
    groups = _groups()
    extra = [v for t in terms for v in sorted(groups.get(t, ())) if v not in terms]
    return terms + list(dict.fromkeys(extra))
