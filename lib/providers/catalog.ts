/**
 * The providers a key can belong to: data only. Adding a provider, or fixing an endpoint
 * after a provider changes its API, is a change to one record here.
 * @module
 */
import { words, type Words } from '../words.ts';

/** An extra field a provider needs besides the key (Azure's resource, OpenAI's project…). */
export interface ProviderField {
  id: string;
  label: Words;
  placeholder?: string;
  required?: boolean;
  /** Used in the endpoint template and requests when the field is left empty. */
  default?: string;
}

/** Where the key goes in a request. */
export type KeyPlacement = 'bearer' | { header: string } | 'none';

/** How to read a successful answer beyond "the key works". */
export type AnswerReader =
  | 'models-data' // { data: [{ id }] }
  | 'models-array' // [{ id }]
  | 'models-names' // { models: [{ name }] } (Gemini strips "models/")
  | 'openrouter-key' // { data: { limit, limit_remaining, usage } }
  | 'deepseek-balance' // { is_available, balance_infos: [{ currency, total_balance }] }
  | 'xai-key' // { api_key_blocked, api_key_disabled, team_blocked }
  | 'cohere-check' // { valid }
  | 'none';

/** The cheapest request that proves a key, and how to read its answer. */
export interface ValidationSpec {
  /** Appended to the endpoint; `{field}` is replaced by that field's value. */
  path: string;
  method: 'GET' | 'POST';
  key: KeyPlacement;
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
  reader: AnswerReader;
  /** A request that must fail for a valid key (Perplexity has no list endpoint): these statuses mean valid. */
  probeStatuses?: readonly number[];
  /** Field id → header name: a field the key has filled goes along as that header. */
  fieldHeaders?: Readonly<Record<string, string>>;
}

/** Organization admin keys: a shape of their own, and a check they can pass (they cannot list models). */
export interface AdminKeys {
  /** Regular expression (source text) that only this provider's admin keys match. */
  pattern: string;
  validation: ValidationSpec;
}

export interface Provider {
  id: string;
  name: string;
  /** Base URL requests go to unless the key overrides it; empty when the user must give one. */
  defaultEndpoint: string;
  /** Local servers (Ollama, LM Studio) take no key. */
  needsKey: boolean;
  /** Regular expressions (source text) a key of this provider matches; ambiguous ones rank lower. */
  keyPatterns: readonly { pattern: string; ambiguous?: boolean }[];
  /** `.env` variable names that hold this provider's key. */
  envNames: readonly string[];
  getKeyUrl?: string;
  /** Where keys are made and pasted (for fill and capture). */
  consoleOrigins: readonly string[];
  fields: readonly ProviderField[];
  recommendedModel?: string;
  validation: ValidationSpec;
  adminKeys?: AdminKeys;
}

const none: readonly ProviderField[] = [];
const bearerModels: ValidationSpec = { path: '/models', method: 'GET', key: 'bearer', reader: 'models-data' };
// Browser-origin calls to Anthropic are refused without the second header.
const anthropicHeaders = { 'anthropic-version': '2023-06-01', 'anthropic-dangerous-direct-browser-access': 'true' };

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    defaultEndpoint: 'https://api.openai.com/v1',
    needsKey: true,
    // Namespaces after gitleaks' openai-api-key and trufflehog's openai detector (which adds the older `service`).
    keyPatterns: [
      { pattern: '^sk-(?:proj|svcacct|service|admin)-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}$' },
      { pattern: '^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$' },
      { pattern: '^sk-(?:proj|svcacct|service|admin)-[A-Za-z0-9_-]{40,}$' },
      { pattern: '^sk-[A-Za-z0-9_-]{40,}$', ambiguous: true },
    ],
    envNames: ['OPENAI_API_KEY'],
    getKeyUrl: 'https://platform.openai.com/api-keys',
    consoleOrigins: ['https://platform.openai.com'],
    fields: [
      { id: 'organization', label: words('fields.organization'), placeholder: 'org-…' },
      { id: 'project', label: words('fields.project'), placeholder: 'proj_…' },
    ],
    recommendedModel: 'gpt-4o-mini',
    // https://platform.openai.com/docs/api-reference/authentication: which organization and project a request is for.
    validation: { ...bearerModels, fieldHeaders: { organization: 'openai-organization', project: 'openai-project' } },
    // https://developers.openai.com/api/reference/resources/organization/subresources/admin_api_keys
    adminKeys: { pattern: '^sk-admin-', validation: { path: '/organization/admin_api_keys?limit=1', method: 'GET', key: 'bearer', reader: 'none' } },
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    defaultEndpoint: 'https://api.anthropic.com/v1',
    needsKey: true,
    keyPatterns: [{ pattern: '^sk-ant-api03-[\\w-]{93}AA$' }, { pattern: '^sk-ant-(?:api|admin)\\d\\d-[\\w-]{20,}$' }],
    envNames: ['ANTHROPIC_API_KEY'],
    getKeyUrl: 'https://platform.claude.com/settings/keys',
    // Keys are made on platform.claude.com now; the older console address stays for pages still served there.
    consoleOrigins: ['https://platform.claude.com', 'https://console.anthropic.com'],
    fields: none,
    recommendedModel: 'claude-3-5-haiku-latest',
    validation: { path: '/models', method: 'GET', key: { header: 'x-api-key' }, headers: anthropicHeaders, reader: 'models-data' },
    // https://docs.claude.com/en/api/admin-api/apikeys/list-api-keys
    adminKeys: {
      pattern: '^sk-ant-admin\\d\\d-',
      validation: { path: '/organizations/api_keys?limit=1', method: 'GET', key: { header: 'x-api-key' }, headers: anthropicHeaders, reader: 'none' },
    },
  },
  {
    id: 'gemini',
    name: 'Google Gemini',
    defaultEndpoint: 'https://generativelanguage.googleapis.com/v1beta',
    needsKey: true,
    keyPatterns: [{ pattern: '^AIza[\\w-]{35}$' }, { pattern: '^AQ\\.Ab8RN6[A-Za-z0-9_-]{44}$' }],
    envNames: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    getKeyUrl: 'https://aistudio.google.com/apikey',
    consoleOrigins: ['https://aistudio.google.com'],
    fields: none,
    recommendedModel: 'gemini-2.0-flash',
    validation: { path: '/models', method: 'GET', key: { header: 'x-goog-api-key' }, reader: 'models-names' },
  },
  {
    id: 'mistral',
    name: 'Mistral',
    defaultEndpoint: 'https://api.mistral.ai/v1',
    needsKey: true,
    keyPatterns: [{ pattern: '^[A-Za-z0-9]{32}$', ambiguous: true }],
    envNames: ['MISTRAL_API_KEY'],
    getKeyUrl: 'https://console.mistral.ai/api-keys',
    consoleOrigins: ['https://console.mistral.ai'],
    fields: none,
    recommendedModel: 'mistral-small-latest',
    validation: bearerModels,
  },
  {
    id: 'groq',
    name: 'Groq',
    defaultEndpoint: 'https://api.groq.com/openai/v1',
    needsKey: true,
    keyPatterns: [{ pattern: '^gsk_[A-Za-z0-9]{52}$' }],
    envNames: ['GROQ_API_KEY'],
    getKeyUrl: 'https://console.groq.com/keys',
    consoleOrigins: ['https://console.groq.com'],
    fields: none,
    recommendedModel: 'llama-3.1-8b-instant',
    validation: bearerModels,
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    defaultEndpoint: 'https://openrouter.ai/api/v1',
    needsKey: true,
    keyPatterns: [{ pattern: '^sk-or-v1-[0-9a-f]{64}$' }],
    envNames: ['OPENROUTER_API_KEY'],
    getKeyUrl: 'https://openrouter.ai/settings/keys',
    consoleOrigins: ['https://openrouter.ai'],
    fields: none,
    recommendedModel: 'openrouter/auto',
    validation: { path: '/key', method: 'GET', key: 'bearer', reader: 'openrouter-key' },
  },
  {
    id: 'xai',
    name: 'xAI',
    defaultEndpoint: 'https://api.x.ai/v1',
    needsKey: true,
    keyPatterns: [{ pattern: '^xai-[A-Za-z0-9_-]{70,120}$' }],
    envNames: ['XAI_API_KEY'],
    getKeyUrl: 'https://console.x.ai',
    consoleOrigins: ['https://console.x.ai'],
    fields: none,
    recommendedModel: 'grok-3-mini',
    validation: { path: '/api-key', method: 'GET', key: 'bearer', reader: 'xai-key' },
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    defaultEndpoint: 'https://api.deepseek.com',
    needsKey: true,
    keyPatterns: [{ pattern: '^sk-[a-f0-9]{32}$', ambiguous: true }],
    envNames: ['DEEPSEEK_API_KEY'],
    getKeyUrl: 'https://platform.deepseek.com/api_keys',
    consoleOrigins: ['https://platform.deepseek.com'],
    fields: none,
    recommendedModel: 'deepseek-chat',
    validation: { path: '/user/balance', method: 'GET', key: 'bearer', reader: 'deepseek-balance' },
  },
  {
    id: 'together',
    name: 'Together AI',
    defaultEndpoint: 'https://api.together.xyz/v1',
    needsKey: true,
    keyPatterns: [{ pattern: '^tgp_v1_[A-Za-z0-9_-]{43}$' }, { pattern: '^[a-f0-9]{64}$', ambiguous: true }],
    envNames: ['TOGETHER_API_KEY'],
    getKeyUrl: 'https://api.together.ai/settings/api-keys',
    consoleOrigins: ['https://api.together.ai'],
    fields: none,
    recommendedModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    validation: { path: '/models', method: 'GET', key: 'bearer', reader: 'models-array' },
  },
  {
    id: 'fireworks',
    name: 'Fireworks AI',
    defaultEndpoint: 'https://api.fireworks.ai/inference/v1',
    needsKey: true,
    keyPatterns: [{ pattern: '^fw_[A-Za-z0-9]{20,}$' }],
    envNames: ['FIREWORKS_API_KEY'],
    getKeyUrl: 'https://app.fireworks.ai/settings/users/api-keys',
    consoleOrigins: ['https://app.fireworks.ai'],
    fields: none,
    recommendedModel: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
    validation: bearerModels,
  },
  {
    id: 'perplexity',
    name: 'Perplexity',
    defaultEndpoint: 'https://api.perplexity.ai',
    needsKey: true,
    keyPatterns: [{ pattern: '^pplx-[A-Za-z0-9]{48}$' }],
    envNames: ['PERPLEXITY_API_KEY', 'PPLX_API_KEY'],
    getKeyUrl: 'https://www.perplexity.ai/account/api/keys',
    consoleOrigins: ['https://www.perplexity.ai'],
    fields: none,
    recommendedModel: 'sonar',
    // No list endpoint: name a model that does not exist. A valid key gets a 400-class
    // answer about the model and spends no tokens; an invalid one gets 401.
    validation: {
      path: '/chat/completions',
      method: 'POST',
      key: 'bearer',
      body: { model: 'ai-key-vault-check', messages: [{ role: 'user', content: '.' }], max_tokens: 1 },
      reader: 'none',
      probeStatuses: [400, 404, 422],
    },
  },
  {
    id: 'cohere',
    name: 'Cohere',
    defaultEndpoint: 'https://api.cohere.com/v1',
    needsKey: true,
    keyPatterns: [{ pattern: '^[A-Za-z0-9]{40}$', ambiguous: true }],
    envNames: ['COHERE_API_KEY', 'CO_API_KEY'],
    getKeyUrl: 'https://dashboard.cohere.com/api-keys',
    consoleOrigins: ['https://dashboard.cohere.com'],
    fields: none,
    recommendedModel: 'command-r',
    validation: { path: '/check-api-key', method: 'POST', key: 'bearer', reader: 'cohere-check' },
  },
  {
    id: 'azure-openai',
    name: 'Azure OpenAI',
    defaultEndpoint: 'https://{resource}.openai.azure.com',
    needsKey: true,
    keyPatterns: [{ pattern: '^[a-f0-9]{32}$', ambiguous: true }, { pattern: '^[A-Za-z0-9]{84}$', ambiguous: true }],
    envNames: ['AZURE_OPENAI_API_KEY'],
    getKeyUrl: 'https://portal.azure.com',
    consoleOrigins: ['https://ai.azure.com', 'https://portal.azure.com'],
    fields: [
      { id: 'resource', label: words('fields.resource'), placeholder: 'my-resource', required: true },
      { id: 'deployment', label: words('fields.deployment'), placeholder: 'gpt-4o' },
      { id: 'apiVersion', label: words('fields.apiVersion'), placeholder: '2024-10-21', default: '2024-10-21' },
    ],
    validation: { path: '/openai/models?api-version={apiVersion}', method: 'GET', key: { header: 'api-key' }, reader: 'models-data' },
  },
  {
    id: 'ollama',
    name: 'Ollama',
    defaultEndpoint: 'http://localhost:11434',
    needsKey: false,
    keyPatterns: [],
    envNames: [],
    consoleOrigins: [],
    fields: none,
    validation: { path: '/api/tags', method: 'GET', key: 'none', reader: 'models-names' },
  },
  {
    id: 'lmstudio',
    name: 'LM Studio',
    defaultEndpoint: 'http://localhost:1234/v1',
    // With "Require authentication" on, LM Studio wants its API token as a Bearer token:
    // https://lmstudio.ai/docs/developer/core/authentication (a token looks like sk-lm-…:…).
    needsKey: false,
    keyPatterns: [{ pattern: '^sk-lm-[A-Za-z0-9]{6,}:[A-Za-z0-9]{12,}$' }],
    envNames: ['LM_API_TOKEN'],
    consoleOrigins: [],
    fields: none,
    validation: bearerModels,
  },
  {
    id: 'openai-compatible',
    name: 'OpenAI-compatible (custom)',
    defaultEndpoint: '',
    needsKey: true,
    keyPatterns: [],
    envNames: [],
    consoleOrigins: [],
    fields: none,
    validation: bearerModels,
  },
];

const byId = new Map(PROVIDERS.map((provider) => [provider.id, provider]));

/** The provider with this id, or undefined. */
export function findProvider(id: string): Provider | undefined {
  return byId.get(id);
}

/** A provider's display name, or the id itself for one this version does not know. */
export function providerName(id: string): string {
  return byId.get(id)?.name ?? id;
}
