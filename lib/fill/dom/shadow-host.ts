/**
 * Our UI inside pages: a fixed-position host (it takes no room, so the page's layout
 * does not move) with a closed shadow root (the page's styles and scripts cannot reach
 * into it).
 * @module
 */

export const HOST_TAG = 'ai-key-vault-ui';

const BASE_STYLE = `
  :host { all: initial; position: fixed; z-index: 2147483647; }
  .box { font: 13px/1.35 system-ui, sans-serif; color: #1b1f24; background: #fff; border: 1px solid #c9d1d9;
         border-radius: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 18%); padding: 6px; display: grid; gap: 4px; max-width: 320px; }
  button { font: inherit; cursor: pointer; border: 1px solid #c9d1d9; border-radius: 6px; background: #f6f8fa; color: inherit;
           padding: 4px 8px; text-align: start; }
  button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
  button.primary { background: #0969da; border-color: #0969da; color: #fff; }
  .muted { color: #57606a; }
`;

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
  place(left: number, top: number): void;
  remove(): void;
}

export function mountShadowHost(document: Document, style: string): ShadowHost {
  const host = document.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = document.createElement('style');
  sheet.textContent = BASE_STYLE + style;
  root.append(sheet);
  document.documentElement.append(host);
  return {
    host,
    root,
    place(left, top) {
      host.style.setProperty('left', `${Math.max(0, left)}px`, 'important');
      host.style.setProperty('top', `${Math.max(0, top)}px`, 'important');
    },
    remove: () => host.remove(),
  };
}

/** A button that acts only on a real click or key press, never on one a page script fakes. */
export function trustedButton(document: Document, label: string, onPress: () => void, className = ''): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  if (className) button.className = className;
  button.addEventListener('click', (event) => {
    if (event.isTrusted) onPress();
  });
  return button;
}
