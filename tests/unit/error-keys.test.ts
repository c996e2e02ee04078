import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { en } from "@/server/i18n/messages/errors/en";
import { es } from "@/server/i18n/messages/errors/es";
import { pt } from "@/server/i18n/messages/errors/pt";

// Every refusal a person can read goes through the dictionaries. This reads the source (not a run), so a
// refusal on a path no test reaches is caught too: each call of the domain's error helpers must name a key
// that exists, with exactly the parameters its texts use.

const ROOT = path.resolve(import.meta.dirname, "../..");
const HELPERS = new Set(["badRequest", "forbidden", "notFound", "conflict", "preconditionFailed"]);
/** Braces that are part of the text itself (template variables, payment-link placeholders), not parameters. */
const LITERAL = /^(\d+|amount|amount_cents|currency|description)$/;
const dictionaries = { en, es, pt } as Record<string, Record<string, string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !LITERAL.test(name)));

/** The names this file gives the domain's error helpers (import { notFound as nf } …); next/navigation's notFound is not one. */
function helperNames(file: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/(^@\/server\/domain(\/errors)?|^\.\/errors|^\.\.\/domain(\/errors)?)$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (HELPERS.has(imported) || imported === "DomainError") names.set(element.name.text, imported);
    }
  }
  return names;
}

interface Site {
  where: string;
  problem?: string;
  keys: { literal: string[]; patterns: RegExp[] };
  params: Set<string>[];
}

/** The key(s) and parameter names of an ErrorText argument, following `cond ? {…} : {…}` and `key: cond ? "a" : "b"`. */
function readText(node: ts.Expression, site: Site): void {
  if (ts.isParenthesizedExpression(node)) return readText(node.expression, site);
  if (ts.isConditionalExpression(node)) {
    readText(node.whenTrue, site);
    readText(node.whenFalse, site);
    return;
  }
  if (!ts.isObjectLiteralExpression(node)) {
    site.problem = "the translation is not an object literal, so it can't be checked";
    return;
  }
  const params = new Set<string>();
  let sawKey = false;
  for (const property of node.properties) {
    const name = property.name && ts.isIdentifier(property.name) ? property.name.text : "";
    if (name === "key" && ts.isPropertyAssignment(property)) {
      sawKey = true;
      readKey(property.initializer, site);
    } else if (name === "params" && ts.isPropertyAssignment(property) && ts.isObjectLiteralExpression(property.initializer)) {
      for (const p of property.initializer.properties) if (p.name && ts.isIdentifier(p.name)) params.add(p.name.text);
    } else if (name === "params") {
      site.problem = "params is not an object literal";
    }
  }
  if (!sawKey) site.problem = "no key";
  site.params.push(params);
}

function readKey(node: ts.Expression, site: Site): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) site.keys.literal.push(node.text);
  else if (ts.isConditionalExpression(node)) {
    readKey(node.whenTrue, site);
    readKey(node.whenFalse, site);
  } else if (ts.isTemplateExpression(node)) {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const source = escape(node.head.text) + node.templateSpans.map((span) => `[\\w]+${escape(span.literal.text)}`).join("");
    site.keys.patterns.push(new RegExp(`^${source}$`));
  } else site.problem = "the key is neither a string nor a template";
}

/** Every `key: "error.…"` written anywhere (the tRPC layer words its own refusals through such keys). */
const writtenKeys: { where: string; key: string }[] = [];

function collectSites(): Site[] {
  const files = [...sourceFiles(path.join(ROOT, "server")), ...sourceFiles(path.join(ROOT, "app"))].filter(
    (f) => !f.endsWith(path.join("server", "domain", "errors.ts")),
  );
  const sites: Site[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const names = helperNames(source);
    const visit = (node: ts.Node): void => {
      const call = ts.isCallExpression(node) || ts.isNewExpression(node) ? node : null;
      if (call && ts.isIdentifier(call.expression)) {
        const imported = names.get(call.expression.text);
        if (imported && (imported === "DomainError") === ts.isNewExpression(call)) {
          const where = `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(call.getStart()).line + 1}`;
          const site: Site = { where, keys: { literal: [], patterns: [] }, params: [] };
          const args = call.arguments ?? ts.factory.createNodeArray();
          const text = ts.isNewExpression(call) ? args[2] : args[1];
          if (!text) site.problem = "no translation key";
          else readText(text, site);
          sites.push(site);
        }
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === "key" && ts.isStringLiteral(node.initializer) && node.initializer.text.startsWith("error.")) {
        writtenKeys.push({ where: `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, key: node.initializer.text });
      }
      // A tRPC error with a written-out message reaches the reader in English.
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "TRPCError") {
        const options = node.arguments?.[0];
        const message = options && ts.isObjectLiteralExpression(options)
          ? options.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "message")
          : undefined;
        if (message && ts.isPropertyAssignment(message) && (ts.isStringLiteral(message.initializer) || ts.isTemplateExpression(message.initializer) || ts.isNoSubstitutionTemplateLiteral(message.initializer))) {
          const where = `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
          sites.push({ where, problem: "TRPCError with a message written out in English", keys: { literal: [], patterns: [] }, params: [] });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

describe("user-facing refusals go through the dictionaries", () => {
  const sites = collectSites();

  it("finds the refusals to check", () => {
    expect(sites.length).toBeGreaterThan(80);
  });

  it("every refusal names a translation key", () => {
    const missing = sites.filter((s) => s.problem).map((s) => `${s.where}: ${s.problem}`);
    expect(missing).toEqual([]);
  });

  it("every key exists, and its parameters are exactly the ones its texts use", () => {
    const wrong: string[] = [];
    for (const site of sites.filter((s) => !s.problem)) {
      const given = new Set(site.params.flatMap((p) => [...p]));
      for (const key of site.keys.literal) {
        if (!(key in en)) {
          wrong.push(`${site.where}: no text for ${key}`);
          continue;
        }
        for (const [lang, dict] of Object.entries(dictionaries)) {
          const used = placeholders(dict[key]!);
          // Each branch of a conditional passes its own params; the key's texts may use any of them.
          for (const name of used) if (!given.has(name)) wrong.push(`${site.where}: ${lang} ${key} uses {${name}}, which is not passed`);
        }
        if (site.keys.literal.length === 1 && site.params.length === 1) {
          for (const name of given) if (!placeholders(en[key as keyof typeof en]).has(name)) wrong.push(`${site.where}: ${key} is passed {${name}}, which its text never uses`);
        }
      }
      for (const pattern of site.keys.patterns) {
        const matching = Object.keys(en).filter((k) => pattern.test(k));
        if (!matching.length) wrong.push(`${site.where}: no key matches ${pattern}`);
        for (const key of matching) {
          for (const name of placeholders(en[key as keyof typeof en])) if (!given.has(name)) wrong.push(`${site.where}: ${key} uses {${name}}, which is not passed`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("every error key written elsewhere has a text", () => {
    expect(writtenKeys.length).toBeGreaterThan(90);
    expect(writtenKeys.filter(({ key }) => !(key in en)).map(({ where, key }) => `${where}: ${key}`)).toEqual([]);
  });
});
