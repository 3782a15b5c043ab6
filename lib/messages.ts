/**
 * The protocol between pages (and content scripts) and the background: one zod schema
 * per request and per response, and who may send each request. Pages import only the
 * types from here (`import type`), so zod stays out of their bundles.
 * @module
 */
import { z } from 'zod/mini';
import { ENTRY_ID, EntrySchema, PROVIDER_ID, SettingsSchema, ValidationSchema } from './vault/payload-schema.ts';
import { BUDGET } from './vault/usage-schema.ts';
import { MIN_PASSPHRASE_LENGTH } from './vault/passphrase-policy.ts';
import { LIMITS } from './vault/limits.ts';
import { PICK_OUTCOME_CODES } from './fill/inline-pick.ts';
import { BINDING_ID, LimitsSchema } from './stand-in/binding.ts';

const PASSPHRASE = z.string().check(z.maxLength(LIMITS.passphrase));
const NEW_PASSPHRASE = PASSPHRASE.check(z.minLength(MIN_PASSPHRASE_LENGTH, `must be at least ${MIN_PASSPHRASE_LENGTH} characters`));
const EMPTY = z.strictObject({});

export const VaultStatusSchema = z.strictObject({
  state: z.enum(['none', 'locked', 'unlocked']),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const EntrySummarySchema = z.extend(z.omit(EntrySchema, { secret: true, validation: true, usedOn: true }), {
  validation: z.optional(z.extend(z.omit(ValidationSchema, { models: true }), { modelCount: z.optional(z.number()) })),
  masked: z.string(),
  hasSecret: z.boolean(),
  active: z.boolean(),
  admin: z.boolean(),
});

const EntryResponseSchema = z.strictObject({ entry: EntrySummarySchema });

/** Which view of the vault a page has (a new one after each worker start) and its version. */
const ViewVersionSchema = z.strictObject({ view: z.string().check(z.maxLength(64)), version: z.int().check(z.nonnegative()) });
const KdfViewSchema = z.strictObject({ memoryKiB: z.number(), iterations: z.number(), parallelism: z.number() });

/** A page's list: every key, or the first ones in list order (`total`: how many there are). */
const ListingSchema = z.extend(ViewVersionSchema, { entries: z.array(EntrySummarySchema), total: z.int(), settings: SettingsSchema, kdf: KdfViewSchema });
/** How many keys, first in list order, a page asks for before the rest (the rows it draws first). */
const FIRST_ROWS = z.optional(z.int().check(z.minimum(1)));

export const ProviderGroupSchema = z.strictObject({
  provider: z.string(),
  name: z.string(),
  active: EntrySummarySchema,
  keys: z.array(z.strictObject({ id: ENTRY_ID, name: z.string(), tags: z.array(z.string()) })),
  lastUsedAt: z.number(),
});
export type ProviderGroupView = z.infer<typeof ProviderGroupSchema>;

const OpenedSchema = z.extend(VaultStatusSchema, { listing: z.optional(ListingSchema) });

export const ImportRowSchema = z.strictObject({
  source: z.string(),
  status: z.enum(['new', 'duplicate', 'unrecognised']),
  provider: z.optional(z.string()),
  name: z.optional(z.string()),
  masked: z.string(),
});

/**
 * Which senders may ask what: extension pages manage the vault; the inline menu (our own
 * page framed inside a web page) may only draw the menu it was opened for and make the
 * pick or the save in it; content scripts may only open a menu for their own frame and
 * redeem the one pick made in it.
 */
export type SenderClass = 'page' | 'menu' | 'content';
const PAGES: readonly SenderClass[] = ['page'];
const MENU: readonly SenderClass[] = ['menu'];
const CONTENT: readonly SenderClass[] = ['content'];

export const SyncStatusSchema = z.strictObject({
  enabled: z.boolean(),
  lastSyncedAt: z.optional(z.number()),
  problem: z.optional(z.string()),
  usage: z.optional(z.strictObject({ bytes: z.number(), items: z.number() })),
  limits: z.strictObject({ bytes: z.number(), items: z.number() }),
});
export type SyncStatusView = z.infer<typeof SyncStatusSchema>;

/** A key the inline menu lists; `standIn`: the menu also offers its stand-in (“Fill stand-in”). */
export const OfferedKeySchema = z.strictObject({ id: ENTRY_ID, name: z.string(), provider: z.string(), masked: z.string(), standIn: z.boolean() });
export type OfferedKey = z.infer<typeof OfferedKeySchema>;
const SITE_ORIGIN = z.string().check(z.maxLength(300));
/** A menu's id or a pick's token: random, 128 bits, used once. */
const ONE_TIME_ID = z.string().check(z.regex(/^[0-9a-f]{32}$/, 'must be a 32-character hex id'));

/** What the inline menu draws: the keys that fit the site, or a captured key to save. */
export const MenuViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fill'), state: z.enum(['locked', 'unlocked']), site: z.string(), keys: z.array(OfferedKeySchema) }),
  z.strictObject({ kind: z.literal('capture'), provider: z.string(), masked: z.string() }),
]);
export type MenuView = z.infer<typeof MenuViewSchema>;

/** A stand-in key's binding as the options page shows it: site, key name, limits, counts, why it is paused. */
export const StandInViewSchema = z.strictObject({
  id: BINDING_ID,
  site: z.string(),
  keyName: z.string(),
  provider: z.string(),
  limits: LimitsSchema,
  today: z.number(),
  total: z.number(),
  lastUsedAt: z.optional(z.number()),
  active: z.boolean(),
  status: z.optional(z.string()),
});
export type StandInView = z.infer<typeof StandInViewSchema>;

export const PROTOCOL = {
  status: { request: EMPTY, response: VaultStatusSchema, senders: PAGES, passive: () => true },
  /** Creates or opens the vault; with `first`, the answer also carries the page's first rows, so its list needs no second request. */
  create: { request: z.strictObject({ passphrase: NEW_PASSPHRASE, first: FIRST_ROWS }), response: OpenedSchema, senders: PAGES },
  unlock: { request: z.strictObject({ passphrase: PASSPHRASE, first: FIRST_ROWS }), response: OpenedSchema, senders: PAGES },
  lock: { request: EMPTY, response: VaultStatusSchema, senders: PAGES },
  changePassphrase: {
    request: z.strictObject({ current: PASSPHRASE, next: NEW_PASSPHRASE }),
    response: EMPTY,
    senders: PAGES,
  },
  /** The keys (summaries, never secrets; or the `first` ones in list order, of `total`), settings and KDF settings, answered from memory. */
  listEntries: {
    request: z.strictObject({ first: FIRST_ROWS }),
    response: ListingSchema,
    senders: PAGES,
  },
  /**
   * A page catching up after a change it was told of (passive): what changed since the
   * version it has, key by key, or, when that cannot be said, every key.
   */
  listChanges: {
    request: z.strictObject({ since: ViewVersionSchema }),
    response: z.extend(ViewVersionSchema, {
      entries: z.optional(z.array(EntrySummarySchema)),
      changes: z.optional(z.strictObject({ upserted: z.array(EntrySummarySchema), removed: z.array(ENTRY_ID) })),
      settings: SettingsSchema,
      kdf: KdfViewSchema,
    }),
    senders: PAGES,
    passive: () => true,
  },
  /**
   * The popup's rows, answered from memory; `site`: the origin of the page it was opened
   * over, whose last used keys it offers first; `refresh` (after a change it was told of) is passive.
   */
  popupList: {
    request: z.strictObject({ refresh: z.optional(z.boolean()), site: z.optional(SITE_ORIGIN) }),
    response: z.extend(ViewVersionSchema, { popup: z.int(), groups: z.array(ProviderGroupSchema) }),
    senders: PAGES,
    passive: (data: unknown) => (data as { refresh?: unknown } | undefined)?.refresh === true,
  },
  // Entry fields are checked by the vault core, which names the field at fault.
  addEntry: { request: z.strictObject({ entry: z.unknown() }), response: EntryResponseSchema, senders: PAGES },
  updateEntry: {
    request: z.strictObject({ id: ENTRY_ID, changes: z.unknown(), expectedUpdatedAt: z.optional(z.int()) }),
    response: EntryResponseSchema,
    senders: PAGES,
  },
  /** Deletes a key; `undo` names the deleted key, held in the background's memory for a short while. */
  deleteEntry: { request: z.strictObject({ id: ENTRY_ID }), response: z.strictObject({ undo: ONE_TIME_ID }), senders: PAGES },
  /** Puts back the key a delete's `undo` token names, with its id and fields. */
  restoreEntry: { request: z.strictObject({ token: ONE_TIME_ID }), response: EntryResponseSchema, senders: PAGES },
  /** The names of the models a key's last check listed (the list itself leaves them out). */
  entryModels: { request: z.strictObject({ id: ENTRY_ID }), response: z.strictObject({ models: z.array(z.string()) }), senders: PAGES },
  /** Makes a key its provider's active key; `site`: chosen in the popup over that page, which remembers it there too. */
  setActive: { request: z.strictObject({ id: ENTRY_ID, site: z.optional(SITE_ORIGIN) }), response: EMPTY, senders: PAGES },
  duplicateEntry: { request: z.strictObject({ id: ENTRY_ID }), response: EntryResponseSchema, senders: PAGES },
  /**
   * One secret, for one user act: copy (counts a use) or reveal. A disabled key is
   * handed out only when the user confirmed (`allowDisabled`).
   */
  getSecret: {
    request: z.strictObject({ id: ENTRY_ID, purpose: z.enum(['copy', 'reveal']), allowDisabled: z.optional(z.boolean()) }),
    /** For a copy: when the background will clear the clipboard (null: never). */
    response: z.strictObject({ secret: z.string(), clearAfterSeconds: z.optional(z.nullable(z.number())) }),
    senders: PAGES,
  },
  /** Reads a `.env` or backup file into a masked preview; nothing is saved yet. */
  previewImport: {
    request: z.strictObject({ format: z.enum(['env', 'backup']), text: z.string().check(z.maxLength(LIMITS.importFileBytes)), passphrase: z.optional(PASSPHRASE) }),
    response: z.strictObject({ token: z.string(), rows: z.array(ImportRowSchema) }),
    senders: PAGES,
  },
  confirmImport: { request: z.strictObject({ token: z.string().check(z.maxLength(64)) }), response: z.strictObject({ added: z.number() }), senders: PAGES },
  /** An encrypted backup of every key under a passphrase chosen for it, after the master passphrase is entered again. */
  exportBackup: {
    request: z.strictObject({ masterPassphrase: PASSPHRASE, backupPassphrase: NEW_PASSPHRASE }),
    response: z.strictObject({ text: z.string() }),
    senders: PAGES,
  },
  /** Every key in plain text, after the master passphrase is entered again. */
  exportPlain: { request: z.strictObject({ passphrase: PASSPHRASE }), response: z.strictObject({ text: z.string() }), senders: PAGES },
  /** Checks one key against its provider now; the result is stored on the entry. */
  checkEntry: { request: z.strictObject({ id: ENTRY_ID }), response: z.strictObject({ validation: z.optional(ValidationSchema) }), senders: PAGES },
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
    request: z.strictObject({ id: ENTRY_ID, tabId: z.int().check(z.nonnegative()), allowDisabled: z.optional(z.boolean()) }),
    response: EMPTY,
    senders: PAGES,
  },
  /** A captured key the person chose to save in the menu: provider, suggested name and key, for the add form. */
  takeCapture: {
    request: z.strictObject({ token: z.string().check(z.maxLength(64)) }),
    response: z.strictObject({ provider: z.string(), name: z.string(), secret: z.string() }),
    senders: PAGES,
  },
  /** The sites (besides the curated ones) where the user turned the inline offer on. */
  inlineSites: { request: EMPTY, response: z.strictObject({ sites: z.array(z.string()) }), senders: PAGES },
  /** Turns the inline offer on for one origin, after the page obtained its host permission. */
  enableInlineSite: { request: z.strictObject({ origin: SITE_ORIGIN }), response: z.strictObject({ sites: z.array(z.string()) }), senders: PAGES },
  disableInlineSite: { request: z.strictObject({ origin: SITE_ORIGIN }), response: z.strictObject({ sites: z.array(z.string()) }), senders: PAGES },
  /**
   * The inline offer, pressed: opens a menu for the sender's own frame (tab, frame,
   * document and origin as the browser reports them). `providers`: the field's hints.
   */
  inlineOpen: {
    request: z.strictObject({ providers: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(8)) }),
    response: z.strictObject({ menuId: ONE_TIME_ID }),
    senders: CONTENT,
  },
  /** A key that appeared on a provider's console: opens a menu that offers to save it. Tells nothing back. */
  captureOpen: {
    request: z.strictObject({ secret: z.string().check(z.minLength(8), z.maxLength(LIMITS.secret)) }),
    response: z.strictObject({ menuId: ONE_TIME_ID }),
    senders: CONTENT,
  },
  /** What the pick in the menu puts into the field (the key, or its stand-in), for the one frame and document the menu was opened for, once. */
  inlineRedeem: { request: z.strictObject({ token: ONE_TIME_ID }), response: z.strictObject({ secret: z.string() }), senders: CONTENT },
  /** The menu frame draws its menu (the first frame to ask becomes the menu's only frame). */
  menuShow: { request: z.strictObject({ menuId: ONE_TIME_ID }), response: MenuViewSchema, senders: MENU },
  /**
   * A key chosen in the menu by the person (`standIn`: its stand-in, binding the site the
   * menu was opened for): a pick is sent to the content script that opened it.
   */
  menuPick: {
    request: z.strictObject({ menuId: ONE_TIME_ID, id: ENTRY_ID, standIn: z.optional(z.boolean()) }),
    response: z.strictObject({ outcome: z.enum(PICK_OUTCOME_CODES) }),
    senders: MENU,
  },
  /** "Save to AI Key Vault" pressed in the menu: opens the add form, or says the key is saved already. */
  menuSave: { request: z.strictObject({ menuId: ONE_TIME_ID }), response: z.strictObject({ savedAs: z.optional(z.string()) }), senders: MENU },
  /**
   * Fills the stand-in of a key into the tab the popup was opened over, binding that
   * page's site (whose host access the popup asked for) to the key.
   */
  fillStandIn: { request: z.strictObject({ id: ENTRY_ID, tabId: z.int().check(z.nonnegative()) }), response: EMPTY, senders: PAGES },
  /** The bindings of stand-in keys; `refresh` (after a change it was told of) is passive. */
  standIns: {
    request: z.strictObject({ refresh: z.optional(z.boolean()) }),
    response: z.strictObject({ available: z.boolean(), bindings: z.array(StandInViewSchema) }),
    senders: PAGES,
    passive: (data: unknown) => (data as { refresh?: unknown } | undefined)?.refresh === true,
  },
  /** Sets a binding's limits; they take effect at once. */
  setStandInLimits: { request: z.strictObject({ id: BINDING_ID, limits: LimitsSchema }), response: z.strictObject({ binding: StandInViewSchema }), senders: PAGES },
  /** Ends a binding: its stand-in is worth nothing from then on. */
  revokeStandIn: { request: z.strictObject({ id: BINDING_ID }), response: EMPTY, senders: PAGES },
  /** Sync through the browser's own sync storage: its state, turning it on (or joining) and off. */
  syncStatus: { request: EMPTY, response: SyncStatusSchema, senders: PAGES, passive: () => true },
  enableSync: { request: z.strictObject({ passphrase: z.optional(PASSPHRASE) }), response: SyncStatusSchema, senders: PAGES },
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
    request: z.strictObject({ target: z.union([z.strictObject({ id: ENTRY_ID }), z.strictObject({ provider: PROVIDER_ID })]), budget: z.nullable(BUDGET) }),
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
    request: z.strictObject({ token: z.string().check(z.maxLength(64)) }),
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
export const MessageSchema = z.strictObject({ type: z.string().check(z.maxLength(64)), data: z.unknown() });

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
  | 'menu-expired'
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
