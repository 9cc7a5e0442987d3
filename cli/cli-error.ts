import { warn } from './terminal';

/** A problem with what the user asked for: printed as one line, never as a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

function firstLine(error: unknown): string {
  const message =
    error instanceof CliError
      ? error.message
      : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  return message.split('\n')[0];
}

/**
 * Runs a CLI's main function: one-line reasons and a non-zero exit on failure, including errors
 * thrown outside it (a browser connection dropping, a callback failing), which would otherwise
 * end the process with a stack trace.
 */
export function runCli(name: string, main: () => Promise<number>): void {
  const fail = (error: unknown) => {
    warn(`${name}: ${firstLine(error)}`);
    process.exit(error instanceof CliError ? 2 : 1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  main().then((code) => process.exit(code), fail);
}
