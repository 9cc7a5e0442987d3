import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { animateRequest, cloudFor, ignore, never, startMock } from '../../../../tests/mocks/cloud-kit';
import { MOCK_KEYS, type ProviderMock } from '../../../../tests/mocks/provider-mock';
import type { ProviderError } from '../errors';
import { MemoryJobStore } from '../job-store';

let vertex: ProviderMock;
beforeEach(async () => void (vertex = await startMock('vertex')));
afterEach(async () => vertex.close());

describe('Veo 3.1 on Vertex AI', () => {
  it('starts the publisher model’s long-running prediction with a bearer token, and polls it to an inline clip', async () => {
    const { cloud } = cloudFor({ vertex });
    const result = await cloud.animate(
      animateRequest('vertex:veo-3.1-fast', { resolution: '1080p', duration: 5 }),
      never,
      ignore,
    );
    const [submit, poll] = vertex.requests;
    expect(submit.path).toBe(
      '/v1/projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-fast-generate-001:predictLongRunning',
    );
    expect(submit.headers.authorization).toBe(`Bearer ${MOCK_KEYS.apiKey}`);
    expect(submit.body).toEqual({
      instances: [
        { prompt: 'leaves drifting', image: { bytesBase64Encoded: expect.any(String), mimeType: 'image/png' } },
      ],
      parameters: {
        aspectRatio: '16:9',
        resolution: '1080p',
        durationSeconds: 8,
        personGeneration: 'allow_adult',
        sampleCount: 1,
        generateAudio: true,
      },
    });
    expect(poll.path).toBe(
      '/v1/projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-fast-generate-001:fetchPredictOperation',
    );
    expect(poll.body).toEqual({
      operationName:
        'projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-fast-generate-001/operations/vertex-task-1',
    });
    expect(await result.clip.text()).toBe('fake mp4 bytes for adapter tests');
    expect(result.cost).toBeCloseTo(8 * 0.12);
  });

  it('says the project is missing before sending anything', async () => {
    const { cloud } = cloudFor({ vertex }, new MemoryJobStore(), { baseUrls: {} });
    await expect(cloud.animate(animateRequest('vertex:veo-3.1'), never, ignore)).rejects.toThrow(
      'Vertex AI: set your Google Cloud project and region in the Vertex AI base URL in Settings',
    );
    expect(vertex.requests).toHaveLength(0);
  });

  it('says when the access token has expired', async () => {
    const { cloud } = cloudFor({ vertex }, new MemoryJobStore(), {
      keys: { vertexAccessToken: 'expired-token-000000' },
      baseUrls: { vertex: vertex.url },
    });
    const error = (await cloud
      .animate(animateRequest('vertex:veo-3.1'), never, ignore)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect([error.kind, error.message]).toEqual([
      'auth',
      'Vertex AI: Request had invalid authentication credentials. · UNAUTHENTICATED',
    ]);
  });

  it('stops after a 5xx on submit, since Vertex cannot look the operation up: may have been billed', async () => {
    vertex.injectAfterWork('POST', /predictLongRunning$/, {
      status: 503,
      body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } },
    });
    const jobs = new MemoryJobStore();
    await expect(
      cloudFor({ vertex }, jobs).cloud.animate(animateRequest('vertex:veo-3.1'), never, ignore),
    ).rejects.toThrow(/may have been made and billed/);
    expect(vertex.submits()).toBe(1);
  });
});
