import { FFmpeg } from '@ffmpeg/ffmpeg';
import { abortable } from '../../graph-engine';
import coreURL from '@ffmpeg/core?url';
import wasmURL from '@ffmpeg/core/wasm?url';

/**
 * ffmpeg.wasm (single-thread core, served from our own origin, never a CDN), loaded once and
 * shared. Jobs run one at a time; cancelling terminates the core (the only real cancel), and the
 * next job loads it again.
 */
let instance: Promise<FFmpeg> | null = null;
let queue: Promise<unknown> = Promise.resolve();

function load(): Promise<FFmpeg> {
  instance ??= (async () => {
    const ffmpeg = new FFmpeg();
    await ffmpeg.load({ coreURL, wasmURL });
    return ffmpeg;
  })().catch((error: unknown) => {
    instance = null;
    throw new Error(`ffmpeg.wasm could not load: ${error instanceof Error ? error.message : String(error)}`);
  });
  return instance;
}

export interface FFmpegJob {
  args: string[];
  inputs: Record<string, Uint8Array>;
  output: string;
  signal: AbortSignal;
  /** Seconds of output expected, to turn ffmpeg's `time=` into progress. */
  duration?: number;
  progress?: (fraction: number) => void;
}

/** Runs one ffmpeg command over in-memory files and returns the output file's bytes. */
export function runFFmpeg(job: FFmpegJob): Promise<Uint8Array> {
  const run = queue.then(() => execute(job));
  queue = run.catch(() => {});
  // A job cancelled while it waits for the one before it leaves the line at once.
  return abortable(run, job.signal);
}

async function execute({ args, inputs, output, signal, duration, progress }: FFmpegJob): Promise<Uint8Array> {
  signal.throwIfAborted();
  const ffmpeg = await load();
  const log: string[] = [];
  const onLog = ({ message }: { message: string }) => {
    log.push(message);
    if (log.length > 40) log.shift();
  };
  const onProgress = ({ time }: { time: number }) =>
    duration && time > 0 && progress?.(Math.min(1, time / 1e6 / duration));
  const onAbort = () => {
    ffmpeg.terminate();
    instance = null;
  };
  ffmpeg.on('log', onLog);
  ffmpeg.on('progress', onProgress);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (const [name, bytes] of Object.entries(inputs)) await ffmpeg.writeFile(name, bytes);
    const code = await ffmpeg.exec(['-hide_banner', ...args, output]);
    signal.throwIfAborted();
    if (code !== 0)
      throw new Error(
        `ffmpeg failed (exit ${code}): ${log
          .filter((line) => !line.startsWith('Aborted'))
          .slice(-3)
          .join(' / ')}`,
      );
    const bytes = (await ffmpeg.readFile(output)) as Uint8Array;
    return bytes;
  } catch (error) {
    signal.throwIfAborted();
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (instance) {
      ffmpeg.off('log', onLog);
      ffmpeg.off('progress', onProgress);
      for (const name of [...Object.keys(inputs), output]) await ffmpeg.deleteFile(name).catch(() => {});
    }
  }
}
