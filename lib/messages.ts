/**
 * The protocol between pages (and content scripts) and the background: one zod schema
 * per request and per response, and who may send each request. Pages import only the
 * types from here (`import type`), so zod stays out of their bundles.
 * @module
 */
import { z } from 'zod';
import { ENTRY_ID, EntrySchema, SettingsSchema, ValidationSchema } from './vault/payload-schema.ts';
import { MIN_PASSPHRASE_LENGTH } from './vault/passphrase-policy.ts';

const PASSPHRASE = z.string().max(1024);
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
});

const EntryResponseSchema = z.strictObject({ entry: EntrySummarySchema });

export const ImportRowSchema = z.strictObject({
  source: z.string(),
  status: z.enum(['new', 'duplicate', 'unrecognised']),
  provider: z.string().optional(),
  name: z.string().optional(),
  masked: z.string(),
});

/** Which senders may ask what: extension pages manage the vault; content scripts ask nothing yet. */
export type SenderClass = 'page' | 'content';
const PAGES: readonly SenderClass[] = ['page'];

export const PROTOCOL = {
  status: { request: EMPTY, response: VaultStatusSchema, senders: PAGES },
  create: { request: z.strictObject({ passphrase: NEW_PASSPHRASE }), response: VaultStatusSchema, senders: PAGES },
  unlock: { request: z.strictObject({ passphrase: PASSPHRASE }), response: VaultStatusSchema, senders: PAGES },
  lock: { request: EMPTY, response: VaultStatusSchema, senders: PAGES },
  changePassphrase: {
    request: z.strictObject({ current: PASSPHRASE, next: NEW_PASSPHRASE }),
    response: EMPTY,
    senders: PAGES,
  },
  listEntries: {
    request: EMPTY,
    response: z.strictObject({
      entries: z.array(EntrySummarySchema),
      settings: SettingsSchema,
      kdf: z.strictObject({ memoryKiB: z.number(), iterations: z.number(), parallelism: z.number() }),
    }),
    senders: PAGES,
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
    request: z.strictObject({ format: z.enum(['env', 'backup']), text: z.string().max(1_100_000), passphrase: PASSPHRASE.optional() }),
    response: z.strictObject({ token: z.string(), rows: z.array(ImportRowSchema) }),
    senders: PAGES,
  },
  confirmImport: { request: z.strictObject({ token: z.string().max(64) }), response: z.strictObject({ added: z.number() }), senders: PAGES },
  /** An encrypted backup of every key under a passphrase chosen for it. */
  exportBackup: { request: z.strictObject({ passphrase: NEW_PASSPHRASE }), response: z.strictObject({ text: z.string() }), senders: PAGES },
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
} as const;

export type MessageType = keyof typeof PROTOCOL;
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
  | 'internal';

/** Every answer: data, or an error code with a message that never carries a secret. */
export type Result<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string; retryAfterMs?: number };
