/**
 * The one way a key leaves the background: a request built from the key's own endpoint
 * (checks, usage reads, revoking at the provider), with the key in a header, never in
 * the URL, without cookies, without a referrer, never through a redirect (a redirect
 * could carry a key header to another host), only to an origin the extension may
 * contact, with a timeout and a bounded answer. Never throws: no answer is an answer.
 * @module
 */
import type { CheckAnswer } from '../../providers/classify.ts';
import type { ProviderRequest } from '../../providers/provider-request.ts';

export interface SendDeps {
  fetch: typeof fetch;
  /** Whether the extension may contact this origin. */
  mayContact: (origin: string) => Promise<boolean>;
  timeoutMs: number;
}

const MAX_BODY = 1 << 20;

async function readLimited(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_BODY) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) all.set(chunk, (offset += chunk.length) - chunk.length);
  return new TextDecoder().decode(all.subarray(0, MAX_BODY));
}

/** Sends `request` and reads its answer (at most 1 MiB). `signal` cancels it (reported as a timeout). */
export async function sendWithKey(request: ProviderRequest, deps: SendDeps, signal?: AbortSignal): Promise<CheckAnswer> {
  const url = new URL(request.url);
  if (!(await deps.mayContact(url.origin))) return { kind: 'failure', reason: 'no-permission', host: url.host };
  // One signal for "timed out or cancelled" (AbortSignal.any is too new for Firefox 115).
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), deps.timeoutMs);
  const cancel = () => stop.abort();
  signal?.addEventListener('abort', cancel);
  try {
    const response = await deps.fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      credentials: 'omit',
      redirect: 'error',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: stop.signal,
    });
    return { kind: 'response', status: response.status, body: await readLimited(response) };
  } catch {
    return { kind: 'failure', reason: stop.signal.aborted ? 'timeout' : 'network', host: url.host };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}
