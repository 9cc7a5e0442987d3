import type { Services } from '../services';
import type { Budgets } from './budget-check';
import { createDocuments, type DocumentsDeps } from './graph-documents';
import type { ViewStore } from './graph-store';
import { createRunQueue, type PageEvents, type RunQueue } from './run-queue';
import { createRunner } from './runner';
import { createSaver, type NewsChannel } from './saver';

export interface SessionHost {
  services: Services;
  /** The canvas's state: the app's store, or a host's own. */
  view: ViewStore;
  /** The settings a run is priced and capped by, as they are now. */
  settings(): { confirmAboveUsd: number; budgets: Budgets };
  /** Web Locks: two sessions on one database share the queue through them, as two tabs do. */
  locks?: LockManager;
  /** Where tabs tell each other a graph was saved or deleted. */
  channel?: NewsChannel;
  page?: PageEvents;
  read: DocumentsDeps['read'];
  marks: DocumentsDeps['marks'];
  drawn: DocumentsDeps['drawn'];
  confirmOpen?: DocumentsDeps['confirmOpen'];
}

export type Session = ReturnType<typeof createSession>;

/**
 * One page's working state, built by its host: the graphs it opens and saves, the runs it asks
 * for and runs, and its place in the queue every tab shares. The editor builds one in `main.tsx`;
 * anything else that runs the app's commands (the CLI's page, a test, app mode next) builds its own
 * over IndexedDB and Web Locks, and nothing else of the DOM.
 */
export function createSession(host: SessionHost) {
  const { services, view } = host;
  const notify = (kind: 'error' | 'info', message: string) => view.setState({ notice: { kind, message } });
  const saver = createSaver({
    graphs: () => services.graphs,
    view,
    channel: host.channel,
    checkpoint: (doc) => services.versions.checkpoint(doc),
  });
  let queue: RunQueue | undefined;
  const started = (): RunQueue => {
    if (!queue) throw new Error('The run queue has not started yet.');
    return queue;
  };
  const runner = createRunner({
    services: () => services,
    view,
    queue: started,
    settings: host.settings,
    notify,
    flushSave: saver.flushSave,
  });
  const documents = createDocuments({ ...host, saver, runner, notify });
  let stopSaving: (() => void) | undefined;

  return {
    services,
    view,
    saver,
    runner,
    documents,
    notify,
    /** The queue, once started. */
    queue: started,
    /**
     * Starts saving edits and takes this session's place in the queue (once what its runs need is
     * loaded: the settings, the server's keys). `ownOnly`: run only what this session queues (the CLI's page).
     */
    start({ ownOnly = false }: { ownOnly?: boolean } = {}): void {
      stopSaving ??= saver.start();
      queue?.dispose();
      queue = createRunQueue({
        store: services.queue,
        locks: host.locks,
        execute: runner.executeQueued,
        onEnded: runner.afterQueued,
        notify,
        onChange: (runs, paused) => view.setState({ queue: runs, queuePaused: paused }),
        ownOnly,
        page: host.page,
      });
      queue.start();
    },
    /** Lets go of the queue (another session leads) and stops saving: the tab is closed. */
    dispose(): void {
      queue?.dispose();
      stopSaving?.();
      saver.dispose();
    },
  };
}
