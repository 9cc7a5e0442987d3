import type { Services } from '../services';

let installed: Services | undefined;

/** Hands the state layer the services `main.tsx` built (once, before anything else runs). */
export function installServices(built: Services): void {
  installed = built;
}

/** The services the state layer was handed; views get theirs from `useServices()` instead. */
export function services(): Services {
  if (!installed) throw new Error('The app’s services are not installed yet (main.tsx installs them first).');
  return installed;
}
