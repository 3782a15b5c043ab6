/**
 * Reads `.env` files: `NAME=value` lines, with `export`, quotes, comments and CRLF.
 * @module
 */
import { ImportError } from './import-error.ts';
import { LIMITS } from '../vault/limits.ts';
import { words } from '../words.ts';

export interface EnvVariable {
  name: string;
  value: string;
  line: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function unquote(raw: string, line: number): string {
  const quote = raw[0];
  if (quote !== '"' && quote !== "'") return raw.replace(/\s+#.*$/, '').trim();
  const end = raw.indexOf(quote, 1);
  if (end < 0) throw new ImportError(words('errors.envQuoteOpen', line));
  const inner = raw.slice(1, end);
  // Double quotes allow the usual escapes; single quotes are literal.
  return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : inner;
}

/**
 * Parses a `.env` file.
 * @throws ImportError naming the first line that is not a variable, a comment or blank.
 */
export function parseEnvFile(text: string): EnvVariable[] {
  if (text.length > LIMITS.importFileBytes) throw new ImportError(words('errors.fileTooLarge'));
  if (text.includes('\u0000')) throw new ImportError(words('errors.notText'));
  const variables: EnvVariable[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim().replace(/^\uFEFF/, '');
    if (!trimmed || trimmed.startsWith('#')) return;
    const body = trimmed.replace(/^export\s+/, '');
    const equals = body.indexOf('=');
    const name = body.slice(0, equals).trim();
    if (equals < 1 || !NAME.test(name)) throw new ImportError(words('errors.envLineMalformed', line));
    variables.push({ name, value: unquote(body.slice(equals + 1).trim(), line), line });
  });
  return variables;
}
