import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer, preview, type ViteDevServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The app served by Vite on a free localhost port (a secure context, as WebCodecs needs). */
export async function startAppServer(): Promise<{ url: string; server: ViteDevServer }> {
  const server = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', hmr: false, strictPort: false },
    clearScreen: false,
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The app server did not start.');
  return { url: `http://localhost:${address.port}/`, server };
}

/** The production build of the app (minified, no development checks), served by Vite's preview server. */
export async function startProductionServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'reelgraph-build-'));
  await build({ root, configFile: `${root}/vite.config.ts`, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('The preview server did not start.');
  return { url: `http://localhost:${address.port}/`, close: () => server.close() };
}
