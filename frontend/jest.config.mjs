import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

// react-markdown and the unified ecosystem ship ESM only: let SWC transform them for Jest.
const ESM_PACKAGES = [
  "react-markdown", "devlop", "hast-util-.*", "comma-separated-tokens", "estree-util-.*",
  "mdast-util-.*", "decode-named-character-reference", "character-entities.*", "micromark.*",
  "unist-util-.*", "longest-streak", "zwitch", "ccount", "parse-entities", "character-reference-invalid",
  "is-alphanumerical", "is-alphabetical", "is-decimal", "is-hexadecimal", "stringify-entities",
  "vfile.*", "property-information", "space-separated-tokens", "html-url-attributes", "@ungap/structured-clone",
  "trim-lines", "remark-.*", "unified", "bail", "is-plain-obj", "trough",
];

/** @type {import('jest').Config} */
const config = {
  testEnvironment: "<rootDir>/tests/jsdom-environment.js",
  setupFilesAfterEnv: ["<rootDir>/tests/setup.ts"],
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
  testMatch: ["<rootDir>/tests/**/*.test.ts", "<rootDir>/tests/**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/e2e/", "/.next/"],
};

export default async function jestConfig() {
  const resolved = await createJestConfig(config)();
  resolved.transformIgnorePatterns = [
    `/node_modules/(?!(${ESM_PACKAGES.join("|")})/)`,
    "^.+\\.module\\.(css|sass|scss)$",
  ];
  return resolved;
}
