/** Gzipped sizes of the JavaScript the built extension loads: a page's, or a script's with what it imports. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// `import{a as b}from"./chunks/x.js"`, `import"./x.js"`, `export*from"./x.js"` in minified output.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w${}\s,*]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

/** Gzipped size of the JavaScript a built page loads (its script and modulepreloads), each file gzipped alone. */
export function pageScriptGzipBytes(outputDir: string, page: string): number {
  const html = readFileSync(path.join(outputDir, page), 'utf8');
  const sources = [...html.matchAll(/(?:src|href)="(\/[^"]+\.js)"/g)].map((match) => match[1]!);
  return [...new Set(sources)].reduce((total, source) => total + gzipSync(readFileSync(path.join(outputDir, source))).length, 0);
}

/**
 * Gzipped size of a built script and of every chunk it imports, each file gzipped alone:
 * a module's shared chunks load with it, so they count (background.js alone once hid a
 * third of the worker's code in chunks it shared with the pages).
 */
export function scriptGzipBytes(outputDir: string, script: string): number {
  const counted = new Set<string>();
  const sizeOf = (file: string): number => {
    if (counted.has(file)) return 0;
    counted.add(file);
    const code = readFileSync(path.join(outputDir, file));
    const imports = [...code.toString('utf8').matchAll(STATIC_IMPORT)].map((match) => path.posix.join(path.posix.dirname(file), match[1]!));
    return imports.reduce((total, imported) => total + sizeOf(imported), gzipSync(code).length);
  };
  return sizeOf(script);
}
