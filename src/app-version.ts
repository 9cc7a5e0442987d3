import packageJson from '../package.json';

/** Written into every saved document's metadata. */
export const APP_VERSION: string = packageJson.version;
