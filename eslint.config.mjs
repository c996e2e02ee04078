import js from "@eslint/js";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";

export default tseslint.config(
  { ignores: [".next*/**", "bench/.data/**", "node_modules/**", "data/**", "data-demo/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      // An update or delete without a where clause rewrites a whole table: never intended here.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // The domain is pure: rules take data and `now`, and know nothing of frameworks or storage.
    files: ["server/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "server/domain must not depend on Next." },
            { group: ["@trpc/*"], message: "server/domain must not depend on tRPC." },
            { group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3", "@/db/*", "@/server/repositories/*", "@/server/services/*", "@/server/api/*"], message: "server/domain must not touch storage or outer layers." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/repositories/*", "drizzle-orm", "drizzle-orm/*"],
              allowTypeImports: true,
              message: "Pages and actions go through server/api or server/services, never straight to the database.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
