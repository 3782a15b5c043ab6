import { describe, expect, it } from 'vitest';
import { judgeField, type FieldDescriptor } from '../../lib/fill/field-signals.ts';
import { fillRefusal, pageRefusal } from '../../lib/fill/fill-policy.ts';
import { BYOK_APPS, consoleProviders, curatedMatchPatterns, curatedSiteProviders } from '../../lib/fill/sites.ts';
import { PROVIDERS } from '../../lib/providers/catalog.ts';

function field(partial: Partial<FieldDescriptor>): FieldDescriptor {
  return { tag: 'input', type: 'text', name: '', id: '', placeholder: '', autocomplete: '', label: '', inLoginForm: false, ...partial };
}

/** Fields shaped like those on provider consoles and bring-your-own-key apps. */
const KEY_FIELDS: [string, Partial<FieldDescriptor>, string[]][] = [
  ['TypingMind-style labelled password box', { type: 'password', label: 'OpenAI API Key', placeholder: 'sk-...' }, ['openai']],
  ['placeholder shaped like an Anthropic key', { type: 'password', placeholder: 'sk-ant-api03-...' }, ['anthropic']],
  ['camelCase name only', { name: 'openaiApiKey' }, ['openai']],
  ['snake_case id and a generic label', { id: 'groq_api_key', label: 'API key' }, ['groq']],
  ['aria-label naming Claude', { label: 'Claude API key' }, ['anthropic']],
  ['Gemini key by placeholder', { placeholder: 'AIza…' }, ['gemini']],
  ['OpenRouter placeholder', { placeholder: 'sk-or-v1-…' }, ['openrouter']],
  ['xAI by the word Grok', { label: 'Grok API key' }, ['xai']],
  ['DeepSeek label with sk- placeholder', { label: 'DeepSeek API Key', placeholder: 'sk-xxxxxxxx' }, ['deepseek', 'openai']],
  ['a textarea for a key', { tag: 'textarea', type: '', label: 'Paste your API key' }, []],
  ['generic "API Token" field', { label: 'API Token', type: 'password' }, []],
  ['"Secret key" on a console', { label: 'Secret key' }, []],
  ['Azure key with the provider named', { label: 'Azure OpenAI key' }, ['azure-openai']],
  ['Mistral key in a search-typed input', { type: 'search', placeholder: 'Mistral API key' }, ['mistral']],
  ['an API-key password box next to a non-account form', { type: 'password', name: 'apiKey', inLoginForm: false }, []],
];

/** Look-alikes: login and sign-up fields, other secrets, other inputs. */
const NOT_KEY_FIELDS: [string, Partial<FieldDescriptor>][] = [
  ['login password', { type: 'password', name: 'password', label: 'Password', inLoginForm: true }],
  ['login password even named key', { type: 'password', name: 'key', label: 'Password', inLoginForm: true }],
  ['new password', { type: 'password', autocomplete: 'new-password', label: 'Choose a password' }],
  ['current password marked by autocomplete', { type: 'password', autocomplete: 'current-password' }],
  ['username', { autocomplete: 'username', label: 'User name' }],
  ['email', { type: 'email', label: 'Email' }],
  ['search box', { type: 'search', placeholder: 'Search docs' }],
  ['one-time code', { autocomplete: 'one-time-code', label: 'Verification code' }],
  ['passphrase box', { type: 'password', label: 'Passphrase' }],
  ['PIN', { type: 'password', label: 'PIN' }],
  ['licence key', { label: 'License key' }],
  ['a checkbox named api_key', { type: 'checkbox', name: 'api_key' }],
  ['a hidden input named api_key', { type: 'hidden', name: 'api_key' }],
  ['a number input', { type: 'number', label: 'Max tokens' }],
  ['model name', { label: 'Model', placeholder: 'gpt-4o-mini' }],
  ['display name', { label: 'Name', name: 'name' }],
  ['a keyword field', { label: 'Keywords', name: 'keywords' }],
  ['card number', { autocomplete: 'cc-number', label: 'Card number' }],
];

describe('API-key field detection', () => {
  it.each(KEY_FIELDS)('offers keys for: %s', (_, partial, providers) => {
    const verdict = judgeField(field(partial));
    expect(verdict.keyField).toBe(true);
    expect(verdict.providers).toEqual(providers);
  });

  it.each(NOT_KEY_FIELDS)('offers nothing for: %s', (_, partial) => {
    expect(judgeField(field(partial)).keyField).toBe(false);
  });
});

describe('where keys may be filled', () => {
  it('fills https pages and http only on this computer', () => {
    expect(pageRefusal('https://app.example.com/x')).toBeUndefined();
    expect(pageRefusal('http://localhost:3000/')).toBeUndefined();
    expect(pageRefusal('http://127.0.0.1:8080/')).toBeUndefined();
    expect(pageRefusal('http://app.example.com/')).toBe('insecure-page');
    expect(pageRefusal('http://127.0.0.1.example.com/')).toBe('insecure-page');
    expect(pageRefusal('chrome://settings')).toBe('not-a-web-page');
    expect(pageRefusal('file:///tmp/x.html')).toBe('not-a-web-page');
    expect(pageRefusal(undefined)).toBe('not-a-web-page');
  });

  it('fills a frame only of the page’s own origin or of the key’s provider', () => {
    const app = 'https://www.typingmind.com/settings';
    expect(fillRefusal(app, app, 'openai')).toBeUndefined();
    expect(fillRefusal(app, 'https://www.typingmind.com/frame', 'openai')).toBeUndefined();
    expect(fillRefusal(app, 'https://evil.example/frame', 'openai')).toBe('foreign-frame');
    expect(fillRefusal(app, 'https://platform.openai.com/embed', 'openai')).toBeUndefined();
    expect(fillRefusal(app, 'https://platform.openai.com/embed', 'anthropic')).toBe('foreign-frame');
    expect(fillRefusal(app, 'http://evil.example/frame', 'openai')).toBe('insecure-page');
  });

  it('knows each console’s provider and offers inline on the curated sites only', () => {
    expect(consoleProviders('https://platform.openai.com')).toEqual(['openai']);
    expect(consoleProviders('https://console.anthropic.com')).toEqual(['anthropic']);
    expect(consoleProviders('https://example.com')).toEqual([]);
    const patterns = curatedMatchPatterns();
    expect(patterns).toContain('https://platform.openai.com/*');
    expect(patterns.every((pattern) => /^https:\/\/[a-z0-9.-]+\/\*$/.test(pattern))).toBe(true);
  });

  it('knows which providers fit each curated site, and none for other sites', () => {
    expect(curatedSiteProviders('https://console.groq.com/keys')).toEqual(['groq']);
    expect(curatedSiteProviders('https://bettergpt.chat/')).toEqual(['openai', 'azure-openai']);
    expect(curatedSiteProviders('https://chat.example.com/')).toBeUndefined();
    const catalog = new Set(PROVIDERS.map(({ id }) => id));
    for (const app of BYOK_APPS) expect(app.providers.filter((id) => !catalog.has(id)), app.name).toEqual([]);
  });
});
