/**
 * Does a form field want an AI provider's API key, and whose? Decided from what the page
 * shows a person (label, placeholder) and what it tells a password manager (name,
 * autocomplete, type), never from the field's value. Pure: the content script reads the
 * DOM into a `FieldDescriptor`; this file and its tests need no browser.
 * @module
 */
import { PROVIDERS } from '../providers/catalog.ts';

export interface FieldDescriptor {
  tag: 'input' | 'textarea';
  /** The input's type, lower case ('' for a textarea). */
  type: string;
  name: string;
  id: string;
  placeholder: string;
  autocomplete: string;
  /** Its label's text, aria-label and aria-labelledby text, joined. */
  label: string;
  /** The form around it also asks for a user name or e-mail: a login or sign-up form. */
  inLoginForm: boolean;
}

export interface FieldVerdict {
  keyField: boolean;
  /** Providers the field names or whose key format its placeholder shows, best first. */
  providers: string[];
}

const TEXT_TYPES = new Set(['', 'text', 'password', 'search']);
const NOT_KEYS = /^(?:username|email|current-password|new-password|one-time-code|cc-|tel|name|given-name|family-name|street-address|postal-code)/;
const KEY_WORDS = /\b(?:api ?key|api ?token|secret key|access key|key for api)\b/;
const PASSWORD_WORDS = /\b(?:pass(?:word|phrase|code)?|pwd|pin)\b/;

/** Literal starts of key formats, longest first, as placeholders show them ("sk-ant-…"). */
const KEY_PREFIXES: readonly [prefix: string, provider: string][] = [
  ['sk-ant-', 'anthropic'],
  ['sk-or-', 'openrouter'],
  ['sk-proj-', 'openai'],
  ['gsk_', 'groq'],
  ['xai-', 'xai'],
  ['aiza', 'gemini'],
  ['pplx-', 'perplexity'],
  ['tgp_', 'together'],
  ['fw_', 'fireworks'],
  ['sk-', 'openai'],
];

/** Words that name a provider in a label, beyond its catalog name and id. */
const PROVIDER_WORDS: Readonly<Record<string, string>> = { claude: 'anthropic', grok: 'xai', 'google ai': 'gemini', 'ai studio': 'gemini' };

/** "openAIApiKey", "api_key-field" → "open ai api key", "api key field". */
export function normalizeWords(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.:/[\]()*…]+/g, ' ')
    .toLowerCase()
    .replace(/\bapi key\b|\bapikey\b/g, 'api key')
    .replace(/\s+/g, ' ')
    .trim();
}

function placeholderProvider(placeholder: string): string | undefined {
  const start = placeholder.trim().toLowerCase();
  return KEY_PREFIXES.find(([prefix]) => start.startsWith(prefix))?.[1];
}

function namedProviders(words: string): string[] {
  const named = new Set<string>();
  // Catalog names are matched whole ("open ai" as split from "openAI" too).
  const squeezed = words.replace(/ /g, '');
  for (const { id, name } of PROVIDERS) {
    if (id === 'openai-compatible') continue;
    const plain = name.toLowerCase();
    if (squeezed.includes(plain.replace(/ /g, '')) || new RegExp(`\\b${id.replace('-', ' ')}\\b`).test(words)) named.add(id);
  }
  for (const [word, id] of Object.entries(PROVIDER_WORDS)) if (words.includes(word)) named.add(id);
  // "Azure OpenAI key" names Azure, not OpenAI as well.
  const names = [...named].map((id) => PROVIDERS.find((provider) => provider.id === id)?.name.toLowerCase() ?? id);
  return [...named].filter((_, i) => !names.some((other, j) => j !== i && other !== names[i] && other.includes(names[i]!)));
}

/**
 * A field that must never get a key, even when the user points at it: not a text box,
 * or one the page marks as an account's name, e-mail or password.
 */
export function isAccountOrOtherField(field: FieldDescriptor): boolean {
  if (field.tag === 'input' && !TEXT_TYPES.has(field.type)) return true;
  if (NOT_KEYS.test(field.autocomplete.trim().toLowerCase())) return true;
  // A password box in a login form is the account's password, never an API key.
  return field.inLoginForm && field.type === 'password';
}

/** Judges one field. */
export function judgeField(field: FieldDescriptor): FieldVerdict {
  const no: FieldVerdict = { keyField: false, providers: [] };
  if (isAccountOrOtherField(field)) return no;

  const words = normalizeWords([field.label, field.placeholder, field.name, field.id].join(' '));
  const fromPlaceholder = placeholderProvider(field.placeholder);
  const named = namedProviders(words);
  const saysKey = KEY_WORDS.test(words) || (named.length > 0 && /\b(?:key|token)\b/.test(words));
  const keyField = (saysKey && !(PASSWORD_WORDS.test(words) && !KEY_WORDS.test(words))) || fromPlaceholder !== undefined;
  if (!keyField) return no;
  const providers = [...named];
  if (fromPlaceholder && !providers.includes(fromPlaceholder)) providers.push(fromPlaceholder);
  return { keyField, providers };
}
