import { readFileSync } from "node:fs";
import path from "node:path";
import { codeForStatus, describeError } from "@/lib/errors";

/** The backend's catalogue as its committed OpenAPI publishes it. */
function catalogue(): string[] {
  const spec = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "backend", "openapi.json"), "utf8"));
  return spec.components.schemas.ErrorCode.enum;
}

describe("describeError", () => {
  it("uses the exact code first, in each language", () => {
    expect(describeError("too_large", "pt-BR")).toMatch(/grande demais/);
    expect(describeError("too_large", "en")).toMatch(/too large/);
    expect(describeError("needs_ocr", "pt-BR")).toMatch(/digitalizado/);
  });

  it("falls back to the code's family, then the server's message, then a generic sentence", () => {
    expect(describeError("not_found:whatever", "en")).toBe(describeError("not_found", "en"));
    expect(describeError("teapot", "en", "I am a teapot")).toBe("I am a teapot");
    expect(describeError("teapot", "pt-BR", "  ")).toBe(describeError("unknown", "pt-BR"));
  });

  it("has a sentence for every code the backend contract names", () => {
    const codes = ["not_found:document", "bad_request:upload", "conflict:collection", "conflict:indexing", "too_large", "unauthorized",
      "rate_limited", "upstream:llm_error", "upstream:llm_timeout", "upstream:llm_rate_limited", "unsupported_type",
      "empty_document", "malformed_document", "needs_ocr"];
    for (const code of codes) {
      expect(describeError(code, "pt-BR", "SERVER")).not.toBe("SERVER");
      expect(describeError(code, "en", "SERVER")).not.toBe("SERVER");
    }
  });
});

describe("the backend's error catalogue", () => {
  it("has a sentence (its own or its family's) for every code, in each language", () => {
    const codes = catalogue();
    expect(codes.length).toBeGreaterThan(40);
    for (const code of codes) {
      expect([code, describeError(code, "pt-BR", "SERVER")]).not.toEqual([code, "SERVER"]);
      expect([code, describeError(code, "en", "SERVER")]).not.toEqual([code, "SERVER"]);
    }
  });
});

describe("codeForStatus", () => {
  it("maps bare statuses to codes", () => {
    expect([401, 403, 404, 409, 413, 429, 502, 418, 200].map(codeForStatus)).toEqual([
      "unauthorized", "forbidden", "not_found", "conflict", "too_large", "rate_limited", "server_error", "bad_request", "unknown",
    ]);
  });
});
