/**
 * The real toolbar popup, opened over a page as a click on the toolbar button would
 * (which grants `activeTab`), and driven over CDP: Playwright does not attach to action
 * popups. Needs `--enable-unsafe-extension-debugging`.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export const POPUP_FLAGS = ['--enable-unsafe-extension-debugging'];

export class ToolbarPopup {
  #next = 1;
  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {}

  /** Opens the popup over `page` and waits until it has rendered. */
  static async openOver(context: BrowserContext, page: Page, extensionId: string): Promise<ToolbarPopup> {
    const cdp = await context.browser()!.newBrowserCDPSession();
    const targets = async () =>
      ((await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }, { type: 'page' }] } as never)) as { targetInfos: TargetInfo[] }).targetInfos;
    const tab = (await targets()).find((target) => target.type === 'tab' && target.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}: ${JSON.stringify(await targets())}`);
    await page.bringToFront();
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
    let popup: TargetInfo | undefined;
    for (let tries = 0; !popup && tries < 100; tries++) {
      popup = (await targets()).find((target) => target.url === `chrome-extension://${extensionId}/popup.html`);
      if (!popup) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!popup) throw new Error('the popup did not open');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false })) as { sessionId: string };
    const opened = new ToolbarPopup(cdp, sessionId);
    await opened.waitFor('document.readyState === "complete" && !!document.querySelector(".popup")');
    return opened;
  }

  /**
   * Evaluates `expression` in the popup and returns its (JSON-able) value. Rejects when
   * the popup closes (it does after a fill) or does not answer within 2 s.
   */
  evaluate<T>(expression: string): Promise<T> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.cdp.off('Target.receivedMessageFromTarget' as never, onMessage as never);
        this.cdp.off('Target.detachedFromTarget' as never, onDetached as never);
      };
      const fail = (why: string) => {
        done();
        reject(new Error(why));
      };
      const timer = setTimeout(() => fail('the popup did not answer'), 2000);
      const onDetached = (event: { sessionId: string }) => {
        if (event.sessionId === this.sessionId) fail('the popup closed');
      };
      const onMessage = (event: { sessionId: string; message: string }) => {
        const reply = JSON.parse(event.message) as { id?: number; result?: { result: { value: T }; exceptionDetails?: unknown }; error?: unknown };
        if (event.sessionId !== this.sessionId || reply.id !== id) return;
        done();
        if (reply.error || reply.result?.exceptionDetails) reject(new Error(JSON.stringify(reply.error ?? reply.result?.exceptionDetails)));
        else resolve(reply.result!.result.value);
      };
      this.cdp.on('Target.receivedMessageFromTarget' as never, onMessage as never);
      this.cdp.on('Target.detachedFromTarget' as never, onDetached as never);
      const message = JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true, userGesture: true } });
      void this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message }).catch(reject);
    });
  }

  /** Waits until `condition` (an expression) is true in the popup. */
  async waitFor(condition: string, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${condition})`).catch(() => false))) {
      if (Date.now() > until) throw new Error(`popup: timed out waiting for ${condition}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
