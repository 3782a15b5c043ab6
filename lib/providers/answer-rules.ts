/**
 * How providers refuse a check where the status code alone would mislead. Each rule
 * reads one answer a provider really sends, and says where that answer was seen. They
 * are tried in order, before the general reading of status codes.
 * @module
 */
import type { CheckResult, Outcome } from './classify.ts';
import { words, type Words } from '../words.ts';

export interface AnswerRule {
  provider: string;
  status: number;
  /** Tested against the raw body. */
  body: RegExp;
  outcome: Outcome;
  /** Our words, shown instead of the provider's. */
  message?: Words;
  /** Shown when the provider's answer has no message of its own. */
  fallback?: Words;
  reason?: CheckResult['reason'];
}

// Google's error reasons: https://github.com/googleapis/googleapis/blob/master/google/api/error_reason.proto
const GEMINI_KEY_RESTRICTIONS = /API_KEY_(SERVICE|HTTP_REFERRER|IP_ADDRESS|ANDROID_APP|IOS_APP)_BLOCKED/;

export const ANSWER_RULES: readonly AnswerRule[] = [
  // 403 PERMISSION_DENIED "Your API key was reported as leaked": https://github.com/continuedev/continue/issues/10513,
  // https://github.com/google-gemini-php/laravel/issues/47. A dead key, and the one case to shout about.
  { provider: 'gemini', status: 403, body: /reported as leaked/i, outcome: 'invalid', reason: 'leaked', fallback: words('check.geminiLeaked') },
  // 403 "Consumer 'api_key:…' has been suspended" (CONSUMER_SUSPENDED): https://github.com/google/generative-ai-docs/issues/356.
  // Google's words repeat the key, so ours are shown.
  { provider: 'gemini', status: 403, body: /CONSUMER_SUSPENDED|has been suspended/, outcome: 'invalid', message: words('check.geminiSuspended') },
  // The key's own restrictions (API, referrer, IP, app) refuse this caller: the key is alive.
  { provider: 'gemini', status: 403, body: GEMINI_KEY_RESTRICTIONS, outcome: 'restricted', fallback: words('check.restrictedCaller') },
  // Standard keys are being retired (https://ai.google.dev/gemini-api/docs/api-key): 401 ACCESS_TOKEN_TYPE_UNSUPPORTED
  // with a misleading "Expected OAuth 2 access token": https://github.com/google-gemini/gemini-cli/issues/29275,
  // https://github.com/Kilo-Org/kilocode/pull/12162.
  { provider: 'gemini', status: 401, body: /ACCESS_TOKEN_TYPE_UNSUPPORTED/, outcome: 'invalid', message: words('check.geminiRetired') },
  { provider: 'gemini', status: 400, body: /API_KEY_INVALID/, outcome: 'invalid', fallback: words('check.notValid') },
  { provider: 'gemini', status: 400, body: /FAILED_PRECONDITION/, outcome: 'restricted', fallback: words('check.wrongRegion') },
  // A key without a scope gets 401 (not 403) "You have insufficient permissions … Missing scopes: …"; it works for
  // what it was made for: https://github.com/microsoft/PowerToys/issues/32989, https://github.com/continuedev/continue/issues/10059.
  { provider: 'openai', status: 401, body: /Missing scopes?:|insufficient permissions/i, outcome: 'restricted', fallback: words('check.lacksPermission') },
  // 403 unsupported_country_region_territory says nothing about the key: https://github.com/continuedev/continue/issues/11449,
  // https://github.com/home-assistant/core/issues/120072.
  { provider: 'openai', status: 403, body: /unsupported_country_region_territory/, outcome: 'restricted', message: words('check.openaiRegion') },
  // A disabled key gets 404 not_found_error from an endpoint that exists (trufflehog's Anthropic detector, per the
  // project's provider notes; error shape: https://docs.anthropic.com/claude/reference/errors-and-rate-limits).
  // A gateway's own 404, without Anthropic's error shape, stays an error.
  { provider: 'anthropic', status: 404, body: /"not_found_error"/, outcome: 'invalid', message: words('check.anthropicDisabled') },
  // xAI refuses a wrong key with 400 (project notes).
  { provider: 'xai', status: 400, body: /(?:)/, outcome: 'invalid', fallback: words('check.refused') },
];

/** The first rule that reads this answer, if any. */
export function findRule(provider: string, status: number, body: string): AnswerRule | undefined {
  return ANSWER_RULES.find((rule) => rule.provider === provider && rule.status === status && rule.body.test(body));
}
