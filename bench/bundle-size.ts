/** Gzipped size of the JavaScript a built page loads (its script and modulepreloads). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export function pageScriptGzipBytes(outputDir: string, page: string): number {
  const html = readFileSync(path.join(outputDir, page), 'utf8');
  const sources = [...html.matchAll(/(?:src|href)="(\/[^"]+\.js)"/g)].map((match) => match[1]!);
  return [...new Set(sources)].reduce((total, source) => total + gzipSync(readFileSync(path.join(outputDir, source))).length, 0);
}
