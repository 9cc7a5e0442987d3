import type { ImageModel, VideoModel } from '../../../nodes/models/model.ts';
import type { JobTiming } from './job-runner.ts';
import type { StillLimits } from './still-limits.ts';
import type { ImageTask, TaskAdapter, VideoTask } from './task.ts';
import type { DescribeError, Transport } from './transport.ts';

/** Who a provider is: its id in settings, URLs and stored jobs, and the name people see. */
export interface ProviderIdentity<Name extends string = string> {
  readonly name: Name;
  readonly label: string;
}

/** A catalog entry as its provider's folder writes it: the model, and how its adapter calls it. */
export type ModelEntry<Api extends string = string> = (VideoModel | ImageModel) & {
  /** The wire format (one of the provider's `apis`). */
  api: Api;
  /** Kling legacy: std or pro. */
  mode?: 'std' | 'pro';
  /** Kling 3.0 routes: image-to-video or omni-video. */
  route?: string;
  /** How fal names the inputs of an endpoint family. */
  falInputs?: 'kling' | 'veo' | 'seedance' | 'nano-banana';
  /** What its API takes as frame images, where documented: checked before anything is sent. */
  stillLimits?: StillLimits;
};

/** How one wire format makes media. An API with none of these is listed but not yet spoken. */
export interface ApiAdapters {
  video?(http: Transport): TaskAdapter<VideoTask>;
  image?(http: Transport): TaskAdapter<ImageTask>;
  /** Synchronous APIs that answer with one image per call (a data: URI). */
  imageNow?(http: Transport, task: ImageTask, signal: AbortSignal): Promise<string>;
  /** Checks, before anything is queued, that a model can run at all (a server has its files); throws why not. */
  preflight?(http: Transport, model: ModelEntry, signal: AbortSignal): Promise<void>;
}

/** An API path the same-origin proxy forwards; `api` picks the auth the call needs. */
export interface ProxyPath<Api extends string = string> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  api?: Api;
}

/**
 * Everything Reelgraph knows about one cloud provider, in one place: the proxy, Settings, the
 * transport and the catalog all read it. Adding a provider is a folder with one of these, and a
 * line in `providers.ts`.
 */
export interface ProviderDescriptor<
  Name extends string = string,
  Key extends string = string,
  Api extends string = string,
> extends ProviderIdentity<Name> {
  /** The official API base; Settings or REELGRAPH_<NAME>_BASE_URL replace it. */
  baseUrl: string;
  /** The official API hosts the proxy forwards to besides the default (regions). */
  apiHosts: readonly string[];
  /** The paths a base URL from Settings may have, where they vary (Vertex's project); else the default's path. */
  basePath?: RegExp;
  /**
   * Set for servers the person runs (ComfyUI): the proxy forwards to any http(s) base they name in
   * Settings or in this environment variable (a comma-separated list), on the API's paths only.
   */
  userServers?: { env: string };
  /**
   * Domains results are downloaded from (storage and CDN hosts): each with its subdomains, `.x` for
   * subdomains only, or `host/path/` for that host under that path only (a bucket on shared storage).
   */
  mediaHosts: readonly string[];
  /** Settings field → the environment variable `npm start` and the CLI read, and its label. */
  keys: Readonly<Record<Key, { env: string; label: string }>>;
  /** What to tell someone who has no key for a call to `api`. */
  missingKey(api?: Api): string;
  /** The auth headers a call to `api` needs, or undefined when these keys cannot make them. */
  auth(keys: Readonly<Partial<Record<Key, string>>>, api?: Api): Promise<Record<string, string> | undefined>;
  /** The vendor's error envelope and code table, as our error kinds. */
  describeError: DescribeError;
  /** Polling rhythm and patience. */
  timing: JobTiming;
  /** Jobs in flight at once unless Settings says otherwise. */
  concurrency: number;
  paths: readonly ProxyPath<Api>[];
  apis: Readonly<Record<Api, ApiAdapters>>;
  models: readonly ModelEntry<Api>[];
}

/** Keeps a descriptor's literal name, key names and API names, so the list's types derive from it. */
export function defineProvider<const Name extends string, Key extends string, Api extends string>(
  descriptor: ProviderDescriptor<Name, Key, Api>,
): ProviderDescriptor<Name, Key, Api> {
  return descriptor;
}
