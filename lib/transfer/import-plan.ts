/**
 * What an import would do, before it does anything: each key found is new, a
 * duplicate of one already saved (skipped), or unrecognised (its provider unknown).
 * @module
 */
import { PROVIDERS, findProvider, providerName } from '../providers/catalog.ts';
import { detectProvider } from '../providers/detect.ts';
import type { Entry } from '../vault/payload-schema.ts';
import type { EntryInput } from '../vault/entry-input.ts';
import type { EnvVariable } from './env-file.ts';
import { namesOf, uniqueName } from '../vault/unique-name.ts';
import { words, type Words } from '../words.ts';

export type ImportStatus = 'new' | 'duplicate' | 'unrecognised';

export interface ImportCandidate {
  status: ImportStatus;
  /** Where it came from: a variable and line, or a backup entry's name. */
  source: string;
  /** The entry to add; present unless unrecognised. */
  input?: EntryInput;
  secret: string;
}

const KEYISH_NAME = /(_|^)(API_?KEY|KEY|TOKEN|SECRET)$/i;
const ALL_ENV_NAMES = new Set(PROVIDERS.flatMap((provider) => provider.envNames));

function azureResource(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint).hostname.match(/^([a-z0-9-]+)\.openai\.azure\.com$/i)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Marks candidates whose provider and key are already saved, or repeated in the file,
 * as duplicates; then gives each new one a name not yet taken for its provider. Run at
 * preview, and again at confirmation against the vault as it is then.
 */
export function settleAgainst(candidates: readonly ImportCandidate[], existing: readonly Entry[]): ImportCandidate[] {
  const seen = new Set(existing.map((entry) => `${entry.provider}\n${entry.secret}`));
  const taken = new Map<string, Set<string>>();
  return candidates.map((candidate) => {
    const { input } = candidate;
    if (!input) return candidate;
    const key = `${input.provider}\n${candidate.secret}`;
    if (seen.has(key)) return { ...candidate, status: 'duplicate' };
    seen.add(key);
    const names = taken.get(input.provider) ?? taken.set(input.provider, namesOf(existing, input.provider)).get(input.provider)!;
    return { ...candidate, input: { ...input, name: uniqueName(input.name, names) } };
  });
}

/**
 * Plans importing the keys of a `.env` file; variables that are not keys are left out.
 * `say` turns the words it writes (each key's source and notes) into the reader's language.
 */
export function planEnvImport(variables: readonly EnvVariable[], existing: readonly Entry[], say: (words: Words) => string): ImportCandidate[] {
  const azureEndpoint = variables.find((v) => v.name.toUpperCase() === 'AZURE_OPENAI_ENDPOINT')?.value;
  const candidates: ImportCandidate[] = [];
  for (const { name, value, line } of variables) {
    const upper = name.toUpperCase();
    const best = detectProvider(value, upper).find((c) => c.confidence === 'exact');
    if (!best && !ALL_ENV_NAMES.has(upper) && !KEYISH_NAME.test(upper)) continue;
    const source = say(words('importPlan.envSource', name, line));
    if (!best || !value) {
      candidates.push({ status: 'unrecognised', source, secret: value });
      continue;
    }
    const provider = findProvider(best.provider)!;
    const resource = provider.id === 'azure-openai' ? azureResource(azureEndpoint) : undefined;
    const input: EntryInput = {
      provider: provider.id,
      name: `${providerName(provider.id)} (${name})`,
      secret: value,
      ...(resource ? { fields: { resource } } : {}),
      notes: say(words('importPlan.envNote', name)),
    };
    candidates.push({ status: 'new', source, input, secret: value });
  }
  return settleAgainst(candidates, existing);
}

/** Plans importing the entries of an opened backup. */
export function planBackupImport(entries: readonly Entry[], existing: readonly Entry[]): ImportCandidate[] {
  const candidates = entries.map((entry): ImportCandidate => {
    if (!findProvider(entry.provider)) return { status: 'unrecognised', source: entry.name, secret: entry.secret };
    const input: EntryInput = {
      provider: entry.provider,
      name: entry.name,
      secret: entry.secret,
      fields: entry.fields,
      tags: entry.tags,
      notes: entry.notes,
      enabled: entry.enabled,
      ...(entry.endpoint ? { endpoint: entry.endpoint } : {}),
      ...(entry.expiresAt !== undefined ? { expiresAt: entry.expiresAt } : {}),
    };
    return { status: 'new', source: entry.name, input, secret: entry.secret };
  });
  return settleAgainst(candidates, existing);
}
