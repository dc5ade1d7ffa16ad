/** @jest-environment node */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.join(__dirname, "..", "..");

describe("lib/api-types.gen.ts", () => {
  it("is what openapi-typescript generates from the backend's committed OpenAPI", () => {
    // Throws (with the script's message) when the committed file is stale.
    const out = execFileSync(process.execPath, ["scripts/api-types.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(out).toContain("is current");
  });

  it("carries the backend's error catalogue as a union of codes", () => {
    const generated = readFileSync(path.join(root, "lib", "api-types.gen.ts"), "utf8");
    const spec = JSON.parse(readFileSync(path.join(root, "..", "backend", "openapi.json"), "utf8"));
    const codes: string[] = spec.components.schemas.ErrorCode.enum;
    expect(codes).toContain("not_found:document");
    for (const code of codes) expect(generated).toContain(`"${code}"`);
  });
});
