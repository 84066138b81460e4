// ESLint flat config: TypeScript (tests, scripts, Ignition modules, typed data, the pricing module, Hardhat
// config) and the plain Node scripts. Solidity is linted by solhint (.solhint.json), formatting is checked by
// prettier.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

/** Node.js globals the plain .js/.mjs scripts may use. */
const nodeGlobals = {
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
  URL: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
  fetch: "readonly",
  AbortSignal: "readonly",
};

export default defineConfig(
  globalIgnores([
    "node_modules/",
    "artifacts/",
    "cache/",
    "types/",
    "coverage/",
    "ignition/deployments/",
    "web/.next/",
    "web/next-env.d.ts",
    ".dev/",
    ".e2e/",
    "web/node_modules/",
    "indexer/.ponder/",
    "indexer/generated/",
    "indexer/ponder-env.d.ts",
    ".indexer-test/",
  ]),
  js.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
    extends: [tseslint.configs.recommended],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: nodeGlobals },
  },
  {
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
);
