import { startProviderMock, MOCK_KEYS, type MockName, type ProviderMock } from './provider-mock';
import type { AnimateRequest } from '../../nodes/providers';
import { createCloudProviders, type CloudDeps } from '../../src/providers/cloud/cloud-providers';
import { defaultProviderSettings, type ProviderSettings } from '../../src/providers/cloud/config';
import { MemoryJobStore } from '../../src/providers/cloud/job-store';
import { MemorySpendLedger } from '../../src/providers/cloud/spend-ledger';

/** A PNG's signature and header chunk alone: what the adapters read of a frame (they move bytes, never decode them). */
export function pngHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  return bytes;
}

/** Small stand-in media. */
export const STILL = new Blob([pngHeader(1280, 720)], { type: 'image/png' });
export const VIDEO_BYTES = Buffer.from('fake mp4 bytes for adapter tests');
export const IMAGE_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9, 9]);

export async function startMock(name: MockName, pendingPolls = 2): Promise<ProviderMock> {
  return startProviderMock(name, { video: VIDEO_BYTES, image: IMAGE_BYTES, pendingPolls });
}

/** Cloud providers wired straight to mock servers, with fast polling and retries. */
export function cloudFor(
  mocks: Partial<Record<MockName, ProviderMock>>,
  jobs = new MemoryJobStore(),
  patch: Partial<ProviderSettings> = {},
  ledger = new MemorySpendLedger(),
  kept?: CloudDeps['kept'],
  /** The rest of the deps as a test needs them (the proxy, a fetch). */
  extra: Partial<CloudDeps> = {},
) {
  const settings: ProviderSettings = {
    ...defaultProviderSettings(),
    keys: {
      klingAccessKey: MOCK_KEYS.accessKey,
      klingSecretKey: MOCK_KEYS.secretKey,
      geminiApiKey: MOCK_KEYS.apiKey,
      arkApiKey: MOCK_KEYS.apiKey,
      falKey: MOCK_KEYS.apiKey,
      vertexAccessToken: MOCK_KEYS.apiKey,
    },
    baseUrls: Object.fromEntries(Object.entries(mocks).map(([name, mock]) => [name, mock!.url])),
    ...patch,
  };
  const cloud = createCloudProviders({
    settings: () => settings,
    serverKeys: () => new Set(),
    jobs,
    ledger,
    origin: () => ({ graphId: 'g1', graphName: 'Test graph' }),
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20, random: () => 0.5 },
    // Patience on a clock that moves 10 ms per reading, not with the machine: a busy machine
    // never times a job out, and a task that never finishes gives up after about 30 polls.
    timing: { pollMs: 5, timeoutMs: 300, typicalMs: 100, now: steppingClock(10) },
    inspectClip: async () => ({ width: 1280, height: 720, fps: 24, duration: 5 }),
    inspectImage: async () => ({ width: 1024, height: 1024 }),
    kept,
    // Node has no image codecs: a stand-in that writes the target format's signature before the bytes.
    reencodeImage: async (image, type) =>
      new Blob(
        [type === 'image/jpeg' ? new Uint8Array([0xff, 0xd8, 0xff]) : pngHeader(1, 1), await image.arrayBuffer()],
        {
          type,
        },
      ),
    ...extra,
  });
  return { cloud, jobs, settings, ledger };
}

/** A clock that advances `step` ms each time it is read. */
function steppingClock(step: number): () => number {
  let time = 0;
  return () => (time += step);
}

export function animateRequest(model: string, patch: Partial<AnimateRequest> = {}): AnimateRequest {
  return {
    model,
    still: STILL,
    prompt: 'leaves drifting',
    duration: 5,
    width: 1280,
    height: 720,
    fps: 24,
    seed: 1,
    resolution: '720p',
    audio: false,
    ...patch,
  };
}

export const never = new AbortController().signal;
export const ignore = () => {};
