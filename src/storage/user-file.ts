import type { ArtifactRef, ArtifactStore, FileIntake } from '../../graph-engine';
import { acceptClip } from '../media/clip-intake';
import { acceptPhoto } from '../media/photo-intake';
import { decodeAudio } from '../providers/local/audio';

/**
 * Stores a file the person gave (picked, dropped, or bound by the CLI), content-addressed, once it
 * is checked: a photo's type, size and pixels, and that it decodes; a sound, that it decodes and
 * holds sound; a video, that it is read and decodes. Every way in stores it this one way, so a bad file is refused as it arrives, with
 * the reason, not at the next run. A sound records its duration (the trim handles' range); a
 * photo converted on the way in (AVIF, GIF, BMP to PNG), what it was, and one scaled down, its size before.
 */
export async function storeUserFile(
  artifacts: ArtifactStore,
  file: Blob,
  media: FileIntake<unknown>['media'],
): Promise<ArtifactRef> {
  if (media === 'video') return artifacts.put(file, await acceptClip(file));
  if (media === 'audio') {
    const sound = await decodeAudio(file, 'file');
    return artifacts.put(file, { duration: sound.duration });
  }
  const { photo, width, height, convertedFrom, scaledFrom } = await acceptPhoto(file);
  return artifacts.put(photo, {
    width,
    height,
    ...(convertedFrom ? { convertedFrom } : {}),
    ...(scaledFrom ? { scaledFrom } : {}),
  });
}
