/**
 * `npm run validate -- <graph.json>`: prints the document and every validation problem; exits
 * non-zero on any. Runs in Node, with the same parser and validator the app uses.
 */
import { CliError, runCli } from './cli-error';
import { say } from './terminal';
import { validateReport } from './validate-report';

runCli('reelgraph validate', async () => {
  const [path, ...rest] = process.argv.slice(2);
  if (!path || rest.length > 0) throw new CliError('usage: npm run validate -- <graph.json>');
  const { lines, code } = validateReport(path);
  for (const line of lines) say(line);
  return code;
});
