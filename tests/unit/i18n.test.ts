import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'svelte/compiler';
import ts from 'typescript';
import { parseMessagesFile } from '@wxt-dev/i18n/build';

const SOURCE_DIRS = ['entrypoints', 'lib'];
/** Attributes a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);
const WORDS = /\p{L}{2,}/u;
// Components not yet moved to locales/en.yml. `it.fails` turns red as soon as one is
// moved, so it leaves this list the same day; the list ends empty.
const NOT_YET_MOVED = new Set<string>([
]);

function filesUnder(dir: string, ending: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => ending.test(file))
    .map((file) => path.join(dir, file));
}

interface Node {
  type: string;
  data?: string;
  name?: string;
  value?: unknown;
  start: number;
  [key: string]: unknown;
}

/** The words written straight into a component's markup, where i18n.t should be. */
function literalWords(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const current = node as Node;
    if (current.type === 'Script' || current.type === 'StyleSheet') return;
    if (current.type === 'Text' && WORDS.test(current.data ?? '')) found.push(current.data!.trim());
    if (current.type === 'Attribute') {
      if (!SPOKEN_ATTRIBUTES.has(current.name ?? '') || !Array.isArray(current.value)) return;
      for (const part of current.value as Node[]) if (part.type === 'Text' && WORDS.test(part.data ?? '')) found.push(`${current.name}="${part.data}"`);
      return;
    }
    for (const [key, value] of Object.entries(current)) if (key !== 'parent') visit(value);
  };
  visit(parse(source, { modern: true }).fragment);
  return found;
}

/** A token that is a word: letters (an apostrophe inside), maybe punctuation around, but no digit ("4px") and no CSS ("display:"). */
const WORD_TOKEN = /^[^\p{L}\p{N}\s:;]*\p{L}+(?:['’]\p{L}+)*[^\p{L}\p{N}\s:;]*$/u;
/** Errors whose message is for developers: words a person reads ride on errors that carry Words (VaultError, BackgroundError, SpendError…). */
const DEVELOPER_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'EncodingError']);

/** Three words in a row read as a sentence; ids, CSS, hyphenated labels and names of one or two words do not. */
function readsAsSentence(text: string): boolean {
  let run = 0;
  for (const token of text.split(/\s+/)) {
    run = WORD_TOKEN.test(token) ? run + 1 : 0;
    if (run === 3) return true;
  }
  return false;
}

/** DOM calls whose string is a CSS selector (`'input, textarea, select'` reads like words). */
const SELECTOR_CALLS = new Set(['closest', 'matches', 'querySelector', 'querySelectorAll']);

/**
 * Where a sentence in code is not for a reader, so it stays English:
 * - a CSS selector given to the DOM (SELECTOR_CALLS);
 * - the message of a plain error (DEVELOPER_ERRORS): the router answers an error that
 *   carries no words with errors.internal, so its message never reaches a page;
 * - a `console.…(…)` line, for whoever reads the logs;
 * - the message of a zod check (`z.regex(…, 'must be …')`): it names a malformed request
 *   or record, which our pages never send (they check first), like zod's own messages.
 */
function isForDevelopers(node: ts.Node): boolean {
  if (ts.isNewExpression(node)) return DEVELOPER_ERRORS.has(node.expression.getText());
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  return ['console', 'z'].includes(node.expression.expression.getText()) || SELECTOR_CALLS.has(node.expression.name.text);
}

/** The sentences written straight into a TypeScript module (strings and template text), where words('…') should be. */
function literalSentences(file: string, code = readFileSync(file, 'utf8')): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isForDevelopers(node)) return;
    if ((ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) && readsAsSentence(node.text)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true));
  return found;
}

describe('every word the user reads comes from locales/en.yml', () => {
  const components = SOURCE_DIRS.flatMap((dir) => filesUnder(dir, /\.svelte$/));
  it.each(components.filter((file) => !NOT_YET_MOVED.has(file)))('%s writes no words of its own', (file) => {
    expect(literalWords(file)).toEqual([]);
  });
  it.fails.each([...NOT_YET_MOVED])('%s still writes words of its own (remove it from NOT_YET_MOVED once moved)', (file) => {
    expect(literalWords(file)).toEqual([]);
  });

  const modules = SOURCE_DIRS.flatMap((dir) => filesUnder(dir, /\.ts$/));
  it.each(modules)('%s writes no sentences of its own', (file) => {
    expect(literalSentences(file)).toEqual([]);
  });
  const scriptsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!).join('\n');
  it.each(components)('%s writes no sentences of its own in its script', (file) => {
    expect(literalSentences(file, scriptsOf(file))).toEqual([]);
  });
  it('a sentence is found in a string or a template, not in what is for developers, CSS or a label', () => {
    const code = [
      "const a = 'No credit left on this account.';",
      'const b = `${host} did not answer in time.`;',
      'const note = `Imported from .env (${name}).`;',
      "throw new Error('an entry vanished without a tombstone');",
      "console.error('AI Key Vault: request failed:', kind);",
      "const id = z.string().check(z.regex(/^[0-9a-f]{32}$/, 'must be a 32-character hex id'));",
      "const css = 'display: block; border: 0; color-scheme: normal;';",
      "const label = utf8('ai-key-vault sync stamp');",
      "const typing = target.closest('input, textarea, select, [contenteditable]');",
      "const said = words('check.noCredit');",
    ].join('\n');
    expect(literalSentences('example.ts', code)).toEqual(['No credit left on this account.', ' did not answer in time.', 'Imported from .env (']);
  });

  it('every message is used, so the file holds no words nobody reads', async () => {
    const keys = (await parseMessagesFile('locales/en.yml'))
      .map((message) => message.key.join('.')).filter((key) => !key.startsWith('@@'));
    const code = [...SOURCE_DIRS.flatMap((dir) => filesUnder(dir, /\.(ts|svelte)$/)), 'wxt.config.ts'].map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = keys.filter((key) => !code.includes(`'${key}'`) && !code.includes(`__MSG_${key.replaceAll('.', '_')}__`));
    expect(unused).toEqual([]);
  });
});
