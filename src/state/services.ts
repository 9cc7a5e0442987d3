import type { Services } from '../services';
import type { Session } from './session';

let installed: Session | undefined;

/** Hands the state layer the session `main.tsx` built (once, before anything else runs). */
export function installSession(built: Session): void {
  installed = built;
}

/** This page's session: its documents, runs and queue, behind the state layer's exported names. */
export function session(): Session {
  if (!installed) throw new Error('The app’s session is not built yet (main.tsx builds it first).');
  return installed;
}

/** The services the state layer was handed; views get theirs from `useServices()` instead. */
export function services(): Services {
  return session().services;
}

/**
 * The state layer's exported names, each calling a function of one part of the installed session
 * when it is called (so a name can be imported before `main.tsx` builds the session).
 */
export function callsInto<Part extends object>(part: (built: Session) => Part) {
  return <K extends keyof Part>(name: K) =>
    ((...args: unknown[]) => (part(session())[name] as (...args: unknown[]) => unknown)(...args)) as Part[K];
}
