/**
 * Proxy memory bench: six 63 MB uploads at once through the provider proxy (in its own process)
 * to a local upstream that reads them slowly, as a provider's upload endpoint over a real link
 * would. Prints the proxy's peak memory above its own idle peak, measured in the same run, against
 * the bytes sent (target: the proxy streams, so it holds under a tenth of what passes through
 * it; buffering bodies whole took it to 1.6 GB, and fetch() with a streamed body held 380 MB).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { sized } from './size';

const UPLOADS = sized(6, 2);
const SIZE = sized(63, 16) * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** Peak resident memory of a process so far, in bytes (Linux). */
const peakMemory = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const residentMemory = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

// The upstream reads each body in pauses, so the proxy must hold back rather than take it all in.
let received = 0;
const upstream = createServer((req, res) => {
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    req.pause();
    setTimeout(() => req.resume(), 2);
  });
  req.on('end', () => res.end('{}'));
});
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamOrigin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/proxy-memory-server.ts'], {
  env: { ...process.env, GEMINI_API_KEY: 'bench-key', REELGRAPH_GEMINI_BASE_URL: upstreamOrigin },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const { origin, token } = await new Promise<{ origin: string; token: string }>((resolve, reject) => {
    child.stdout.once('data', (line: Buffer) => resolve(JSON.parse(line.toString())));
    child.once('exit', (code) => reject(new Error(`the proxy exited (${code})`)));
  });
  // Its idle peak, after one small call has loaded every code path a forward takes.
  await fetch(`${origin}/provider/gemini/v1beta/models/m:generateContent`, {
    method: 'POST',
    headers: { 'sec-fetch-site': 'same-origin', 'x-reelgraph-token': token, 'content-type': 'application/json' },
    body: '{}',
  });
  const idle = peakMemory(child.pid!);
  const idleNow = residentMemory(child.pid!);

  const chunk = new Uint8Array(CHUNK).fill(7);
  const body = () =>
    new ReadableStream<Uint8Array>({
      sent: 0,
      pull(controller) {
        this.sent += CHUNK;
        controller.enqueue(chunk);
        if (this.sent >= SIZE) controller.close();
      },
    } as UnderlyingDefaultSource<Uint8Array> & { sent: number });
  const began = performance.now();
  const answers = await Promise.all(
    Array.from({ length: UPLOADS }, () =>
      fetch(`${origin}/provider/gemini/v1beta/models/m:generateContent`, {
        method: 'POST',
        headers: {
          'sec-fetch-site': 'same-origin',
          'x-reelgraph-token': token,
          'content-type': 'application/octet-stream',
          'content-length': String(SIZE),
        },
        body: body(),
        duplex: 'half',
      } as RequestInit),
    ),
  );
  const took = performance.now() - began;
  if (answers.some((answer) => !answer.ok) || received < UPLOADS * SIZE)
    throw new Error(
      `proxy memory bench: uploads failed (${answers.map((answer) => answer.status)}; ${received} bytes arrived)`,
    );
  const peak = peakMemory(child.pid!);
  const sent = UPLOADS * SIZE;
  const ratio = (peak - idle) / sent;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `proxy memory bench: ${UPLOADS} uploads of ${mb(SIZE)} at once, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  console.log(`  the proxy idle (reference)   peak ${mb(idle)} (resident ${mb(idleNow)})`);
  console.log(
    `  while forwarding ${mb(sent)}    peak ${mb(peak)}, ${mb(peak - idle)} above idle, in ${(took / 1000).toFixed(1)} s  ratio ${ratio.toFixed(3)} of the bytes sent (target ≤ 0.1)${ratio > 0.1 ? '  MISSED' : ''}`,
  );
} finally {
  child.kill();
  upstream.close();
}
