import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';

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
