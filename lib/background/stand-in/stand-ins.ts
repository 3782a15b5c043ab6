/**
 * Stand-in keys in the background: the one owner of the bindings, of the browser rules
 * that carry them out, and of their counts, all through one queue. The rules follow the
 * vault: none while it is locked, restored when it opens, changed with the keys they
 * carry, and a binding's rule goes the moment a request reaches its limit.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import type { RandomBytes } from '../../crypto/random.ts';
import type { Binding, Limits } from '../../stand-in/binding.ts';
import { bindingView, rulesAt, type BindingView } from '../../stand-in/binding-state.ts';
import { bindingForRequest, newBinding, withBinding, withLimits, type RequestFacts } from '../../stand-in/binding-list.ts';
import { countRequest, localDay, pauseOf, type Pause } from '../../stand-in/limits.ts';
import { substitutionFor } from '../../stand-in/substitution.ts';
import { STAND_INS_CHANGED } from '../../stand-in/stand-in-events.ts';
import type { Entry, Payload } from '../../vault/payload-schema.ts';
import { BackgroundError, lockedError } from '../errors.ts';
import type { Notifier } from '../notify.ts';
import type { VaultSession } from '../session/session.ts';
import { BindingBook } from './binding-book.ts';
import { SessionRules } from './session-rules.ts';
import { words, type MessageKey } from '../../words.ts';
import { say } from '../../say.ts';

export const LIMITS_ALARM = 'stand-in-limits';
/** Why this browser refuses stand-in keys (Firefox: no tested substitution there). */
export const STAND_INS_UNAVAILABLE = words('errors.standInsUnavailable');
/** The notification when a stand-in stops, by why. */
const STOPPED: Readonly<Record<Pause, MessageKey>> = {
  day: 'background.standInStoppedDay',
  minute: 'background.standInStoppedMinute',
  ended: 'background.standInStoppedEnded',
};

export interface StandInDeps {
  browser: WxtBrowser;
  session: VaultSession;
  notifier: Notifier;
  now: () => number;
  random: RandomBytes;
}

const failed = (error: unknown) => console.error('AI Key Vault: stand-in keys:', error instanceof Error ? error.name : typeof error);

export class StandIns {
  readonly #rules: SessionRules | undefined;
  readonly #book: BindingBook;
  #queue: Promise<unknown> = Promise.resolve();
  /** Requests a rule carried that are not counted yet: request id → binding id. */
  #inFlight = new Map<string, string>();

  constructor(private readonly deps: StandInDeps) {
    // Firefox's build does not ask for these permissions: there the APIs are absent.
    const { declarativeNetRequest: dnr, webRequest } = deps.browser as Partial<Pick<WxtBrowser, 'declarativeNetRequest' | 'webRequest'>>;
    this.#rules = typeof dnr?.updateSessionRules === 'function' && typeof webRequest?.onSendHeaders?.addListener === 'function' ? new SessionRules(dnr) : undefined;
    this.#book = new BindingBook(deps.browser.storage.local, deps.random);
  }

  /** Whether this browser can substitute keys (declarativeNetRequest and webRequest, as in Chrome). */
  get available(): boolean {
    return this.#rules !== undefined;
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  // Work nobody waits for (an event's consequence): its failure is worth a line in the log (its kind only).
  #meanwhile(task: () => Promise<unknown>): void {
    this.#exclusive(task).catch(failed);
  }

  /** The vault changed (`payload` undefined: it closed); `reopened`: it opened or moved to another key. */
  vaultChanged(payload: Payload | undefined, reopened: boolean): void {
    if (!this.#rules) return;
    this.#meanwhile(async () => {
      if (!payload) return this.#close();
      if (reopened || !this.#book.isOpen) await this.#book.open(this.deps.session);
      this.#book.vaultIs(payload);
      await this.#reconcile();
    });
  }

  /** The vault locked: every rule goes at once. */
  locked(): void {
    if (this.#rules) this.#meanwhile(() => this.#close());
  }

  async #close(): Promise<void> {
    this.#book.close();
    this.#inFlight.clear();
    await this.#rules?.clear();
    await this.deps.browser.alarms.clear(LIMITS_ALARM);
    this.#announce();
  }

  // Open, or opened now if the vault is (a restarted worker woken by a request); otherwise refused as locked.
  async #open(): Promise<void> {
    if (!this.#rules) throw new BackgroundError('fill-refused', STAND_INS_UNAVAILABLE);
    if (!this.#book.isOpen && (await this.deps.session.status()) === 'unlocked') await this.#book.open(this.deps.session);
    if (!this.#book.isOpen) throw lockedError();
  }

  #inFlightFor(bindingId: string): number {
    return [...this.#inFlight.values()].filter((id) => id === bindingId).length;
  }

  // Makes the browser's rules what the bindings say now, and wakes up when that changes by time alone.
  async #reconcile(): Promise<void> {
    if (!this.#rules || !this.#book.isOpen) return;
    const { rules, ended, wake } = rulesAt(this.#book.bindings, this.#book.entries, this.deps.now(), (id) => this.#inFlightFor(id));
    for (const binding of ended) await this.#tellOnce(binding, 'ended');
    await this.#rules.set(rules);
    if (wake === undefined) await this.deps.browser.alarms.clear(LIMITS_ALARM);
    else await this.deps.browser.alarms.create(LIMITS_ALARM, { when: wake });
    this.#announce();
  }

  // Tells the user once (a day, or once for an end date) that a binding stopped; a minute's pause is not worth a notification.
  async #tellOnce(binding: Binding, pause: Pause): Promise<void> {
    const told = pause === 'ended' ? 'ended' : localDay(this.deps.now());
    if (binding.usage.toldOn === told || pause === 'minute') return;
    await this.#book.replace({ ...binding, usage: { ...binding.usage, toldOn: told } });
    this.deps.notifier.tell(words(STOPPED[pause], this.#book.entryOf(binding)?.name ?? '…', binding.site));
  }

  // Tells open pages the bindings or their counts changed (rejected when none is open to hear it).
  #announce(): void {
    this.deps.browser.runtime.sendMessage({ event: STAND_INS_CHANGED }).catch(() => undefined);
  }

  /**
   * Binds `site` to `entry`'s key and returns the stand-in to fill (the one it has when
   * the site is bound to this key already). A site bound to another key of the same API
   * moves to this one; the old stand-in stops working.
   */
  bind(entry: Entry, site: string): Promise<{ standIn: string; bindingId: string; created: boolean }> {
    return this.#exclusive(async () => {
      await this.#open();
      const substitution = substitutionFor(entry);
      if ('refusal' in substitution) throw new BackgroundError('fill-refused', substitution.refusal);
      if (!entry.enabled) throw new BackgroundError('disabled', words('errors.standInKeyDisabled', entry.name));
      const fresh = () => newBinding(this.#book.bindings, entry, site, this.deps.now(), this.deps.random);
      const { bindings, binding, created } = withBinding(this.#book.bindings, this.#book.entries, entry, site, fresh);
      if (created) {
        await this.#book.save(bindings);
        await this.#reconcile();
      }
      return { standIn: binding.standIn, bindingId: binding.id, created };
    });
  }

  /** Every binding as the options page shows it. */
  list(): Promise<BindingView[]> {
    return this.#exclusive(async () => {
      await this.#open();
      return this.#book.bindings.map((binding) => bindingView(binding, this.#book.entryOf(binding), this.deps.now(), say));
    });
  }

  /** Sets a binding's limits; the rule follows at once. @throws BackgroundError `not-found`. */
  setLimits(id: string, limits: Limits): Promise<BindingView> {
    return this.#exclusive(async () => {
      await this.#open();
      if (!this.#book.bindings.some((binding) => binding.id === id)) throw new BackgroundError('not-found', words('errors.standInRevoked'));
      await this.#book.save(withLimits(this.#book.bindings, id, limits));
      await this.#reconcile();
      const binding = this.#book.bindings.find((candidate) => candidate.id === id)!;
      return bindingView(binding, this.#book.entryOf(binding), this.deps.now(), say);
    });
  }

  /** Ends a binding: its rule goes at once and its stand-in is worth nothing from then on. */
  revoke(id: string): Promise<void> {
    return this.#exclusive(async () => {
      await this.#open();
      await this.#book.save(this.#book.bindings.filter((binding) => binding.id !== id));
      await this.#reconcile();
    });
  }

  /**
   * A request to a provider's API set off: if a rule carries it, it counts as made from
   * now, and one that reaches a limit takes the rule away before the next request can
   * set off (the browser decided this one's headers as it started).
   */
  requestStarted(requestId: string, request: RequestFacts): void {
    if (!this.#book.isOpen) return;
    const binding = bindingForRequest(this.#book.bindings, this.#book.entries, request);
    if (!binding || !this.#rules?.has(binding.ruleId)) return;
    this.#inFlight.set(requestId, binding.id);
    if (pauseOf(binding.limits, binding.usage, this.deps.now(), this.#inFlightFor(binding.id))) this.#meanwhile(() => this.#rules!.remove(binding.ruleId));
  }

  /** A request left with its headers: if they carry a binding's key, it is counted. */
  requestSent(requestId: string, request: RequestFacts): void {
    this.#inFlight.delete(requestId);
    this.#meanwhile(async () => {
      if (!this.#rules || !(await this.#open().then(() => true, () => false))) return;
      const binding = bindingForRequest(this.#book.bindings, this.#book.entries, request);
      if (!binding) return;
      const now = this.deps.now();
      const counted = { ...binding, usage: countRequest(binding.usage, now) };
      await this.#book.replace(counted);
      const pause = pauseOf(counted.limits, counted.usage, now, this.#inFlightFor(binding.id));
      if (pause && this.#rules.has(binding.ruleId)) await this.#rules.remove(binding.ruleId);
      if (pause && pauseOf(counted.limits, counted.usage, now)) await this.#tellOnce(counted, pause);
      this.#announce();
    });
  }

  /** A request failed before it could be counted: a pause it foresaw may not hold. */
  requestFailed(requestId: string): void {
    if (this.#inFlight.delete(requestId)) this.#meanwhile(() => this.#reconcile());
  }

  /** The limits alarm: a pause may have lifted, or an end date come. */
  alarmFired(name: string): void {
    if (name === LIMITS_ALARM) this.#meanwhile(() => this.#reconcile());
  }
}
