/// <reference lib="webworker" />
/**
 * Reads graphs that arrive from outside (files, pasted text, share links, bundles) off the page's
 * thread: a huge or hostile input costs this worker, which the page can stop, never the editor.
 */
import { nodeRegistry } from '../../nodes/registry';
import { readIntake, type IntakeOutcome, type IntakeRequest } from './intake-read';

export type IntakeMessage =
  { type: 'progress'; done: number; total: number } | { type: 'done'; outcome: IntakeOutcome };

const post = (message: IntakeMessage) => postMessage(message);

onmessage = async (event: MessageEvent<IntakeRequest>) => {
  const outcome = await readIntake(event.data, nodeRegistry, (done, total) => post({ type: 'progress', done, total }));
  post({ type: 'done', outcome });
};
