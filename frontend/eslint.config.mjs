import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-globals": ["error", { name: "fetch", message: "Call the backend through lib/api-client.ts." }],
    },
  },
  {
    files: ["lib/api-client.ts", "app/api/**/*.ts", "e2e/**/*.ts", "tests/**/*.ts", "tests/**/*.tsx"],
    rules: { "no-restricted-globals": "off" },
  },
  {
    files: ["tests/jsdom-environment.js", "server/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "coverage/**"],
  },
];

export default config;
