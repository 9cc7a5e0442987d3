import { ALL_FORMATS, BlobSource, BufferTarget, Conversion, Input, Mp4OutputFormat, Output } from 'mediabunny';

/** Marks our comment tag so an MP4 from elsewhere is not mistaken for a graph. */
const PREFIX = 'reelgraph.graph:';

/**
 * Writes the graph that made a video into the MP4's metadata (its comment tag), copying the
 * streams without re-encoding. Done when the video leaves the app (download, CLI output), so the
 * cached result stays the pure output of its inputs.
 */
export async function embedGraph(mp4: Blob, graphJson: string): Promise<Blob> {
  const input = new Input({ source: new BlobSource(mp4), formats: ALL_FORMATS });
  try {
    const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
    const conversion = await Conversion.init({
      input,
      output,
      tags: (tags) => ({ ...tags, comment: `${PREFIX}${graphJson}` }),
    });
    if (!conversion.isValid) throw new Error('This video cannot be rewritten with its graph.');
    await conversion.execute();
    return new Blob([output.target.buffer!], { type: 'video/mp4' });
  } finally {
    input.dispose();
  }
}

/** The graph JSON an MP4 carries, or undefined when it carries none. */
export async function readEmbeddedGraph(mp4: Blob): Promise<string | undefined> {
  const input = new Input({ source: new BlobSource(mp4), formats: ALL_FORMATS });
  try {
    const { comment } = await input.getMetadataTags();
    return comment?.startsWith(PREFIX) ? comment.slice(PREFIX.length) : undefined;
  } catch {
    return undefined;
  } finally {
    input.dispose();
  }
}
