/**
 * Error codes (the backend's, plus a few the browser produces itself) mapped to sentences a
 * student understands, in each language. The backend's codes come from its catalogue through the
 * generated types: a code whose family has no sentence here does not compile.
 */
import type { Locale } from "./i18n";
import type { BackendErrorCode } from "./types";

/** Codes produced on this side of the wire, never by the backend. */
export const CLIENT_CODES = {
  network: "network",
  aborted: "aborted",
  badStream: "bad_stream",
  badResponse: "bad_response",
} as const;

type ClientCode = (typeof CLIENT_CODES)[keyof typeof CLIENT_CODES];
/** `not_found:document` -> `not_found`; a code without a surface is its own family. */
type FamilyOf<C extends string> = C extends `${infer T}:${string}` ? T : C;
/** Every family of the catalogue and every client code needs a sentence; exact codes may add one. */
type Sentences = Record<FamilyOf<BackendErrorCode> | ClientCode | "server_error" | "unknown", string> &
  Record<string, string>;

const ptBR: Sentences = {
  network: "Não consegui falar com o servidor. Verifique sua conexão e tente de novo.",
  aborted: "A operação foi cancelada.",
  bad_stream: "A resposta chegou incompleta. Tente perguntar de novo.",
  bad_response: "O servidor respondeu algo inesperado. Tente de novo em instantes.",
  not_found: "Não encontrei o que você procurava. Talvez tenha sido apagado.",
  "not_found:document": "Este documento não existe mais. Talvez o professor o tenha removido.",
  "not_found:collection": "Este curso não existe mais. Escolha outro curso.",
  "not_found:conversation": "Esta conversa não existe mais.",
  "not_found:chunk": "Este trecho não está mais disponível. O documento pode ter sido atualizado.",
  "not_found:message": "Esta resposta não existe mais.",
  "not_found:file": "O arquivo original deste documento não está mais disponível.",
  "bad_request:question": "Escreva uma pergunta antes de enviar.",
  "bad_request:name": "Dê um nome ao curso.",
  "bad_request:default_collection": "O curso padrão não pode ser excluído.",
  "upstream:llm_stream_cut": "A resposta foi interrompida no meio. Tente perguntar de novo.",
  unavailable: "O serviço está indisponível agora. Tente de novo em instantes.",
  too_large_uncompressed: "O arquivo descompactado é grande demais para ser lido.",
  encrypted_document: "O arquivo está protegido por senha. Envie uma versão sem senha.",
  "ingest:unreadable": "Não foi possível ler este arquivo. Confira se ele abre no seu computador.",
  "ingest:interrupted": "A leitura do arquivo foi interrompida. Envie o arquivo de novo.",
  bad_request: "O pedido não pôde ser entendido. Confira o que foi enviado.",
  "bad_request:upload": "Não recebi um arquivo válido. Escolha o arquivo de novo.",
  "bad_request:message": "Escreva uma pergunta antes de enviar.",
  conflict: "Isso já existe.",
  "conflict:collection": "Já existe um curso com esse nome.",
  "conflict:indexing": "Este documento já está sendo indexado. Espere terminar e tente de novo.",
  "conflict:no_question": "Faça uma pergunta primeiro; depois peça uma dica ou responda.",
  "conflict:reveal_too_early": "Tente responder ou peça mais uma dica antes de ver a resposta.",
  "conflict:exam_mode": "Em modo prova o assistente só indica onde estudar: a resposta não é mostrada.",
  "bad_request:tutor_mode": "Escolha um modo válido: direto, tutor ou prova.",
  "bad_request:prova_window": "Informe o início e o fim da janela de prova, com o fim depois do início, ou deixe os dois em branco.",
  "conflict:not_ready": "Este documento ainda está sendo indexado. Gere as perguntas quando ele estiver pronto.",
  "conflict:study_in_exam": "O curso está em modo prova: os estudos voltam quando a prova terminar.",
  "bad_request:page_range": "Intervalo de páginas inválido. Confira a primeira e a última página.",
  "not_found:study_item": "Esta pergunta não está mais disponível.",
  "not_found:study_job": "Esta geração de perguntas não existe mais. Gere as perguntas de novo.",
  "bad_request:study_status": "Status inválido: use rascunho, aprovada ou rejeitada.",
  "bad_request:study_kind": "Cartões são avaliados de 1 a 4, não respondidos.",
  "bad_request:export_format": "Formato de exportação inválido: use Anki, Moodle XML ou CSV.",
  too_large: "O arquivo é grande demais. O limite é 50 MB.",
  unauthorized: "Esta ação é só para professores. Digite a senha de professor.",
  forbidden: "Você não tem permissão para fazer isso.",
  rate_limited: "Muitas perguntas seguidas. Espere um pouco e tente de novo.",
  upstream: "O serviço de respostas está com problemas agora. Tente de novo em instantes.",
  "upstream:llm_error": "O serviço de respostas está com problemas agora. Tente de novo em instantes.",
  "upstream:llm_timeout": "O serviço de respostas demorou demais. Tente de novo.",
  "upstream:llm_rate_limited": "O serviço de respostas está sobrecarregado. Espere um minuto e tente de novo.",
  unsupported_type: "Este tipo de arquivo não é aceito. Use PDF, DOCX, PPTX, Markdown, HTML ou texto.",
  empty_document: "O arquivo não tem texto para ler.",
  malformed_document: "O arquivo parece estar corrompido e não pôde ser lido.",
  needs_ocr: "Este PDF é só imagem (digitalizado). Envie uma versão com texto selecionável.",
  server_error: "Algo deu errado no servidor. Tente de novo em instantes.",
  internal: "Algo deu errado no servidor. Tente de novo em instantes.",
  backend_unavailable: "O servidor do ChatGepeto não está respondendo. Tente de novo em instantes.",
  proxy_misconfigured: "O servidor do ChatGepeto está mal configurado. Avise o administrador.",
  method_not_allowed: "O pedido não pôde ser entendido. Confira o que foi enviado.",
  unsupported_media_type: "O pedido não pôde ser entendido. Confira o que foi enviado.",
  config: "O servidor do ChatGepeto está mal configurado. Avise o administrador.",
  ingest: "Não foi possível ler este arquivo. Confira se ele abre no seu computador.",
  "rate_limited:streams": "Já há respostas em andamento. Espere uma terminar e pergunte de novo.",
  too_many_pages: "O arquivo tem páginas demais para um documento. Divida-o em partes e envie cada uma.",
  too_much_text: "O arquivo tem texto demais para um documento. Divida-o em partes e envie cada uma.",
  image_too_large: "Uma página deste arquivo é uma imagem grande demais para ser lida.",
  gone: "Este link não vale mais. Peça um novo ao professor.",
  "gone:invitation_expired": "Este link de turma expirou. Peça um link novo ao professor.",
  "gone:invitation_revoked": "O professor revogou este link de turma. Peça um link novo ao professor.",
  "not_found:invitation": "Este link de turma não existe. Confira o endereço ou o código, ou peça um link novo ao professor.",
  "not_found:invite": "Este link de senha não vale mais (já foi usado ou expirou). Peça um novo ao administrador.",
  "unauthorized:sign_in": "E-mail ou senha incorretos.",
  "unauthorized:csrf": "Sua sessão expirou nesta página. Recarregue a página e tente de novo.",
  "bad_request:password": "A senha precisa ter de 10 a 256 caracteres.",
  "bad_request:email": "Digite um e-mail válido.",
  "bad_request:visibility": "Escolha turma ou aberto.",
  "bad_request:retention": "Os dias de retenção vão de 1 a 3650, ou fique em branco para guardar sempre.",
  "bad_request:expiry": "A validade do link vai de 1 a 365 dias, ou fique em branco para não expirar.",
  unknown: "Algo deu errado. Tente de novo.",
};

const en: Sentences = {
  network: "Could not reach the server. Check your connection and try again.",
  aborted: "The operation was cancelled.",
  bad_stream: "The answer arrived incomplete. Try asking again.",
  bad_response: "The server sent something unexpected. Try again in a moment.",
  not_found: "I could not find that. It may have been deleted.",
  "not_found:document": "This document no longer exists. The teacher may have removed it.",
  "not_found:collection": "This course no longer exists. Pick another course.",
  "not_found:conversation": "This conversation no longer exists.",
  "not_found:chunk": "This passage is no longer available. The document may have changed.",
  "not_found:message": "This answer no longer exists.",
  "not_found:file": "The original file of this document is no longer available.",
  "bad_request:question": "Write a question before sending.",
  "bad_request:name": "Give the course a name.",
  "bad_request:default_collection": "The default course cannot be deleted.",
  "upstream:llm_stream_cut": "The answer was cut off. Try asking again.",
  unavailable: "The service is unavailable right now. Try again in a moment.",
  too_large_uncompressed: "The file is too large once uncompressed to be read.",
  encrypted_document: "The file is password-protected. Upload a version without a password.",
  "ingest:unreadable": "This file could not be read. Check that it opens on your computer.",
  "ingest:interrupted": "Reading the file was interrupted. Upload it again.",
  bad_request: "The request could not be understood. Check what was sent.",
  "bad_request:upload": "No valid file was received. Choose the file again.",
  "bad_request:message": "Write a question before sending.",
  conflict: "That already exists.",
  "conflict:collection": "A course with that name already exists.",
  "conflict:indexing": "This document is already being indexed. Wait for it to finish and try again.",
  "conflict:no_question": "Ask a question first; then ask for a hint or answer it.",
  "conflict:reveal_too_early": "Try answering or ask for another hint before seeing the answer.",
  "conflict:exam_mode": "In exam mode the assistant only points to where to study: the answer is not shown.",
  "bad_request:tutor_mode": "Choose a valid mode: direto, tutor or prova.",
  "bad_request:prova_window": "Give both the start and the end of the exam window, the end after the start, or leave both blank.",
  "conflict:not_ready": "This document is still being indexed. Generate questions once it is ready.",
  "conflict:study_in_exam": "The course is in exam mode: studying comes back when the exam ends.",
  "bad_request:page_range": "Invalid page range. Check the first and the last page.",
  "not_found:study_item": "This question is no longer available.",
  "not_found:study_job": "This question generation no longer exists. Generate the questions again.",
  "bad_request:study_status": "Invalid status: use draft, approved or rejected.",
  "bad_request:study_kind": "Cards are graded 1 to 4, not answered.",
  "bad_request:export_format": "Invalid export format: use Anki, Moodle XML or CSV.",
  too_large: "The file is too large. The limit is 50 MB.",
  unauthorized: "This action is for teachers only. Enter the teacher password.",
  forbidden: "You are not allowed to do that.",
  rate_limited: "Too many questions in a row. Wait a little and try again.",
  upstream: "The answering service is having trouble. Try again in a moment.",
  "upstream:llm_error": "The answering service is having trouble. Try again in a moment.",
  "upstream:llm_timeout": "The answering service took too long. Try again.",
  "upstream:llm_rate_limited": "The answering service is overloaded. Wait a minute and try again.",
  unsupported_type: "This file type is not accepted. Use PDF, DOCX, PPTX, Markdown, HTML or text.",
  empty_document: "The file has no text to read.",
  malformed_document: "The file looks corrupted and could not be read.",
  needs_ocr: "This PDF is only images (scanned). Upload a version with selectable text.",
  server_error: "Something went wrong on the server. Try again in a moment.",
  internal: "Something went wrong on the server. Try again in a moment.",
  backend_unavailable: "The ChatGepeto server is not answering. Try again in a moment.",
  proxy_misconfigured: "The ChatGepeto server is misconfigured. Tell the administrator.",
  method_not_allowed: "The request could not be understood. Check what was sent.",
  unsupported_media_type: "The request could not be understood. Check what was sent.",
  config: "The ChatGepeto server is misconfigured. Tell the administrator.",
  ingest: "This file could not be read. Check that it opens on your computer.",
  "rate_limited:streams": "Answers are already in progress. Wait for one to finish and ask again.",
  too_many_pages: "The file has too many pages for one document. Split it and upload each part.",
  too_much_text: "The file holds too much text for one document. Split it and upload each part.",
  image_too_large: "A page of this file is an image too large to be read.",
  gone: "This link no longer works. Ask the teacher for a new one.",
  "gone:invitation_expired": "This class link has expired. Ask the teacher for a new link.",
  "gone:invitation_revoked": "The teacher revoked this class link. Ask the teacher for a new link.",
  "not_found:invitation": "This class link does not exist. Check the address or the code, or ask the teacher for a new link.",
  "not_found:invite": "This password link no longer works (it was used or it expired). Ask the administrator for a new one.",
  "unauthorized:sign_in": "Wrong e-mail or password.",
  "unauthorized:csrf": "Your session expired on this page. Reload the page and try again.",
  "bad_request:password": "The password needs 10 to 256 characters.",
  "bad_request:email": "Type a valid e-mail address.",
  "bad_request:visibility": "Choose class or open.",
  "bad_request:retention": "Retention days go from 1 to 3650, or leave it blank to keep everything.",
  "bad_request:expiry": "The link's validity goes from 1 to 365 days, or leave it blank for no expiry.",
  unknown: "Something went wrong. Try again.",
};

const sentences: Record<Locale, Sentences> = { "pt-BR": ptBR, en };

/** The sentence for exactly this code, or null when there is none (callers keep their own text). */
export function sentenceFor(code: string | null | undefined, locale: Locale): string | null {
  return (code && sentences[locale][code]) || null;
}

/** The code a bare HTTP status stands for, when the body carried none. */
export function codeForStatus(status: number): string {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 413) return "too_large";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server_error";
  if (status >= 400) return "bad_request";
  return "unknown";
}

/**
 * The sentence for a code: the exact code, else its family (`not_found:x` -> `not_found`), else
 * the server's own message when it sent one, else a generic sentence.
 */
export function describeError(code: string, locale: Locale, serverMessage?: string): string {
  const table = sentences[locale];
  const exact = table[code];
  if (exact) return exact;
  const family = table[code.split(":")[0] ?? ""];
  if (family) return family;
  if (serverMessage && serverMessage.trim()) return serverMessage;
  return table.unknown ?? "";
}
