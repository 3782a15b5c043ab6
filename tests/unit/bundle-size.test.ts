import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { scriptGzipBytes } from '../../bench/bundle-size.ts';

const gzipped = (code: string) => gzipSync(code).length;

describe('the bench counts what a built script loads', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds every chunk a script imports, through chunks that import chunks, each once', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bundle-size-'));
    mkdirSync(path.join(dir, 'chunks'));
    const files = {
      'background.js': 'import{a as e}from"./chunks/a-1.js";import"./chunks/b-2.js";e();',
      'chunks/a-1.js': 'import{c as t}from"./c-3.js";export{t as a};',
      'chunks/b-2.js': 'export*from"./c-3.js";const s="from\\"x.js\\"";',
      'chunks/c-3.js': 'export const c=()=>1;',
      'chunks/unused-4.js': 'export const u=2;',
    };
    for (const [file, code] of Object.entries(files)) writeFileSync(path.join(dir, file), code);
    const loaded = ['background.js', 'chunks/a-1.js', 'chunks/b-2.js', 'chunks/c-3.js'] as const;
    expect(scriptGzipBytes(dir, 'background.js')).toBe(loaded.reduce((total, file) => total + gzipped(files[file]), 0));
  });
});
