/** What a medium is: a still, a video, a sound, or text. */
export type MediaFamily = 'image' | 'video' | 'audio' | 'text';

interface MediaType {
  mime: string;
  /** File name endings, lower case; the first is the one files are written with. */
  extensions: readonly string[];
  family: MediaFamily;
  /** Other names browsers and files give the same type. */
  aliases?: readonly string[];
}

/**
 * Every media type Reelgraph reads or writes, once: the kinds' file intakes (drops, the CLI's
 * --file), bundles, the CLI's output names and the players all read this table.
 */
export const MEDIA_TYPES: readonly MediaType[] = [
  { mime: 'image/png', extensions: ['.png'], family: 'image' },
  { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'], family: 'image' },
  { mime: 'image/webp', extensions: ['.webp'], family: 'image' },
  { mime: 'image/avif', extensions: ['.avif'], family: 'image' },
  { mime: 'image/gif', extensions: ['.gif'], family: 'image' },
  { mime: 'image/bmp', extensions: ['.bmp'], family: 'image' },
  { mime: 'image/heic', extensions: ['.heic'], family: 'image' },
  { mime: 'image/heif', extensions: ['.heif'], family: 'image' },
  { mime: 'image/tiff', extensions: ['.tif', '.tiff'], family: 'image' },
  { mime: 'video/mp4', extensions: ['.mp4', '.m4v'], family: 'video' },
  { mime: 'video/quicktime', extensions: ['.mov'], family: 'video' },
  { mime: 'video/webm', extensions: ['.webm'], family: 'video' },
  // Chromium types a dropped .mkv `video/matroska`.
  { mime: 'video/x-matroska', extensions: ['.mkv'], family: 'video', aliases: ['video/matroska'] },
  { mime: 'audio/wav', extensions: ['.wav'], family: 'audio', aliases: ['audio/x-wav', 'audio/wave'] },
  { mime: 'audio/mpeg', extensions: ['.mp3'], family: 'audio' },
  { mime: 'audio/mp4', extensions: ['.m4a'], family: 'audio', aliases: ['audio/x-m4a'] },
  { mime: 'audio/ogg', extensions: ['.ogg'], family: 'audio' },
  { mime: 'audio/flac', extensions: ['.flac'], family: 'audio', aliases: ['audio/x-flac'] },
  { mime: 'text/plain', extensions: ['.txt'], family: 'text' },
];

const byMime = new Map(MEDIA_TYPES.flatMap((type) => [type.mime, ...(type.aliases ?? [])].map((mime) => [mime, type])));
const byExtension = new Map(MEDIA_TYPES.flatMap((type) => type.extensions.map((extension) => [extension, type])));

/** The type a MIME names (an alias included), if Reelgraph knows it. */
export const mediaType = (mime: string): MediaType | undefined => byMime.get(mime.split(';')[0].trim().toLowerCase());

/** The extension a file of this type is written with, without its dot (`bin` for a type not in the table). */
export const extensionFor = (mime: string): string => mediaType(mime)?.extensions[0].slice(1) ?? 'bin';

/** The MIME a file name's ending names (`.mov`, or `mov`), if any. */
export const mimeForExtension = (extension: string): string | undefined =>
  byExtension.get(`.${extension.replace(/^\./, '').toLowerCase()}`)?.mime;

/** A kind's intake table (`.ext` → MIME) for the types it takes, in the order given. */
export const extensionsOf = (mimes: readonly string[]): Record<string, string> =>
  Object.fromEntries(
    mimes.flatMap((mime) => (byMime.get(mime)?.extensions ?? []).map((extension) => [extension, mime] as const)),
  );
