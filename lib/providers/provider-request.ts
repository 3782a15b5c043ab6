/**
 * A request to a provider as the background sends it: built from a key's own endpoint,
 * with the key (if any) already in a header. Only `lib/background/net/send-with-key.ts`
 * sends one.
 * @module
 */

/** One request to a provider's API. */
export interface ProviderRequest {
  url: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
}
