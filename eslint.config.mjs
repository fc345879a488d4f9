// @ts-check
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/**
 * One import style, and the architecture's arrows, as lint rules: `@/…` for anything
 * outside a file's own folder, `./…` inside it, no extensions; and the imports each layer
 * must not make (README, "Architecture").
 */
const IMPORT_STYLE = [
  { group: ["../*", "../**"], message: "Import from outside this folder with the @/ alias." },
  { regex: "^[.@].*\\.tsx?$", message: "Leave the .ts/.tsx extension out of import paths." },
];

/** A layer's forbidden imports, on top of the import style (a later rule replaces an earlier one). */
const forbid = (files, layers, why) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...IMPORT_STYLE,
          ...layers.map((layer) => ({ group: [layer, `${layer}/**`], message: `${why} (${layer}).` })),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "data/**", ".e2e/**", ".bench/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat["recommended-latest"],
  {
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  {
    rules: {
      "no-restricted-imports": ["error", { patterns: IMPORT_STYLE }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  forbid(["lib/domain/**"], ["@/lib", "@/components", "@/app"], "lib/domain holds plain types and rules and imports nothing of the app"),
  forbid(["lib/stats/**"], ["@/lib/db", "@/lib/data", "@/lib/ingest", "@/components", "@/app"], "lib/stats is pure numerics: no I/O, no UI"),
  forbid(["components/**"], ["@/lib/db", "@/lib/data/store", "@/lib/stats", "@/lib/ingest"], "Components get their data as props from a page's view"),
  forbid(["app/**/page.tsx", "app/**/layout.tsx"], ["@/lib/db", "@/lib/data/store", "@/lib/stats", "@/lib/ingest"], "A page reads its lib/data/views function"),
  forbid(["app/api/**"], ["@/lib/db", "@/lib/ingest"], "Route handlers read through lib/data"),
  forbid(["lib/data/views/**"], ["@/lib/db", "@/lib/ingest"], "Views read through lib/data/store"),
  forbid(["lib/data/store/**"], ["@/lib/data/views", "@/lib/ingest"], "The store serves the views, never the reverse"),
  {
    // Tests and the test-only helpers may reach anything; node scripts are not the browser.
    files: ["**/*.test.ts", "tests/**", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
