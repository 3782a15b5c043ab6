/**
 * The protocol between pages (and content scripts) and the background: one zod schema
 * per request and per response, and who may send each request. Pages import only the
 * types from here (`import type`), so zod stays out of their bundles.
 * @module
 */
import { z } from 'zod';
import { ENTRY_ID, EntrySchema, PROVIDER_ID, SettingsSchema, ValidationSchema } from './vault/payload-schema.ts';
import { BUDGET } from './vault/usage-schema.ts';
import { MIN_PASSPHRASE_LENGTH } from './vault/passphrase-policy.ts';
import { LIMITS } from './vault/limits.ts';

const PASSPHRASE = z.string().max(LIMITS.passphrase);
const NEW_PASSPHRASE = PASSPHRASE.min(MIN_PASSPHRASE_LENGTH, `must be at least ${MIN_PASSPHRASE_LENGTH} characters`);
const EMPTY = z.strictObject({});

export const VaultStatusSchema = z.strictObject({
  state: z.enum(['none', 'locked', 'unlocked']),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const EntrySummarySchema = EntrySchema.omit({ secret: true, validation: true }).extend({
  validation: ValidationSchema.omit({ models: true }).extend({ modelCount: z.number().optional() }).optional(),
  masked: z.string(),
  hasSecret: z.boolean(),
  active: z.boolean(),
  admin: z.boolean(),
});

const EntryResponseSchema = z.strictObject({ entry: EntrySummarySchema });

/** Which view of the vault a page has (a new one after each worker start) and its version. */
const ViewVersionSchema = z.strictObject({ view: z.string().max(64), version: z.number().int().nonnegative() });
const KdfViewSchema = z.strictObject({ memoryKiB: z.number(), iterations: z.number(), parallelism: z.number() });

export const ProviderGroupSchema = z.strictObject({
  provider: z.string(),
  name: z.string(),
  active: EntrySummarySchema,
  keys: z.array(z.strictObject({ id: ENTRY_ID, name: z.string(), tags: z.array(z.string()) })),
  lastUsedAt: z.number(),
});
export type ProviderGroupView = z.infer<typeof ProviderGroupSchema>;

export const ImportRowSchema = z.strictObject({
  source: z.string(),
  status: z.enum(['new', 'duplicate', 'unrecognised']),
  provider: z.string().optional(),
  name: z.string().optional(),
  masked: z.string(),
});

/**
 * Which senders may ask what: extension pages manage the vault; content scripts may list
 * the keys for a field, receive the one the user picked there, and offer a new key.
 */
export type SenderClass = 'page' | 'content';
const PAGES: readonly SenderClass[] = ['page'];
const CONTENT: readonly SenderClass[] = ['content'];

export const SyncStatusSchema = z.strictObject({
  enabled: z.boolean(),
  lastSyncedAt: z.number().optional(),
  problem: z.string().optional(),
  usage: z.strictObject({ bytes: z.number(), items: z.number() }).optional(),
  limits: z.strictObject({ bytes: z.number(), items: z.number() }),
});
export type SyncStatusView = z.infer<typeof SyncStatusSchema>;

export const OfferedKeySchema = z.strictObject({ id: ENTRY_ID, name: z.string(), provider: z.string(), masked: z.string() });
export type OfferedKey = z.infer<typeof OfferedKeySchema>;
const SITE_ORIGIN = z.string().max(300);

export const PROTOCOL = {
  status: { request: EMPTY, response: VaultStatusSchema, senders: PAGES, passive: () => true },
  create: { request: z.strictObject({ passphrase: NEW_PASSPHRASE }), response: VaultStatusSchema, senders: PAGES },
  unlock: { request: z.strictObject({ passphrase: PASSPHRASE }), response: VaultStatusSchema, senders: PAGES },
  lock: { request: EMPTY, response: VaultStatusSchema, senders: PAGES },
  changePassphrase: {
    request: z.strictObject({ current: PASSPHRASE, next: NEW_PASSPHRASE }),
    response: EMPTY,
    senders: PAGES,
  },
  /** The keys (summaries, never secrets), settings and KDF settings, answered from memory. */
  listEntries: {
    request: EMPTY,
    response: ViewVersionSchema.extend({ entries: z.array(EntrySummarySchema), settings: SettingsSchema, kdf: KdfViewSchema }),
    senders: PAGES,
  },
  /**
   * A page catching up after a change it was told of (passive): what changed since the
   * version it has, key by key, or, when that cannot be said, every key.
   */
  listChanges: {
    request: z.strictObject({ since: ViewVersionSchema }),
    response: ViewVersionSchema.extend({
      entries: z.array(EntrySummarySchema).optional(),
      changes: z.strictObject({ upserted: z.array(EntrySummarySchema), removed: z.array(ENTRY_ID) }).optional(),
      settings: SettingsSchema,
      kdf: KdfViewSchema,
    }),
    senders: PAGES,
    passive: () => true,
  },
  /** The popup's rows, answered from memory; `refresh` (after a change it was told of) is passive. */
  popupList: {
    request: z.strictObject({ refresh: z.boolean().optional() }),
    response: ViewVersionSchema.extend({ groups: z.array(ProviderGroupSchema) }),
    senders: PAGES,
    passive: (data: unknown) => (data as { refresh?: unknown } | undefined)?.refresh === true,
  },
  // Entry fields are checked by the vault core, which names the field at fault.
  addEntry: { request: z.strictObject({ entry: z.unknown() }), response: EntryResponseSchema, senders: PAGES },
  updateEntry: {
    request: z.strictObject({ id: ENTRY_ID, changes: z.unknown(), expectedUpdatedAt: z.number().int().optional() }),
    response: EntryResponseSchema,
    senders: PAGES,
  },
  deleteEntry: { request: z.strictObject({ id: ENTRY_ID }), response: EMPTY, senders: PAGES },
  setActive: { request: z.strictObject({ id: ENTRY_ID }), response: EMPTY, senders: PAGES },
  duplicateEntry: { request: z.strictObject({ id: ENTRY_ID }), response: EntryResponseSchema, senders: PAGES },
  /**
   * One secret, for one user act: copy (counts a use) or reveal. A disabled key is
   * handed out only when the user confirmed (`allowDisabled`).
   */
  getSecret: {
    request: z.strictObject({ id: ENTRY_ID, purpose: z.enum(['copy', 'reveal']), allowDisabled: z.boolean().optional() }),
    /** For a copy: when the background will clear the clipboard (null: never). */
    response: z.strictObject({ secret: z.string(), clearAfterSeconds: z.number().nullable().optional() }),
    senders: PAGES,
  },
  /** Reads a `.env` or backup file into a masked preview; nothing is saved yet. */
  previewImport: {
    request: z.strictObject({ format: z.enum(['env', 'backup']), text: z.string().max(LIMITS.importFileBytes), passphrase: PASSPHRASE.optional() }),
    response: z.strictObject({ token: z.string(), rows: z.array(ImportRowSchema) }),
    senders: PAGES,
  },
  confirmImport: { request: z.strictObject({ token: z.string().max(64) }), response: z.strictObject({ added: z.number() }), senders: PAGES },
  /** An encrypted backup of every key under a passphrase chosen for it, after the master passphrase is entered again. */
  exportBackup: {
    request: z.strictObject({ masterPassphrase: PASSPHRASE, backupPassphrase: NEW_PASSPHRASE }),
    response: z.strictObject({ text: z.string() }),
    senders: PAGES,
  },
  /** Every key in plain text, after the master passphrase is entered again. */
  exportPlain: { request: z.strictObject({ passphrase: PASSPHRASE }), response: z.strictObject({ text: z.string() }), senders: PAGES },
  /** Checks one key against its provider now; the result is stored on the entry. */
  checkEntry: { request: z.strictObject({ id: ENTRY_ID }), response: z.strictObject({ validation: ValidationSchema.optional() }), senders: PAGES },
  /** Checks every key (progress arrives as events); answers when done or cancelled. */
  checkAll: { request: EMPTY, response: EMPTY, senders: PAGES },
  cancelChecks: { request: EMPTY, response: EMPTY, senders: PAGES },
  updateSettings: {
    request: z.strictObject({ settings: z.unknown() }),
    response: z.strictObject({ settings: SettingsSchema }),
    senders: PAGES,
  },
  /**
   * Fills a key into the tab the popup was opened over (the popup's own window knows
   * which one; the background reads that tab's address from the browser).
   */
  fillTab: {
    request: z.strictObject({ id: ENTRY_ID, tabId: z.number().int().nonnegative(), allowDisabled: z.boolean().optional() }),
    response: EMPTY,
    senders: PAGES,
  },
  /** A key the content script offered to save: provider, suggested name and key, for the add form. */
  takeCapture: {
    request: z.strictObject({ token: z.string().max(64) }),
    response: z.strictObject({ provider: z.string(), name: z.string(), secret: z.string() }),
    senders: PAGES,
  },
  /** The sites (besides the curated ones) where the user turned the inline offer on. */
  inlineSites: { request: EMPTY, response: z.strictObject({ sites: z.array(z.string()) }), senders: PAGES },
  /** Turns the inline offer on for one origin, after the page obtained its host permission. */
  enableInlineSite: { request: z.strictObject({ origin: SITE_ORIGIN }), response: z.strictObject({ sites: z.array(z.string()) }), senders: PAGES },
  disableInlineSite: { request: z.strictObject({ origin: SITE_ORIGIN }), response: z.strictObject({ sites: z.array(z.string()) }), senders: PAGES },
  /** The inline offer: names and masks of the keys for a field (providers: the field's hints). */
  inlineKeys: {
    request: z.strictObject({ providers: z.array(z.string().max(40)).max(8) }),
    response: z.strictObject({ state: z.enum(['locked', 'unlocked']), keys: z.array(OfferedKeySchema) }),
    senders: CONTENT,
  },
  /** The key the user just picked in the inline offer, for the sender's own frame. */
  inlineFill: { request: z.strictObject({ id: ENTRY_ID }), response: z.strictObject({ secret: z.string() }), senders: CONTENT },
  /** A key that appeared on a provider's console: opens the add form prefilled. */
  captureKey: {
    request: z.strictObject({ secret: z.string().min(8).max(LIMITS.secret) }),
    response: z.strictObject({ savedAs: z.string().optional() }),
    senders: CONTENT,
  },
  /** Sync through the browser's own sync storage: its state, turning it on (or joining) and off. */
  syncStatus: { request: EMPTY, response: SyncStatusSchema, senders: PAGES, passive: () => true },
  enableSync: { request: z.strictObject({ passphrase: PASSPHRASE.optional() }), response: SyncStatusSchema, senders: PAGES },
  disableSync: { request: EMPTY, response: SyncStatusSchema, senders: PAGES },
  syncNow: { request: EMPTY, response: SyncStatusSchema, senders: PAGES },
  /** Reads every key's usage from its provider now ("Refresh usage"); the figures arrive on the keys. */
  refreshUsage: {
    request: EMPTY,
    response: z.strictObject({ refreshedAt: z.number(), keys: z.number(), problems: z.number() }),
    senders: PAGES,
  },
  /** Sets (or, with null, removes) a key's or a provider's monthly budget in US dollars. */
  setBudget: {
    request: z.strictObject({ target: z.union([z.strictObject({ id: ENTRY_ID }), z.strictObject({ provider: PROVIDER_ID })]), budget: BUDGET.nullable() }),
    response: EMPTY,
    senders: PAGES,
  },
  /** Finds a key at its provider with a key that manages it, and names both, before anything is revoked. */
  previewRevoke: {
    request: z.strictObject({ id: ENTRY_ID }),
    response: z.strictObject({ token: z.string(), key: z.string(), providerKey: z.string(), organization: z.string(), effect: z.string(), alreadyRevoked: z.boolean() }),
    senders: PAGES,
  },
  /** Revokes what the preview found (one request to the provider), then disables the key here. */
  revokeAtProvider: {
    request: z.strictObject({ token: z.string().max(64) }),
    response: z.strictObject({ revokedAt: z.number(), sent: z.boolean() }),
    senders: PAGES,
  },
} as const;

export type MessageType = keyof typeof PROTOCOL;

/**
 * Is this a request a page makes on its own (a status line), not a person using the
 * vault? Passive requests never hold off auto-lock.
 */
export function isPassiveRequest(message: unknown): boolean {
  const { type, data } = (message ?? {}) as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(PROTOCOL, type)) return false;
  const entry = PROTOCOL[type as MessageType];
  return 'passive' in entry && entry.passive(data);
}
export type RequestOf<T extends MessageType> = z.infer<(typeof PROTOCOL)[T]['request']>;
export type ResponseOf<T extends MessageType> = z.infer<(typeof PROTOCOL)[T]['response']>;
export type EntrySummaryView = z.infer<typeof EntrySummarySchema>;

/** The wire shape of every request. */
export const MessageSchema = z.strictObject({ type: z.string().max(64), data: z.unknown() });

export type ErrorCode =
  | 'wrong-passphrase'
  | 'corrupt'
  | 'unsupported-version'
  | 'stale-revision'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'no-vault'
  | 'vault-exists'
  | 'locked'
  | 'throttled'
  | 'forbidden'
  | 'malformed'
  | 'unknown-type'
  | 'disabled'
  | 'import-failed'
  | 'import-expired'
  | 'fill-refused'
  | 'storage-full'
  | 'sync-needs-passphrase'
  | 'sync-damaged'
  | 'sync-other-vault'
  | 'sync-header-refused'
  | 'not-revocable'
  | 'provider-refused'
  | 'internal';

/** Every answer: data, or an error code with a message that never carries a secret. */
export type Result<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string; retryAfterMs?: number };
