/**
 * Clicks inside the extension's closed shadow roots in a page, as a person would: the
 * DevTools protocol sees through closed roots to find the button, and the click is a
 * real (trusted) mouse click at its position.
 */
import type { Page } from '@playwright/test';

interface DomNode {
  nodeId: number;
  nodeName: string;
  nodeValue?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

function textOf(node: DomNode): string {
  if (node.nodeName === '#text') return node.nodeValue ?? '';
  return [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(textOf).join('');
}

function findButton(node: DomNode, text: string): DomNode | undefined {
  if (node.nodeName === 'BUTTON' && textOf(node).includes(text)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
    const found = findButton(child, text);
    if (found) return found;
  }
  return undefined;
}

/** The texts of every button in the page's shadow roots (open or closed). */
export async function shadowButtons(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const texts: string[] = [];
  const walk = (node: DomNode, inShadow: boolean) => {
    if (inShadow && node.nodeName === 'BUTTON') texts.push(textOf(node));
    node.children?.forEach((child) => walk(child, inShadow));
    node.shadowRoots?.forEach((child) => walk(child, true));
  };
  walk(root, false);
  await cdp.detach();
  return texts;
}

/** Clicks the first button whose text contains `text`, waiting up to 5 s for it. */
export async function clickShadowButton(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let tries = 0; tries < 100; tries++) {
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
      const button = findButton(root, text);
      if (button) {
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: button.nodeId })) as { model: { content: number[] } };
        const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
        await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no button “${text}” in the page's shadow roots`);
  } finally {
    await cdp.detach();
  }
}
