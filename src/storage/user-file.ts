import type { ArtifactRef, ArtifactStore } from '../../graph-engine';

/**
 * Stores a file the person gave (picked, dropped, or bound by the CLI), content-addressed. Every
 * way in stores it this one way: a sound also records its duration (the trim handles' range).
 */
export async function storeUserFile(artifacts: ArtifactStore, file: Blob): Promise<ArtifactRef> {
  if (!file.type.startsWith('audio/')) return artifacts.put(file);
  const duration = await new OfflineAudioContext(1, 1, 48_000)
    .decodeAudioData(await file.arrayBuffer())
    .then((buffer) => buffer.duration)
    .catch(() => undefined);
  return artifacts.put(file, duration === undefined ? undefined : { duration });
}
