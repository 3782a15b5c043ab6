/**
 * The parts of the browser that filling uses, faked for the background harness: a page
 * (its URL and what the injected agent finds there), injections, the context menu, the
 * shortcut, registered content scripts, granted sites, notifications, new tabs, and
 * messages to a tab's content script (the inline menu's picks).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AgentRefusal, FillAnswer } from '../../lib/fill/agent-protocol.ts';

type Listener = (...args: never[]) => void;

function fakeEvent() {
  const listeners: Listener[] = [];
  return {
    addListener: (listener: Listener) => void listeners.push(listener),
    removeListener: () => undefined,
    fire: (...args: unknown[]) => listeners.forEach((listener) => (listener as (...a: unknown[]) => void)(...args)),
  };
}

/** A message the background sent to a content script, and where to. */
export interface Delivered {
  tabId: number;
  message: unknown;
  target: { frameId?: number; documentId?: string };
}

/** Answers a delivered message as the content script would (default: no content script there). */
type ContentScript = (delivered: Delivered) => Promise<unknown>;

interface RegisteredScript {
  id: string;
  matches?: string[];
}

/** What the page in front of the user is like, and what was done to it. */
export const page = {
  tab: { id: 11, url: 'https://app.example.com/settings', active: true } as { id: number; url: string; active: boolean },
  /** The address of the document each frame holds now (the top frame: the tab's, unless set). */
  frames: {} as Record<number, string>,
  /** How often each frame navigated: a navigation gives the frame a new document. */
  navigations: {} as Record<number, number>,
  /** Whether injections report the document they ran in (Chrome 106+; Firefox does not). */
  reportsDocumentIds: true,
  /** Runs once the agent has answered `locate` (a test navigates the frame here). */
  afterLocate: undefined as (() => void) | undefined,
  /** What the agent finds (it adds the origin of the document it runs in). */
  locate: { ok: true, providers: [] } as { ok: true; providers: string[] } | { ok: false; reason: AgentRefusal },
  fillAnswer: { ok: true } as FillAnswer,
  /** Secrets handed to the page's agent, in order. */
  filled: [] as string[],
  /** Each `fill` call the agent received: the origin it expected and the one it was in. */
  fillCalls: [] as { expected: unknown; origin: string }[],
  injections: 0,
  reachable: true,
  menu: [] as { id: string; parentId?: string; title?: string; enabled?: boolean }[],
  notifications: [] as string[],
  opened: [] as string[],
  popupOpened: 0,
  granted: new Set<string>(),
  scripts: [] as RegisteredScript[],
  /** Messages sent to content scripts, in order. */
  delivered: [] as Delivered[],
  contentScript: (async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))) as ContentScript,
  onCommand: fakeEvent(),
  onMenuClicked: fakeEvent(),
};

/** A fresh page, nothing granted or registered. */
export function resetPage(): void {
  Object.assign(page, {
    tab: { id: 11, url: 'https://app.example.com/settings', active: true },
    frames: {},
    navigations: {},
    reportsDocumentIds: true,
    afterLocate: undefined,
    locate: { ok: true, providers: [] },
    fillAnswer: { ok: true },
    filled: [],
    fillCalls: [],
    injections: 0,
    reachable: true,
    menu: [],
    notifications: [],
    opened: [],
    popupOpened: 0,
    granted: new Set<string>(),
    scripts: [],
    delivered: [],
    contentScript: async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
  });
}

type InjectionTarget = { tabId: number; frameIds?: number[]; documentIds?: string[] };

const urlOf = (frameId: number) => page.frames[frameId] ?? page.tab.url;
const documentOf = (frameId: number) => `document-${frameId}-${page.navigations[frameId] ?? 0}`;

/** The frame an injection reaches: a document targets only the frame still holding it. */
function frameOf({ frameIds, documentIds }: InjectionTarget): number {
  if (!documentIds) return frameIds?.[0] ?? 0;
  const [, frame, navigation] = documentIds[0]!.split('-');
  if (documentOf(Number(frame)) !== documentIds[0] || navigation === undefined) throw new Error(`No document with id ${documentIds[0]}`);
  return Number(frame);
}

/** The frame `frameId` navigates to `url`: a new document, without the agent. */
export function navigate(frameId: number, url: string): void {
  page.frames[frameId] = url;
  page.navigations[frameId] = (page.navigations[frameId] ?? 0) + 1;
}

/** Wires the fakes into the fake browser (a new worker gets new listeners). */
export function installFillFakes(): void {
  page.onCommand = fakeEvent();
  page.onMenuClicked = fakeEvent();
  const fake = fakeBrowser as unknown as Record<string, unknown>;
  fake.scripting = {
    executeScript: async ({ target, files, args }: { target: InjectionTarget; files?: string[]; args?: unknown[] }) => {
      page.injections += 1;
      if (!page.reachable) throw new Error('Cannot access contents of the page');
      const frameId = frameOf(target);
      const origin = new URL(urlOf(frameId)).origin;
      const injected = { frameId, ...(page.reportsDocumentIds ? { documentId: documentOf(frameId) } : {}) };
      if (files) return [{ ...injected, result: undefined }];
      const [, method, [secret, expected] = []] = args as [string, 'locate' | 'fill', string[]?];
      if (method === 'locate') {
        const answer = page.locate.ok ? { ...page.locate, origin } : page.locate;
        page.afterLocate?.();
        return [{ ...injected, result: answer }];
      }
      page.filled.push(secret!);
      page.fillCalls.push({ expected, origin });
      // The agent fills only where it was told it would be.
      return [{ ...injected, result: expected === origin ? page.fillAnswer : { ok: false, reason: 'moved' } }];
    },
    getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => page.scripts.filter(({ id }) => ids.includes(id)),
    registerContentScripts: async (scripts: RegisteredScript[]) => void page.scripts.push(...scripts),
    updateContentScripts: async (scripts: RegisteredScript[]) => {
      for (const script of scripts) page.scripts = page.scripts.map((old) => (old.id === script.id ? script : old));
    },
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => void (page.scripts = page.scripts.filter(({ id }) => !ids.includes(id))),
  };
  fake.contextMenus = {
    removeAll: async () => void (page.menu = []),
    create: (item: (typeof page.menu)[number], done?: () => void) => (page.menu.push(item), done?.()),
    onClicked: page.onMenuClicked,
  };
  fake.commands = { onCommand: page.onCommand };
  Object.assign(fakeBrowser.action, { openPopup: async () => void (page.popupOpened += 1) });
  const createNotification = fakeBrowser.notifications.create.bind(fakeBrowser.notifications) as (...args: unknown[]) => Promise<string>;
  Object.assign(fakeBrowser.notifications, {
    create: async (id: string, options: { message: string }) => (page.notifications.push(options.message), createNotification(id, options)),
  });
  fake.permissions = { contains: async ({ origins }: { origins: string[] }) => origins.every((origin) => page.granted.has(origin)) };
  Object.assign(fakeBrowser.tabs, {
    get: async (id: number) => (id === page.tab.id ? page.tab : Promise.reject(new Error('No tab with id'))),
    create: async ({ url }: { url: string }) => (page.opened.push(url), { id: 99, url }),
    sendMessage: async (tabId: number, message: unknown, target: Delivered['target'] = {}) => {
      const delivered = { tabId, message, target };
      page.delivered.push(delivered);
      return page.contentScript(delivered);
    },
  });
}
