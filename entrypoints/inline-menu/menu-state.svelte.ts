/**
 * The inline menu's state: which menu this frame draws (named by the content script that
 * framed it, confirmed by the background), and the person's pick (a key, or its
 * stand-in) or save in it, each counted only through the pick gate. A stand-in needs
 * host access to the site, which the browser asks the person for on that very click.
 * @module
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ask } from '../../lib/client.ts';
import { isChangeAnnouncement } from '../../lib/vault-events.ts';
import { hearBackground } from '../../lib/ui/hear-background.ts';
import { MENU_FRAME_NOTE, MENU_ID_NOTE, type MenuFrameNote } from '../../lib/fill/inline-pick.ts';
import { bindableSite } from '../../lib/stand-in/site.ts';
import { hostPattern } from '../../lib/web/address.ts';
import { outcomeWords } from './outcome-words.ts';
import { PickGate } from '../../lib/ui/pick-gate.ts';
import type { MenuView } from '../../lib/messages.ts';

/** For `npm run bench`: when this frame first drew its menu. */
export const MENU_READY = 'ai-key-vault:menu-ready';

/** Tells the content script that framed us something harmless: our height, or that we closed. */
function tellParent(note: Omit<MenuFrameNote, 'event'>): void {
  // Any page may read this: it carries no secret and no name.
  window.parent.postMessage({ event: MENU_FRAME_NOTE, ...note }, '*');
}

/** What the menu frame shows, and the person's acts in it. */
export class MenuState {
  view = $state<MenuView | undefined>();
  /** A line for the person: why a pick did not fill, or that the key is saved already. */
  message = $state('');
  busy = $state(false);
  #menuId: string | undefined;
  #gate: PickGate | undefined;

  /** Starts listening for the menu's id and for vault changes; `visible` is what the pick gate watches. */
  start(visible: Element): () => void {
    this.#gate = new PickGate(visible);
    const onNote = (event: MessageEvent) => {
      const note = event.data as { event?: unknown; menuId?: unknown } | null;
      if (this.#menuId || event.source !== window.parent || note?.event !== MENU_ID_NOTE || typeof note.menuId !== 'string') return;
      void this.#show(note.menuId);
    };
    window.addEventListener('message', onNote);
    const stopHearing = hearBackground((message) => {
      if (isChangeAnnouncement(message) && this.#menuId && this.view?.kind === 'fill') void this.#show(this.#menuId);
    });
    return () => {
      window.removeEventListener('message', onNote);
      stopHearing();
      this.#gate?.stop();
    };
  }

  // A page may post ids too; only one the background confirms for this frame is drawn.
  async #show(menuId: string): Promise<void> {
    const answer = await ask('menuShow', { menuId });
    if (!answer.ok) {
      if (!this.#menuId) this.message = answer.message;
      return;
    }
    // A refresh (the vault changed) keeps the line that says why the last pick did not fill,
    // and restarts the pick's wait only when what the menu draws changed.
    const redrawn = JSON.stringify(answer.data) !== JSON.stringify(this.view);
    if (!this.#menuId) this.message = '';
    this.#menuId = menuId;
    this.view = answer.data;
    if (redrawn) this.#gate?.shown();
    if (performance.getEntriesByName(MENU_READY).length === 0) performance.mark(MENU_READY);
  }

  /** The person chose key `id` (by `event`); `standIn`: its stand-in, binding the site the menu is for. */
  async pick(id: string, event: Event, standIn = false): Promise<void> {
    const refusal = this.#gate ? this.#gate.refusal(event) : 'refused';
    this.message = '';
    if (refusal || !this.#menuId) return void (this.message = outcomeWords(refusal ?? 'closed'));
    if (standIn && !(await this.#allowSite())) return;
    this.busy = true;
    const answer = await ask('menuPick', { menuId: this.#menuId, id, ...(standIn ? { standIn } : {}) });
    this.busy = false;
    if (!answer.ok) this.message = answer.message;
    else if (answer.data.outcome !== 'filled') this.message = outcomeWords(answer.data.outcome);
  }

  // Asks the browser, still within the person's click, for host access to the site the
  // background named for this menu (the frame's origin as the browser reported it); the
  // site's rule works only with it. Granted already (this computer's sites): no prompt.
  async #allowSite(): Promise<boolean> {
    const site = this.view?.kind === 'fill' ? bindableSite(this.view.site) : undefined;
    if (!site) return false;
    const granted = await browser.permissions.request({ origins: [hostPattern(site)] }).catch(() => false);
    if (!granted) this.message = i18n.t('menu.standInNotAllowed', [site]);
    return granted;
  }

  /** The person pressed "Save to AI Key Vault" (by `event`). */
  async save(event: Event): Promise<void> {
    const refusal = this.#gate ? this.#gate.refusal(event) : 'refused';
    this.message = '';
    if (refusal || !this.#menuId) return void (this.message = outcomeWords(refusal ?? 'closed'));
    this.busy = true;
    const answer = await ask('menuSave', { menuId: this.#menuId });
    this.busy = false;
    if (!answer.ok) this.message = answer.message;
    else if (answer.data.savedAs) this.message = i18n.t('menu.alreadySaved', [answer.data.savedAs]);
    else this.close();
  }

  close(): void {
    tellParent({ close: true });
  }

  /** Tells the content script the height the menu needs. */
  resized(height: number): void {
    tellParent({ height });
  }
}
