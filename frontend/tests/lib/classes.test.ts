import { ApiError } from "@/lib/api-client";
import { codeFromInput, daysFrom, invitationUrl, isActive, joinFailure, joinHref } from "@/lib/classes";
import { translator } from "@/lib/i18n";
import { oidcRefusal, signInErrorText } from "@/lib/sign-in";

describe("join codes and links", () => {
  it("takes the code from a bare code or a pasted link", () => {
    expect(codeFromInput("  7k3m-9q2x bd ")).toBe("7k3m-9q2x bd");
    expect(codeFromInput("https://escola.example/entrar/turma/7K3M9Q2XBD?x=1")).toBe("7K3M9Q2XBD");
    expect(codeFromInput("/entrar/turma/ABCDEFGHJK/")).toBe("ABCDEFGHJK");
    expect(codeFromInput("   ")).toBe("");
    expect(joinHref("AB CD")).toBe("/entrar/turma/AB%20CD");
  });

  it("builds the full link from this site's origin and the invitation's path", () => {
    expect(invitationUrl({ path: "/entrar/turma/7K3M9Q2XBD" }, "http://10.0.0.5:3000/")).toBe("http://10.0.0.5:3000/entrar/turma/7K3M9Q2XBD");
  });

  it("maps the backend's join refusals to the page shown, never to the course", () => {
    expect(joinFailure(new ApiError(410, "gone:invitation_expired", ""))).toBe("expired");
    expect(joinFailure(new ApiError(410, "gone:invitation_revoked", ""))).toBe("revoked");
    expect(joinFailure(new ApiError(404, "not_found:invitation", ""))).toBe("unknown");
    expect(joinFailure(new ApiError(404, "not_found", ""))).toBe("unknown");
    expect(joinFailure(new ApiError(429, "rate_limited", ""))).toBe("busy");
    expect(joinFailure(new ApiError(0, "network", ""))).toBe("other");
  });

  it("reads day fields: blank is no limit, whole numbers in range, anything else invalid", () => {
    expect(daysFrom("", 365)).toBeNull();
    expect(daysFrom(" 30 ", 365)).toBe(30);
    expect(daysFrom("0", 365)).toBe("invalid");
    expect(daysFrom("366", 365)).toBe("invalid");
    expect(daysFrom("1.5", 365)).toBe("invalid");
  });

  it("tells active links from revoked and expired ones", () => {
    const now = Date.parse("2026-03-01T12:00:00Z");
    expect(isActive({ revoked_at: null, expires_at: null }, now)).toBe(true);
    expect(isActive({ revoked_at: null, expires_at: "2026-03-02T00:00:00Z" }, now)).toBe(true);
    expect(isActive({ revoked_at: null, expires_at: "2026-02-28T00:00:00Z" }, now)).toBe(false);
    expect(isActive({ revoked_at: "2026-02-01T00:00:00Z", expires_at: null }, now)).toBe(false);
  });
});

describe("sign-in messages", () => {
  const t = translator("pt-BR");

  it("has a sentence for each OIDC refusal and none for an unknown reason", () => {
    for (const reason of ["oidc_conta", "oidc_email", "oidc_token", "oidc_estado", "oidc_provedor"]) {
      const key = oidcRefusal(reason);
      expect(key).not.toBeNull();
      expect(t(key!)).not.toBe(key);
    }
    expect(oidcRefusal("toString")).toBeNull();
    expect(oidcRefusal(null)).toBeNull();
    expect(t(oidcRefusal("oidc_conta")!)).toMatch(/não foi convidada/);
  });

  it("says how long to wait after too many attempts, else the code's sentence", () => {
    expect(signInErrorText(new ApiError(429, "rate_limited", "", 42), t, "pt-BR")).toBe("Muitas tentativas de entrar. Espere 42 s e tente de novo.");
    expect(signInErrorText(new ApiError(429, "rate_limited", "", 125), t, "pt-BR")).toBe("Muitas tentativas de entrar. Espere 3 min e tente de novo.");
    expect(signInErrorText(new ApiError(429, "rate_limited", ""), t, "pt-BR")).toMatch(/Espere um pouco/);
    expect(signInErrorText(new ApiError(401, "unauthorized:sign_in", ""), t, "pt-BR")).toBe("E-mail ou senha incorretos.");
    expect(signInErrorText(new ApiError(401, "unauthorized:sign_in", ""), translator("en"), "en")).toBe("Wrong e-mail or password.");
  });
});
