import { CLOUD_PROVIDERS, baseUrlEnv, keysFromEnv } from '../src/providers/cloud/providers';
import { redact } from '../src/providers/cloud/errors';

/**
 * Everything the CLIs print goes through here. Graph strings (names, ids, messages) and provider
 * answers reach the terminal, so control characters are taken out (an escape sequence could
 * rewrite the screen or the title), and so is every credential this process knows.
 */

// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that reorder what is shown.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The keys in the environment, and any password in a base URL. */
export function knownSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const keys = Object.values(keysFromEnv(env));
  const inUrls = CLOUD_PROVIDERS.flatMap(({ name }) => {
    try {
      const url = new URL(env[baseUrlEnv(name)] ?? '');
      return [url.password, url.username].map(decodeURIComponent);
    } catch {
      return [];
    }
  });
  return [...keys, ...inUrls].filter((value): value is string => Boolean(value));
}

/** Text as it may be printed: no control characters, no credentials. */
export function printable(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return redact(text, knownSecrets(env)).replace(CONTROLS, '�');
}

/** One line to standard output. */
export function say(line: string): void {
  process.stdout.write(`${printable(line)}\n`);
}

/** One line to standard error. */
export function warn(line: string): void {
  process.stderr.write(`${printable(line)}\n`);
}
