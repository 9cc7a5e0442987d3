/**
 * The provider proxy alone in its own process, for tests/bench/proxy-memory.ts: it forwards to the
 * upstream named in its environment and prints its origin and token as one JSON line.
 */
import { startProxy } from '../mocks/proxy-kit';

const proxy = await startProxy(process.env);
console.log(JSON.stringify({ origin: proxy.origin, token: proxy.token }));
