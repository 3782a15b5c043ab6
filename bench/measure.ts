/** Timing helpers: medians after warm-up, and the results table. */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromiumPath } from '../tests/e2e/extension.ts';
import { firefoxPath } from '../tests/e2e-firefox/firefox.ts';

export async function median(runs: number, once: () => Promise<number> | number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return middle(times);
}

/** The median of figures already taken. */
export function middle(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Times a synchronous or async function once, in milliseconds. */
export async function timeOnce(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export interface Figure {
  figure: string;
  where: 'Chromium' | 'Firefox' | 'Node';
  value: number;
  unit: 'ms' | 'KB' | 'bytes' | 'keys' | 'count';
  goal?: number;
  /** The goal is a floor (more is better), not a ceiling. */
  atLeast?: boolean;
  note?: string;
}

const format = (value: number, unit: string) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ${unit}`;

function versionOf(binary: string | undefined, otherwise: string): string {
  try {
    return binary ? execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() : otherwise;
  } catch {
    return 'unknown';
  }
}

/** Every figure reported so far in this run: one worker runs the bench files in turn. */
const reportedThisRun: Figure[] = [];

/**
 * Prints the figures as a table and saves them, with those of the bench files that ran
 * before in this run, and the machine they ran on.
 */
export function report(figures: Figure[], file: string): void {
  reportedThisRun.push(...figures);
  const rows = figures.map((f) => ({
    figure: f.figure,
    where: f.where,
    value: format(f.value, f.unit),
    goal: f.goal === undefined ? '' : `${f.atLeast ? '≥' : '≤'} ${format(f.goal, f.unit)}`,
    verdict: f.goal === undefined ? '' : (f.atLeast ? f.value >= f.goal : f.value <= f.goal) ? 'ok' : 'MISSED',
    note: f.note ?? '',
  }));
  const columns = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(['', line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n'));
  const machine = {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    browser: versionOf(chromiumPath(), "Playwright's Chromium"),
    firefox: versionOf(firefoxPath(), 'none'),
  };
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, figures: reportedThisRun }, null, 2) + '\n');
  console.log(`\nSaved ${file}`);
}
