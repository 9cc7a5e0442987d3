import { googleErrorFor } from '../gemini/errors.ts';
import { defineProvider } from '../provider.ts';
import { VERTEX } from './identity.ts';
import { MODELS } from './models.ts';
import { PROJECT_PLACEHOLDER, vertexVeoAdapter } from './veo.ts';

/** Vertex AI's regional endpoints Reelgraph forwards to (the base URL picks one, with the project). */
const REGIONS = [
  'us-central1',
  'us-east4',
  'us-west1',
  'europe-west1',
  'europe-west4',
  'asia-northeast1',
  'asia-southeast1',
];

export const vertex = defineProvider({
  ...VERTEX,
  baseUrl: `https://us-central1-aiplatform.googleapis.com/v1/projects/${PROJECT_PLACEHOLDER}/locations/us-central1`,
  apiHosts: ['aiplatform.googleapis.com', ...REGIONS.map((region) => `${region}-aiplatform.googleapis.com`)],
  basePath: /^\/v1\/projects\/[a-z0-9-]{1,63}\/locations\/[a-z0-9-]{1,40}$/,
  // Videos come back inline: nothing is downloaded from Cloud Storage.
  mediaHosts: [],
  keys: { vertexAccessToken: { env: 'VERTEX_ACCESS_TOKEN', label: 'Access token (gcloud auth print-access-token)' } },
  missingKey: () =>
    'add an access token for your Google Cloud project in Settings (from gcloud auth print-access-token; it lasts an hour), or set VERTEX_ACCESS_TOKEN for npm start.',
  async auth(keys) {
    return keys.vertexAccessToken ? { authorization: `Bearer ${keys.vertexAccessToken}` } : undefined;
  },
  describeError: googleErrorFor(VERTEX),
  // Veo's docs poll every 10 s; it takes 11 s to about 6 min.
  timing: { pollMs: 10_000, timeoutMs: 20 * 60_000, typicalMs: 90_000 },
  concurrency: 2,
  paths: [
    {
      method: 'POST',
      path: /^\/publishers\/google\/models\/[\w.-]+:(predictLongRunning|fetchPredictOperation)$/,
    },
  ],
  apis: { 'vertex-veo': { video: vertexVeoAdapter } },
  models: MODELS,
});
