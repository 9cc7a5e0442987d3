/** The environment variable `npm start` and the CLI read the ComfyUI servers from: a comma-separated list. */
export const COMFYUI_URLS_ENV = 'REELGRAPH_COMFYUI_URLS';

/** ComfyUI's own default address, used when no server is configured. */
export const DEFAULT_COMFYUI_URL = 'http://127.0.0.1:8188';

/**
 * A server's base URL as the proxy forwards to it, or why not: http or https, a host and port, an
 * optional plain path (Comfy Cloud's `/api`), and nothing that could move the API path elsewhere
 * (a query, a fragment, a user name, a backslash, an encoded or relative segment).
 */
export function serverBase(text: string): string | Error {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return new Error(`“${text}” is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return new Error(`“${text}” is not an http(s) URL`);
  if (/[?#@\\%]/.test(text) || url.username || url.password)
    return new Error(`“${text}” may have only a host, a port and a path`);
  // The parser has already resolved `..`: the path is judged as it was written.
  const written = text.trim().replace(/^[a-z]+:\/\/[^/]*/i, '');
  if (written.split('/').some((part) => part === '.' || part === '..'))
    return new Error(`“${text}” has a path a server cannot have`);
  const path = url.pathname.replace(/\/$/, '');
  if (path && (!/^(\/[\w.-]+)+$/.test(path) || path.split('/').some((part) => part === '.' || part === '..')))
    return new Error(`“${text}” has a path a server cannot have`);
  return `${url.origin}${path}`;
}

/** The servers in REELGRAPH_COMFYUI_URLS (commas or spaces between them); ones that are not URLs are left out. */
export function parseServerList(text: string | undefined): string[] {
  const bases = (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(serverBase)
    .filter((base): base is string => typeof base === 'string');
  return [...new Set(bases)];
}
