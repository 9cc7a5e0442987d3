import { Zip, ZipPassThrough } from 'fflate';
import { extensionFor, isArtifactRef, type ArtifactRef } from '../../graph-engine';
import { portsOfNode } from '../../nodes';
import { cutToFcp7Xml } from '../../nodes/assemble/fcp7';
import { cutSizeOf } from '../../nodes/assemble/frame';
import type { HandoffCut } from '../../nodes/assemble/handoff';
import { cutToOtio } from '../../nodes/assemble/otio';
import { timelineOrder, zAssembleParams, zClipSettings } from '../../nodes/assemble/schema';
import { probeClip, probeDuration } from '../media/probe';
import { saveFile, safeFileName } from '../storage/save-file';
import { useGraphStore } from './graph-store';
import { notify } from './notify';
import { finalNodes, inputsOf, nodeById } from './selectors';
import { services } from './services';

/** An Assemble's cut for an editor: the timeline in both formats and the files they name (paths relative to them). */
export interface Handoff {
  name: string;
  otio: string;
  fcp7xml: string;
  files: { path: string; artifact: ArtifactRef }[];
}

/**
 * The open graph's Assemble `nodeId` as an editor receives it: its clips as they are (never
 * re-encoded) and its soundtrack, under `mediaFolder`, with the edit, titles and sound as the
 * node holds them now. Every clip must have been made (run the graph first).
 */
export async function handoffOf(nodeId: string, mediaFolder = 'media'): Promise<Handoff> {
  const state = useGraphStore.getState();
  const node = nodeById(state.doc, nodeId);
  if (!state.doc || !node) throw new Error(`The graph has no node "${nodeId}".`);
  if (node.kind !== 'assemble')
    throw new Error(`“${node.title ?? nodeId}” is not an Assemble node: only a cut goes to an editor.`);
  const params = zAssembleParams.parse(node.params ?? {});
  const inputs = inputsOf(state, nodeId, portsOfNode(node, state.doc.components).inputs);
  const connected = (Array.isArray(inputs.clips) ? inputs.clips : []).filter(isArtifactRef);
  if (connected.length === 0) throw new Error('Run the graph first: the Assemble has no clips yet.');
  const { artifacts } = services();

  const order = timelineOrder(params.order, connected.length);
  const clips: HandoffCut['clips'][number][] = [];
  const files: Handoff['files'] = [];
  for (const [at, position] of order.entries()) {
    const artifact = connected[position];
    const blob = await artifacts.get(artifact.$artifact);
    if (!blob) throw new Error(`Clip ${at + 1} is no longer stored; run the node that makes it again.`);
    const info = await probeClip(blob, `Clip ${at + 1}`);
    const path = `${mediaFolder}/clip-${at + 1}.${extensionFor(artifact.mime)}`;
    files.push({ path, artifact });
    clips.push({
      media: { name: path.split('/').pop()!, path, ...info },
      decision: zClipSettings.parse(params.clips[position] ?? {}),
    });
  }
  let soundtrack: HandoffCut['soundtrack'];
  if (isArtifactRef(inputs.soundtrack)) {
    const blob = await artifacts.get(inputs.soundtrack.$artifact);
    if (!blob) throw new Error('The soundtrack is no longer stored; run the Audio node again.');
    const path = `${mediaFolder}/soundtrack.${extensionFor(inputs.soundtrack.mime)}`;
    files.push({ path, artifact: inputs.soundtrack });
    soundtrack = {
      name: path.split('/').pop()!,
      path,
      duration: await probeDuration(blob, 'The soundtrack'),
      hasAudio: true,
      gainDb: params.soundtrackGain,
      fadeOut: params.soundtrackFadeOut,
    };
  }
  const first = clips[0].media;
  // Handed off in its first frame (the editor reframes for the others).
  const size = cutSizeOf(params.frames[0], params.resolution, { width: first.width, height: first.height })!;
  const name = node.title ?? state.doc.name ?? 'Cut';
  const cut: HandoffCut = {
    name,
    ...size,
    fps: params.fps === 'match-first' ? first.fps! : params.fps,
    clips,
    soundtrack,
    titles: params.titles,
    duckDb: params.duck,
  };
  return { name, otio: `${JSON.stringify(cutToOtio(cut), null, 2)}\n`, fcp7xml: cutToFcp7Xml(cut), files };
}

/** Zip has no room for more in a file without ZIP64, which fflate does not write. */
const ZIP_LIMIT = 0xffff_fff0;

/**
 * Downloads the hand-off as one zip: `<name>.otio`, `<name>.xml` and `media/`, stored (the clips
 * are compressed video already). Each file is read through once as it goes in; the zip is the
 * chunks fflate writes, never another whole copy.
 */
export async function downloadHandoff(nodeId: string): Promise<void> {
  const handoff = await handoffOf(nodeId);
  const stem = safeFileName(handoff.name, 'cut');
  const entries: { path: string; blob: Blob }[] = [
    { path: `${stem}.otio`, blob: new Blob([handoff.otio]) },
    { path: `${stem}.xml`, blob: new Blob([handoff.fcp7xml]) },
  ];
  for (const { path, artifact } of handoff.files) {
    const blob = await services().artifacts.get(artifact.$artifact);
    if (!blob) throw new Error(`${path} is no longer stored; run the graph again.`);
    entries.push({ path, blob });
  }
  const total = entries.reduce((sum, entry) => sum + entry.blob.size, 0);
  if (total > ZIP_LIMIT)
    throw new Error(
      `The cut's media come to ${(total / 1e9).toFixed(1)} GB, over the 4 GB one zip holds here: hand it off with npm run render -- --out cut.otio, which writes the files as they are.`,
    );
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let failed: Error | undefined;
  const zip = new Zip((error, chunk) => {
    if (error) failed = error;
    else chunks.push(chunk as Uint8Array<ArrayBuffer>);
  });
  for (const { path, blob } of entries) {
    const file = new ZipPassThrough(path);
    zip.add(file);
    const reader = blob.stream().getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) file.push(read.value);
    file.push(new Uint8Array(0), true);
    if (failed) throw failed;
  }
  zip.end();
  if (failed) throw failed;
  saveFile(new Blob(chunks, { type: 'application/zip' }), `${stem}.zip`);
}

/**
 * File → Export cut for an editor: the Assemble `nodeId`, else the graph's one Assemble (the last,
 * where several end the graph); says what went wrong rather than failing quietly.
 */
export async function exportCutForEditor(nodeId?: string): Promise<void> {
  const { doc } = useGraphStore.getState();
  if (!doc) return;
  const cuts = doc.nodes.filter((node) => node.kind === 'assemble').map((node) => node.id);
  const finals = new Set(finalNodes(doc));
  const target = nodeId ?? cuts.filter((id) => finals.has(id)).at(-1) ?? cuts.at(-1);
  if (!target) {
    notify('error', 'This graph has no Assemble node: add one to make a cut an editor can open.');
    return;
  }
  try {
    await downloadHandoff(target);
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
  }
}
