/** A problem with what the user asked for: printed as one line, never as a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Runs a CLI's main function: one-line reasons and a non-zero exit on failure. */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof CliError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
      process.stderr.write(`${name}: ${message.split('\n')[0]}\n`);
      process.exit(error instanceof CliError ? 2 : 1);
    },
  );
}
