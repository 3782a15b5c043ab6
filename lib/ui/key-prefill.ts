/**
 * A new key's starting values in the add form: a key captured on a provider's console,
 * or pasted on the options page.
 * @module
 */

/** The add form's starting provider, name and key. */
export interface KeyPrefill {
  provider: string;
  name: string;
  secret: string;
}
