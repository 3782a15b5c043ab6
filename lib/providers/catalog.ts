/**
 * The providers a key can belong to: data only. Adding a provider is adding a record.
 * @module
 */

/** An extra field a provider needs besides the key (Azure's resource, OpenAI's project…). */
export interface ProviderField {
  id: string;
  label: string;
  placeholder?: string;
  required?: boolean;
}

export interface Provider {
  id: string;
  name: string;
  /** Base URL requests go to unless the key overrides it; empty when the user must give one. */
  defaultEndpoint: string;
  /** Local servers (Ollama, LM Studio) take no key. */
  needsKey: boolean;
  fields: readonly ProviderField[];
}

const none: readonly ProviderField[] = [];

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    defaultEndpoint: 'https://api.openai.com/v1',
    needsKey: true,
    fields: [
      { id: 'organization', label: 'Organization', placeholder: 'org-…' },
      { id: 'project', label: 'Project', placeholder: 'proj_…' },
    ],
  },
  { id: 'anthropic', name: 'Anthropic', defaultEndpoint: 'https://api.anthropic.com/v1', needsKey: true, fields: none },
  { id: 'gemini', name: 'Google Gemini', defaultEndpoint: 'https://generativelanguage.googleapis.com/v1beta', needsKey: true, fields: none },
  { id: 'mistral', name: 'Mistral', defaultEndpoint: 'https://api.mistral.ai/v1', needsKey: true, fields: none },
  { id: 'groq', name: 'Groq', defaultEndpoint: 'https://api.groq.com/openai/v1', needsKey: true, fields: none },
  { id: 'openrouter', name: 'OpenRouter', defaultEndpoint: 'https://openrouter.ai/api/v1', needsKey: true, fields: none },
  { id: 'xai', name: 'xAI', defaultEndpoint: 'https://api.x.ai/v1', needsKey: true, fields: none },
  { id: 'deepseek', name: 'DeepSeek', defaultEndpoint: 'https://api.deepseek.com', needsKey: true, fields: none },
  { id: 'together', name: 'Together AI', defaultEndpoint: 'https://api.together.xyz/v1', needsKey: true, fields: none },
  { id: 'fireworks', name: 'Fireworks AI', defaultEndpoint: 'https://api.fireworks.ai/inference/v1', needsKey: true, fields: none },
  { id: 'perplexity', name: 'Perplexity', defaultEndpoint: 'https://api.perplexity.ai', needsKey: true, fields: none },
  { id: 'cohere', name: 'Cohere', defaultEndpoint: 'https://api.cohere.com/v1', needsKey: true, fields: none },
  {
    id: 'azure-openai',
    name: 'Azure OpenAI',
    defaultEndpoint: 'https://{resource}.openai.azure.com/openai',
    needsKey: true,
    fields: [
      { id: 'resource', label: 'Resource', placeholder: 'my-resource', required: true },
      { id: 'deployment', label: 'Deployment', placeholder: 'gpt-4o' },
      { id: 'apiVersion', label: 'API version', placeholder: '2024-10-21' },
    ],
  },
  { id: 'ollama', name: 'Ollama', defaultEndpoint: 'http://localhost:11434', needsKey: false, fields: none },
  { id: 'lmstudio', name: 'LM Studio', defaultEndpoint: 'http://localhost:1234/v1', needsKey: false, fields: none },
  { id: 'openai-compatible', name: 'OpenAI-compatible (custom)', defaultEndpoint: '', needsKey: true, fields: none },
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
