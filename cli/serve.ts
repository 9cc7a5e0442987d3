/**
 * `npm run -s serve [-- --port <n>] [--host <address>] [--profile <dir>] [--out-dir <dir>]`: the
 * local HTTP API. Apps (built-in templates and the profile's library templates) are endpoints that
 * take their inputs and run in one headless app on the person's profile (the same cache, queue,
 * ledger and budgets as the app), started at once and kept warm. Every request carries the token it
 * prints (or `REELGRAPH_API_TOKEN`). `--openapi` prints the API's OpenAPI document and exits.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APP_VERSION } from '../src/app-version';
import { openApiDocument } from './api/openapi';
import { RunBook } from './api/runs';
import { apiHandler } from './api/server';
import { warmApp } from './app-session';
import { CliError, runCli } from './cli-error';
import { defaultProfileDir } from './profile';

const NAME = 'reelgraph serve';
/** Next to the app's own fixed origin port, so a script's URL stays the same from day to day. */
const DEFAULT_PORT = 41731;

runCli(NAME, async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        profile: { type: 'string' },
        'out-dir': { type: 'string' },
        openapi: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(
      `${error instanceof Error ? error.message : String(error)}; usage: npm run -s serve -- [--port <n>] [--host <address>] [--profile <dir>] [--out-dir <dir>] | --openapi`,
    );
  }
  if (values.openapi) {
    process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
    return 0;
  }
  const port = Number(values.port ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`--port ${values.port}: not a port`);
  const host = values.host ?? '127.0.0.1';
  const profile = resolve(values.profile ?? defaultProfileDir());
  const outDir = resolve(values['out-dir'] ?? 'reelgraph-out');
  const token = process.env.REELGRAPH_API_TOKEN || randomBytes(24).toString('base64url');
  const uploads = mkdtempSync(join(tmpdir(), 'reelgraph-uploads-'));
  // However it ends (a failed start, a crash), what was uploaded goes with it.
  process.on('exit', () => rmSync(uploads, { recursive: true, force: true }));

  const warm = warmApp(profile);
  const runs = new RunBook({ app: warm.app, outDir });
  const server = createServer(apiHandler({ token, runs, app: warm.app, uploads }));
  await new Promise<void>((done, fail) =>
    server
      .once('error', (error) => fail(new CliError(`cannot listen on ${host}:${port}: ${error.message}`)))
      .listen(port, host, done),
  );
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  // Kept warm from the start: the first run does not wait for Chromium.
  await warm.app();
  process.stdout.write(
    `${NAME} ${APP_VERSION}: http://${host.includes(':') ? `[${host}]` : host}:${bound}/v1 (profile ${profile}, outputs in ${outDir})\ntoken: ${token}\n`,
  );

  await new Promise<void>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => done());
  });
  runs.close();
  server.closeAllConnections();
  server.close();
  await warm.stop();
  return 0;
});
