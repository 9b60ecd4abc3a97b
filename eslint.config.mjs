import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "e2e/artifacts/**", "next-env.d.ts"],
  },
  {
    // Settings are read in one typed, validated place (lib/server/env.ts).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/server/env.ts", "lib/server/local-setup.ts", "lib/server/logger.ts", "lib/sandbox/**", "**/*.test.ts", "**/*.bench.ts", "**/bench-*.ts", "**/bench/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings through env() from lib/server/env.ts." }],
    },
  },
  {
    // Infrastructure knows no feature: features export their jobs, scripts/worker-jobs.ts composes them.
    files: ["lib/server/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/lib/|(\\.\\./)+)(migration|gates|verification|cutover|mapping|extraction|system|connections|inventory|estimator|staff|accounts|audit|demo|sandbox)(/|$)",
              message: "lib/server must not import a feature: let the feature export what it offers and compose it at the edge (scripts/, app/).",
            },
          ],
        },
      ],
    },
  },
  {
    // Pages and route handlers read through the feature's data helpers, which scope every
    // query by organisation; a `db().model.…` call in app/ bypasses them.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.type='CallExpression'][object.callee.name='db'][property.name!='$transaction']",
          message: "Query through the feature's data helper (lib/<feature>/…), which scopes by organisation; pass db() to it.",
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
