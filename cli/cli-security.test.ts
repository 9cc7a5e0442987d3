import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import { insideOutDir, outputFileName, outputFileNames, type FinalOutput } from './outputs';
import { knownSecrets, printable } from './terminal';

const image = (nodeId: string): FinalOutput => ({
  nodeId,
  port: 'image',
  artifact: { $artifact: 'a'.repeat(64), mime: 'image/png', size: 1 },
});

describe('what the CLI writes stays in --out-dir', () => {
  it.each(['../../../x', '/etc/passwd', '..', '.hidden', 'a/b\\c', 'C:\\x', '\u0000', ''])(
    'names the output of node “%s” as a plain file',
    (nodeId) => {
      const name = outputFileName(image(nodeId));
      expect(name).toMatch(/^[\w][\w.~-]*\.image\.png$/);
      expect(insideOutDir('/out', name)).toBe(join('/out', name));
    },
  );

  it('refuses any name that would leave the folder', () => {
    for (const name of ['../x.png', 'a/../../x.png', '/x.png', 'sub/x.png', '.'])
      expect(() => insideOutDir('/out', name)).toThrow(CliError);
  });

  it('tells apart two ids that make the same name', () => {
    expect(outputFileNames([image('a/b'), image('a_b'), image('A_B')])).toEqual([
      'a_b.image.png',
      'a_b.image~2.png',
      'A_B.image~3.png',
    ]);
  });
});

describe('what the CLI prints', () => {
  it('takes out control characters and bidirectional overrides, keeping lines and tabs', () => {
    expect(printable('name \u001b[2J\u001b]0;pwned\u0007 end\r\nnext\tcol \u202eevil')).toBe(
      'name �[2J�]0;pwned� end�\nnext\tcol �evil',
    );
  });

  it('never prints a key from the environment, nor a password in a base URL', () => {
    const env = {
      GEMINI_API_KEY: 'test-gemini-not-a-key-123',
      KLING_SECRET_KEY: 'kling-secret-456789',
      REELGRAPH_FAL_BASE_URL: 'https://user:p%40ssword99@queue.fal.run',
    };
    expect(knownSecrets(env)).toEqual(
      expect.arrayContaining(['test-gemini-not-a-key-123', 'kling-secret-456789', 'p@ssword99']),
    );
    const text = printable(
      'Headers.append: "test-gemini-not-a-key-123" is invalid; signed with kling-secret-456789 via p@ssword99',
      env,
    );
    expect(text).toBe('Headers.append: "[key]" is invalid; signed with [key] via [key]');
  });
});
