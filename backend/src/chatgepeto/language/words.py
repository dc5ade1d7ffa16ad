"""Portuguese and English word lists, as written (callers fold and stem them as they need)."""

from __future__ import annotations

# Words that carry no topic, already accent-folded, for matching questions to sentences.
_PORTUGUESE_WORDS = """
    a ao aos aquela aquelas aquele aqueles aquilo as ate com como contra da das de dela delas
    dele deles depois do dos e ela elas ele eles em entre era eram essa essas esse esses esta
    estas este estes estao estar esteve eu foi foram ha isso isto ja lhe lhes mais mas me
    mesmo mesma meu minha muito muita na nao nas nem no nos nossa nosso num numa o os ou para
    pela pelas pelo pelos por pra qual quais quando que quem se seja sem ser seu seus sua suas
    sao so sobre tambem te tem tinha tu um uma umas uns voce voces vos onde porque porque pois
    cada assim ainda tal tais deve devem pode podem poderia ter sido sendo seria sera aqui ali
    la isso aquele algum alguma alguns algumas outro outra outros outras todo toda todos todas
    quanto quanta quantos quantas qualquer etc ex sim apenas tambem entao
    explique explica explicar defina definir descreva descrever diga fale conte quero queria
    gostaria saber significa significado favor exemplo exemplos
    """
QUESTION_PORTUGUESE = frozenset(_PORTUGUESE_WORDS.split())

_ENGLISH_WORDS = """
    a an the and or but if of to in on at by for with from as is are was were be been being
    do does did what which who whom whose when where why how this that these those it its i
    you he she we they me my your our their his her them us not no can could would should
    will shall may might must have has had about into than then there so such also please
    explain describe define tell mean means meaning example examples some any each all other
    """
QUESTION_ENGLISH = frozenset(_ENGLISH_WORDS.split())

QUESTION_WORDS = QUESTION_PORTUGUESE | QUESTION_ENGLISH

# Words that frame a question rather than name its topic ("onde OCORRE a fotossíntese?"): a
# sentence sharing only these with the question is about something else.
_GENERIC_WORDS = """
    ocorre ocorrem ocorrer acontece acontecem acontecer funciona funcionam funcionar serve
    servem servir faz fazem fazer usa usam usar uso utiliza utilizar existe existem possui
    possuem importante importancia principal principais tipo tipos forma formas processo
    caracteristica caracteristicas diferenca diferencas relacao consiste envolve chamado
    occur occurs happen happens work works use used uses exist exists important main type
    types kind kinds difference differences relation consist consists involve process called
    """
GENERIC = frozenset(_GENERIC_WORDS.split())

# Words that point back at something said before ("e quando ELE foi fundado?").
_ANAPHORA_WORDS = """
    ele ela eles elas isso isto esse essa esses essas este esta
    dele dela deles delas nele nela disso desse dessa daquele aquilo
    it its they them this that these those he she his her
    """
ANAPHORA = frozenset(_ANAPHORA_WORDS.split())
# A follow-up that opens with one of these continues the previous question ("e em 1990?").
CONTINUATIONS = frozenset({"e", "and", "mas", "but", "tambem", "also"})

# Brazilian and European Portuguese name the same things differently; see retrieval/dialects.py.
# Each line: words for one meaning, in either variety or orthography.
DIALECT_VARIANTS = """
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

# Numbers written as words, accent-folded: a quantity as much as "4" is.
_NUMBER_WORDS = """
    dois duas tres quatro cinco seis sete oito nove dez onze doze treze quatorze catorze
    quinze dezesseis dezessete dezoito dezenove vinte trinta quarenta cinquenta sessenta
    setenta oitenta noventa cem duzentos duzentas trezentos trezentas mil two three four five
    six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand
    """
NUMBER_WORDS = frozenset(_NUMBER_WORDS.split())
# A quantity told as a multiple or a part ("o dobro", "twice as much").
_MULTIPLE_WORDS = "dobro triplo metade twice thrice half double triple"
MULTIPLE_WORDS = frozenset(_MULTIPLE_WORDS.split())
