/**
 * The inline menus open in pages and the picks made in them. A menu belongs to the frame
 * (tab, frame, document, origin) whose content script opened it; it is drawn by the
 * first menu frame in that tab that asks for it, and only that frame may pick in it. A
 * pick is a one-time token for exactly the key chosen (or its stand-in, where the menu
 * offered one), which only the frame and document
 * the menu was opened for can redeem, once, within half a minute. No storage, no browser:
 * the handlers pass frames as the browser reported them. Forgotten when the vault locks.
 * @module
 */
import { BackgroundError } from '../errors.ts';
import { words } from '../../words.ts';

/** A frame and its document, as the browser reported them. */
export interface FrameRef {
  tabId: number;
  frameId: number;
  /** Where the browser reports it (Chrome does): a new page in the same frame is another document. */
  documentId?: string;
}

/** The frame a content script runs in, with its origin. */
export interface OwnerFrame extends FrameRef {
  origin: string;
}

/** A menu's purpose: keys to fill (those that fit the site, narrowed by the field's hints), or a captured key. */
export type MenuContent =
  | { kind: 'fill'; fitting: readonly string[] | undefined; hints: readonly string[] }
  | { kind: 'capture'; provider: string; secret: string };

/** A menu as its frame draws it. */
export interface OpenMenu {
  owner: OwnerFrame;
  content: MenuContent;
}

interface Menu extends OpenMenu {
  expires: number;
  drawnIn?: FrameRef;
  /** The key ids the menu showed: a pick must be one of them. */
  offered: readonly string[];
  /** The key ids the menu offered a stand-in of: a stand-in pick must be one of them. */
  standIns: readonly string[];
  /** The menu's pick that is not redeemed yet (a new pick replaces it). */
  token?: string;
}

/** What a pick names: a key, and whether its stand-in goes into the field instead. */
export interface Picked {
  entryId: string;
  standIn: boolean;
}

interface Pick extends Picked {
  menuId: string;
  owner: OwnerFrame;
  expires: number;
}

const MENU_LIFETIME_MS = 10 * 60_000;
const PICK_LIFETIME_MS = 30_000;
/** Menus kept at most (a page that opens more loses its oldest). */
const MAX_MENUS = 32;

const sameDocument = (a: FrameRef, b: FrameRef) => a.tabId === b.tabId && a.frameId === b.frameId && a.documentId === b.documentId;

const expired = () => new BackgroundError('menu-expired', words('errors.menuClosed'));
const notHere = () => new BackgroundError('forbidden', words('errors.menuOtherFrame'));

/** What the menus need: a clock and fresh random ids. */
export interface InlineMenusDeps {
  now: () => number;
  /** A fresh random id (menu ids and pick tokens). */
  newId: () => string;
}

/** Every open menu and unredeemed pick, in memory. */
export class InlineMenus {
  #menus = new Map<string, Menu>();
  #picks = new Map<string, Pick>();

  constructor(private readonly deps: InlineMenusDeps) {}

  /** Opens a menu for `owner` and returns its id. A document has one menu of each kind at a time: a new one replaces it. */
  open(owner: OwnerFrame, content: MenuContent): string {
    const now = this.deps.now();
    for (const [id, menu] of this.#menus) {
      if ((sameDocument(menu.owner, owner) && menu.content.kind === content.kind) || menu.expires < now) this.#close(id);
    }
    if (this.#menus.size >= MAX_MENUS) this.#close(this.#menus.keys().next().value!);
    const id = this.deps.newId();
    this.#menus.set(id, { owner, content, offered: [], standIns: [], expires: now + MENU_LIFETIME_MS });
    return id;
  }

  /**
   * The menu `menuId` for the frame that draws it: the first frame of the owner's tab to
   * ask becomes its only frame. @throws BackgroundError when closed, or for another frame.
   */
  show(menuId: string, frame: FrameRef): OpenMenu {
    const menu = this.#live(menuId);
    if (frame.tabId !== menu.owner.tabId) throw notHere();
    menu.drawnIn ??= frame;
    if (!sameDocument(menu.drawnIn, frame)) throw notHere();
    return { owner: menu.owner, content: menu.content };
  }

  /** Notes which keys the menu showed, and which of them it offered a stand-in of. */
  offered(menuId: string, ids: readonly string[], standIns: readonly string[] = []): void {
    Object.assign(this.#live(menuId), { offered: ids, standIns });
  }

  /**
   * A pick of `entryId` (or, with `standIn`, its stand-in) in menu `menuId`, made in
   * `frame`: a one-time token for the menu's owner, who is returned too.
   * @throws BackgroundError when the menu is closed, drawn elsewhere, or did not offer that.
   */
  pick(menuId: string, frame: FrameRef, { entryId, standIn }: Picked): { token: string; owner: OwnerFrame } {
    const menu = this.#drawnIn(menuId, frame);
    if (!(standIn ? menu.standIns : menu.offered).includes(entryId)) throw new BackgroundError('forbidden', words('errors.menuNotOffered'));
    if (menu.token) this.#picks.delete(menu.token);
    const token = this.deps.newId();
    menu.token = token;
    this.#picks.set(token, { menuId, owner: menu.owner, entryId, standIn, expires: this.deps.now() + PICK_LIFETIME_MS });
    return { token, owner: menu.owner };
  }

  /** The captured key of menu `menuId`, saved from `frame`; the menu closes. @throws BackgroundError as `pick`. */
  takeCapture(menuId: string, frame: FrameRef): { provider: string; secret: string } {
    const menu = this.#drawnIn(menuId, frame);
    if (menu.content.kind !== 'capture') throw new BackgroundError('forbidden', words('errors.menuNoCapture'));
    this.#close(menuId);
    return { provider: menu.content.provider, secret: menu.content.secret };
  }

  /**
   * What a pick names, for `redeemer`: only the frame, document and origin the menu was
   * opened for. The token is spent and the menu closes.
   * @throws BackgroundError for an unknown, spent or expired token, or another frame's.
   */
  redeem(token: string, redeemer: OwnerFrame): Picked {
    const pick = this.#picks.get(token);
    if (!pick || pick.expires < this.deps.now()) throw expired();
    if (!sameDocument(pick.owner, redeemer) || pick.owner.origin !== redeemer.origin) {
      throw new BackgroundError('forbidden', words('errors.pickOtherPage'));
    }
    this.#close(pick.menuId);
    this.#picks.delete(token);
    return { entryId: pick.entryId, standIn: pick.standIn };
  }

  /** Forgets every menu and pick. */
  clear(): void {
    this.#menus.clear();
    this.#picks.clear();
  }

  #live(menuId: string): Menu {
    const menu = this.#menus.get(menuId);
    if (!menu || menu.expires < this.deps.now()) throw expired();
    return menu;
  }

  #drawnIn(menuId: string, frame: FrameRef): Menu {
    const menu = this.#live(menuId);
    if (!menu.drawnIn || !sameDocument(menu.drawnIn, frame)) throw notHere();
    return menu;
  }

  #close(menuId: string): void {
    const token = this.#menus.get(menuId)?.token;
    if (token) this.#picks.delete(token);
    this.#menus.delete(menuId);
  }
}
