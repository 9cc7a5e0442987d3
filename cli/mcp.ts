/**
 * `npm run -s mcp [-- --profile <dir>] [--out-dir <dir>]`: a Model Context Protocol server over stdio
 * (`-s`, so npm prints nothing of its own on stdout).
 * Its tools drive the real app in one headless Chromium on the person's profile (the same cache,
 * ledger and budgets as the app and the CLI), started on the first call that needs it and kept warm.
 * Stdout is the protocol's: everything said for a person goes to stderr.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { APP_VERSION } from '../src/app-version';
import { warmApp } from './app-session';
import { registerTools } from './mcp-tools';
import { defaultProfileDir } from './profile';

const { values } = parseArgs({
  options: { profile: { type: 'string' }, 'out-dir': { type: 'string' } },
  strict: true,
});
const profile = resolve(values.profile ?? defaultProfileDir());
const outDir = resolve(values['out-dir'] ?? 'reelgraph-out');

const warm = warmApp(profile);

const server = new McpServer({ name: 'reelgraph', version: APP_VERSION });
registerTools(server, { app: warm.app, outDir });

/** Stops what runs (cancelling upstream where providers allow) and closes Chromium, once. */
let closing: Promise<void> | undefined;
const close = () =>
  (closing ??= (async () => {
    await warm.stop();
    await server.close().catch(() => {});
  })().finally(() => process.exit(0)));

process.stdin.on('end', () => void close());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void close());
await server.connect(new StdioServerTransport());
process.stderr.write(`reelgraph MCP server ${APP_VERSION}: profile ${profile}, outputs to ${outDir}\n`);
