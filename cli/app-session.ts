import { appBuild } from './app-build';
import { CliError } from './cli-error';
import { prepareProfile } from './render-plan';

/** The app's production build in a headless Chromium on this profile, started and ready for automation. */
export async function startApp(profile: string) {
  prepareProfile(profile);
  const began = performance.now();
  let build;
  try {
    build = await appBuild();
  } catch (error) {
    throw new CliError(
      `could not build the app: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  // Loaded only now: Playwright alone takes most of a second to import, which a refusal need not wait for.
  const [{ launchProfile }, { hostApp }] = await Promise.all([import('./browser'), import('./app-host')]);
  let context;
  try {
    context = await launchProfile(profile);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(
      /ProcessSingleton|already in use|lock/i.test(message)
        ? `the profile ${profile} is in use by another render`
        : message.split('\n')[0],
    );
  }
  const chromiumMs = performance.now() - began - (build.builtMs ?? 0);
  const host = await hostApp(context, build.dir);
  const close = async () => {
    await context.close().catch(() => {});
    await host.close();
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // `host=cli`: the page runs only the runs this render asks for.
    await page.goto(`${host.origin}/?host=cli`).catch((error: unknown) => {
      throw new CliError(
        `the app did not load in Chromium${host.failure() ? ` (${host.failure()})` : ''}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    });
    await page
      .waitForFunction(() => window.reelgraph !== undefined, undefined, { timeout: 120_000 })
      .catch(() => {
        throw new CliError(
          `the app did not start in Chromium${pageErrors[0] ? `: ${pageErrors[0]}` : host.failure() ? `: ${host.failure()}` : ''}`,
        );
      });
    const startedMs = performance.now() - began;
    const timing = `started in ${(startedMs / 1000).toFixed(2)} s: ${build.builtMs !== undefined ? `built the app for this version in ${(build.builtMs / 1000).toFixed(2)} s, ` : ''}Chromium ${(chromiumMs / 1000).toFixed(2)} s, the app ${((startedMs - chromiumMs - (build.builtMs ?? 0)) / 1000).toFixed(2)} s`;
    return { page, host, close, timing, began };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The app running in headless Chromium on a profile, as `startApp` hands it over. */
export type AppSession = Awaited<ReturnType<typeof startApp>>;

/**
 * The app on a profile for a long-lived host (the MCP server, the HTTP API): started on the first
 * call that needs it and kept warm. A start that failed is tried again on the next call.
 */
export function warmApp(profile: string) {
  let started: Promise<AppSession> | undefined;
  let stopping: Promise<void> | undefined;
  return {
    app(): Promise<AppSession> {
      started ??= startApp(profile).catch((error: unknown) => {
        started = undefined;
        throw error;
      });
      return started;
    },
    /** Stops what runs (cancelling upstream where providers allow) and closes Chromium, once. */
    stop(): Promise<void> {
      return (stopping ??= (async () => {
        const session = await started?.catch(() => undefined);
        if (!session) return;
        await session.page.evaluate(() => window.reelgraph?.stopAll()).catch(() => {});
        await session.close();
      })());
    },
  };
}
