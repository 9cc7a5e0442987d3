import { z } from 'zod';
import { zArtifactRef } from '../../graph-engine';

export const zClipParams = z.object({
  /** The video: a file the person gave, or a take dragged from the Library. */
  file: zArtifactRef.optional(),
});
export type ClipParams = z.infer<typeof zClipParams>;
