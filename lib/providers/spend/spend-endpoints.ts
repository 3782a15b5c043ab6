/**
 * Where providers answer about spend and revoking: data only, each path after the key's
 * own endpoint, with the public reference it came from (docs/providers/spend-and-revoke.md
 * has the answers' shapes). When a provider moves an endpoint, the fix is here.
 * `{name}` in a path is an id from the provider's own answer, checked before use.
 * @module
 */

export const OPENROUTER = {
  /** GET with the key itself: its usage (today, week, month, total), limit, remaining, reset, expiry, whether it is a management key. https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key */
  key: '/key',
  /** GET with a management key: credits bought and used. https://openrouter.ai/docs/api/api-reference/credits/get-credits */
  credits: '/credits',
  /** GET with a management key, `?offset=`: the account's keys (hash, label, disabled). https://openrouter.ai/docs/api/api-reference/api-keys/list */
  keys: '/keys',
  /** PATCH `{ "disabled": true }` with a management key. https://openrouter.ai/docs/api/api-reference/api-keys/update-keys */
  keyByHash: '/keys/{hash}',
} as const;

export const DEEPSEEK = {
  /** GET with the key: `is_available`, `balance_infos[]`. https://api-docs.deepseek.com/api/get-user-balance */
  balance: '/user/balance',
} as const;

export const OPENAI_ADMIN = {
  /** GET `?limit=100&after=&include_archived=true`: the organization's projects. https://developers.openai.com/api/reference/resources/organization/subresources/projects/methods/list */
  projects: '/organization/projects',
  /** GET `?limit=100&after=`: a project's keys with `redacted_value` and `last_used_at`. https://developers.openai.com/api/reference/resources/organization/subresources/projects/subresources/api_keys/methods/list */
  projectKeys: '/organization/projects/{project}/api_keys',
  /** DELETE: revokes a project key. Same reference, method delete. */
  projectKey: '/organization/projects/{project}/api_keys/{key}',
  /** GET `?start_time=&bucket_width=1d&group_by=api_key_id&limit=31&page=`: dollars per key and day. https://developers.openai.com/api/reference/resources/organization/subresources/usage/methods/costs */
  costs: '/organization/costs',
  /** GET, same query: requests and tokens per key and day. https://developers.openai.com/api/reference/resources/organization/subresources/usage/methods/completions */
  completions: '/organization/usage/completions',
} as const;

export const ANTHROPIC_ADMIN = {
  /** GET: the organization's id and name. https://platform.claude.com/docs/en/api/admin/organizations/me */
  me: '/organizations/me',
  /** GET `?limit=1000&after_id=`: keys with `partial_key_hint` and `status`. https://platform.claude.com/docs/en/api/admin/api_keys/list */
  keys: '/organizations/api_keys',
  /** POST `{ "status": "inactive" }`: there is no delete. https://platform.claude.com/docs/en/api/admin/api_keys/update */
  key: '/organizations/api_keys/{key}',
  /** GET `?starting_at=&bucket_width=1d&group_by[]=api_key_id&limit=31&page=`: tokens per key and day. https://platform.claude.com/docs/en/api/admin/usage_report/retrieve_messages */
  usage: '/organizations/usage_report/messages',
  /** GET `?starting_at=&bucket_width=1d&limit=31&page=`: the organization's cost in cents (not per key). https://platform.claude.com/docs/en/api/admin/cost_report */
  costs: '/organizations/cost_report',
} as const;

/** How many pages of one listing are read before giving up (a loop or an organization too large to read here). */
export const MAX_PAGES = 50;
