/**
 * Clears the clipboard if it still holds the key that was copied. Runs in a document
 * (Chrome's offscreen page, Firefox's background page) and knows the key only by its
 * SHA-256, so the secret itself never travels there.
 * @module
 */

export const CLIPBOARD_TARGET = 'ai-key-vault:clipboard';

/** The message that asks the clipboard page to clear after a delay. */
export interface ClearRequest {
  target: typeof CLIPBOARD_TARGET;
  digest: string;
  /** When the key was copied (ms since the epoch): a later copy's deadline wins. */
  copiedAt: number;
  /** When to clear (ms since the epoch): a page that starts late still clears on time. */
  clearAt: number;
}

/** The message that asks the clipboard page to clear every key it waits for, now (the vault locked). */
export interface ClearNowRequest {
  target: typeof CLIPBOARD_TARGET;
  now: true;
}

export function isClearRequest(message: unknown): message is ClearRequest {
  const m = message as Partial<ClearRequest> | undefined;
  return m?.target === CLIPBOARD_TARGET && typeof m.digest === 'string' && typeof m.copiedAt === 'number' && typeof m.clearAt === 'number';
}

export function isClearNowRequest(message: unknown): message is ClearNowRequest {
  const m = message as Partial<ClearNowRequest> | undefined;
  return m?.target === CLIPBOARD_TARGET && m.now === true;
}

/** Hex SHA-256 of a text, with the platform's digest. */
export async function digestOf(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function readClipboard(): string {
  const area = document.createElement('textarea');
  document.body.append(area);
  area.focus();
  document.execCommand('paste');
  const text = area.value;
  area.remove();
  return text;
}

function emptyClipboard(): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  document.execCommand('copy');
  document.removeEventListener('copy', onCopy);
}

/** Empties the clipboard if its text is the one whose digest is given; returns whether it did. */
export async function clearIfUnchanged(digest: string): Promise<boolean> {
  if ((await digestOf(readClipboard())) !== digest) return false;
  // The write travels to the browser asynchronously and is lost if this page closes
  // first (seen in Chromium): reading back waits for it, and tells whether it took.
  for (let attempt = 0; attempt < 3; attempt++) {
    emptyClipboard();
    if ((await digestOf(readClipboard())) !== digest) return true;
  }
  return false;
}
