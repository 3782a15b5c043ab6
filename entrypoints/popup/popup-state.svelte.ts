/**
 * The popup's state: its rows (one per provider, from the background's memory in one
 * request, the keys last used on the page's site first), the search over them, the message under each row, and what it asks the
 * background to do (copy, fill, fill a stand-in, switch the active key).
 * @module
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ask } from '../../lib/client.ts';
import { copySecret } from '../../lib/ui/copy-secret.ts';
import { GateState } from '../../lib/ui/gate-state.svelte.ts';
import { markListShown } from '../../lib/ui/marks.ts';
import { bindableSite } from '../../lib/stand-in/site.ts';
import { hostPattern, siteOf } from '../../lib/web/address.ts';
import type { ProviderGroupView } from '../../lib/messages.ts';
import type { VaultChange } from '../../lib/vault-events.ts';
import { activeTab, listRequest, takeFirstList, type PageTab } from './first-list.ts';
import { matchingGroups } from './matching-groups.ts';

export class PopupState extends GateState {
  // Replaced, never changed in place: raw, so a provider's hundreds of keys are not made deeply reactive.
  groups = $state.raw<ProviderGroupView[]>([]);
  query = $state('');
  /** A line under a provider's row: what its last act did. */
  messages = $state<Record<string, string>>({});
  readonly shown: ProviderGroupView[];
  /** The list the page's head script asked for, until the first load takes it. */
  #first = takeFirstList();
  /** The page the popup was opened over, read as it opens (so a click can ask for its access at once). */
  #tab: Promise<PageTab | undefined>;
  #tabNow: PageTab | undefined;
  /** Which view, and which version of its rows, the popup shows. */
  #at: { view: string; popup: number } | undefined;

  constructor() {
    super();
    this.shown = $derived(matchingGroups(this.groups, this.query));
    this.#tab = (this.#first?.tab ?? activeTab()).then((tab) => (this.#tabNow = tab));
  }

  /** The origin of the page the popup was opened over, whose keys the background remembers. */
  async #site(): Promise<string | undefined> {
    return siteOf((this.#tabNow ?? (await this.#tab))?.url);
  }

  protected async load(change?: VaultChange): Promise<void> {
    // A change its rows do not show (a check of a key that is not a provider's active one) asks nothing.
    if (change?.open && change.view === this.#at?.view && change.popup === this.#at.popup) return;
    const first = change ? undefined : this.#first;
    this.#first = undefined;
    const answer = await this.askOpen(async () => (await first?.answer) ?? ask('popupList', listRequest(this.#tabNow ?? (await this.#tab), change !== undefined)));
    // What the head script heard while the page loaded is followed as if heard now (after this load).
    for (const heard of first?.stopHearing() ?? []) void this.follow(() => this.load(heard));
    if (!answer) return;
    if (!answer.ok) {
      this.#at = undefined;
      this.groups = [];
      return this.refused(answer.code, answer.message);
    }
    this.#at = { view: answer.data.view, popup: answer.data.popup };
    this.groups = answer.data.groups;
    this.status = 'unlocked';
    markListShown();
  }

  #say(group: ProviderGroupView, message: string): void {
    this.messages = { ...this.messages, [group.provider]: message };
  }

  /** Copies the group's active key (`confirmed`: the user accepted a warning). */
  async copy(group: ProviderGroupView, confirmed: boolean): Promise<void> {
    this.#say(group, (await copySecret(group.active.id, confirmed)).message);
  }

  /** Fills the group's active key into the page the popup was opened over; closes the popup once it is in. */
  async fill(group: ProviderGroupView, confirmed: boolean): Promise<void> {
    const tab = this.#tabNow ?? (await this.#tab);
    if (tab?.id === undefined) return this.#say(group, i18n.t('errors.noPage'));
    const answer = await ask('fillTab', { id: group.active.id, tabId: tab.id, allowDisabled: confirmed });
    if (answer.ok) return window.close();
    this.#say(group, answer.message);
  }

  /**
   * Fills a stand-in of the group's active key into the page the popup was opened over,
   * binding that page's site to the key. The site's host access is asked for first, on
   * this click (the browser asks the person once per site; this computer is allowed).
   */
  async fillStandIn(group: ProviderGroupView): Promise<void> {
    const tab = this.#tabNow ?? (await this.#tab);
    if (tab?.id === undefined) return this.#say(group, i18n.t('errors.noPage'));
    const site = bindableSite(tab.url);
    // Firefox has no stand-ins: the background says so, without a prompt for nothing.
    if (site && import.meta.env.BROWSER !== 'firefox') {
      const granted = await browser.permissions.request({ origins: [hostPattern(site)] }).catch(() => false);
      if (!granted) return this.#say(group, i18n.t('popup.siteNotAllowed', [site]));
    }
    const answer = await ask('fillStandIn', { id: group.active.id, tabId: tab.id });
    if (answer.ok) return window.close();
    this.#say(group, answer.message);
  }

  /** Makes `id` its provider's active key, and the one offered first on this page's site. */
  async switchTo(group: ProviderGroupView, id: string): Promise<void> {
    const site = await this.#site();
    const answer = await ask('setActive', { id, ...(site ? { site } : {}) });
    this.#say(group, answer.ok ? '' : answer.message);
  }
}
