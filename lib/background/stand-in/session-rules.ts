/**
 * The browser's side of substitution: our declarativeNetRequest session rules. They
 * live in the browser's memory only (gone when it closes), survive a restart of the
 * service worker, and are the only place outside the vault where a real key is set
 * aside for a site. This keeps them equal to what the bindings ask for.
 * @module
 */
import type { WxtBrowser } from 'wxt/browser';
import type { SubstitutionRule } from '../../stand-in/substitution.ts';

type Dnr = WxtBrowser['declarativeNetRequest'];

export class SessionRules {
  /** The rules as last set, by id. */
  #installed = new Map<number, string>();

  constructor(private readonly dnr: Dnr) {}

  /** Whether the rule `id` is set (as far as this worker asked the browser). */
  has(id: number): boolean {
    return this.#installed.has(id);
  }

  /** Makes the browser's session rules exactly `rules`, changing nothing when they already are. */
  async set(rules: readonly SubstitutionRule[]): Promise<void> {
    const wanted = new Map(rules.map((rule) => [rule.id, JSON.stringify(rule)]));
    const existing = await this.dnr.getSessionRules();
    // The browser may hand rules back with defaults filled in: compare with what was set here.
    const same = existing.length === wanted.size && existing.every(({ id }) => wanted.get(id) !== undefined && wanted.get(id) === this.#installed.get(id));
    if (!same) {
      // One call: the browser swaps them at once, so no request sees half of the change.
      await this.dnr.updateSessionRules({ removeRuleIds: existing.map(({ id }) => id), addRules: rules as Parameters<Dnr['updateSessionRules']>[0]['addRules'] });
    }
    this.#installed = wanted;
  }

  /** Removes one rule now (a limit was reached). */
  async remove(id: number): Promise<void> {
    this.#installed.delete(id);
    await this.dnr.updateSessionRules({ removeRuleIds: [id] });
  }

  /** Removes every rule (the vault locked). */
  clear(): Promise<void> {
    return this.set([]);
  }
}
