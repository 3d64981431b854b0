import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startWatch } from '../project/watch.js';
import { onInterrupt } from '../util/interrupt.js';
import { UserError } from '../util/user-error.js';
import { projectLabel } from './format.js';
import { describeError } from './describe-error.js';

/**
 * Opens a URL in the person's web browser: $BROWSER when set (as many Unix tools honour), else
 * the system's opener. Never waits for it, and a failure only prints a line.
 */
function openInBrowser(url: string): void {
  const [command, args] = process.env.BROWSER
    ? [process.env.BROWSER, [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`could not open a browser (${command}); open ${url} yourself.\n`));
  child.unref();
}

export interface WatchCommandOptions {
  open?: boolean;
  port?: string;
  build?: boolean;
  browser?: string;
  debug?: boolean;
}

/** `pamphleteer watch [dir]`: serves until Ctrl-C. */
export async function watchCommand(dir: string, opts: WatchCommandOptions): Promise<void> {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UserError(`${dir}: no such folder.`);
  let port: number | undefined;
  if (opts.port !== undefined) {
    port = Number(opts.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new UserError(`--port ${opts.port}: give a port number between 1 and 65535, e.g. 4000.`);
  }
  const server = await startWatch(root, {
    port,
    // commander's --no-build gives build: false; absent, the config's watch.build decides.
    build: opts.build === false ? false : undefined,
    browserPath: opts.browser,
    log: (line) => process.stderr.write(`${line}\n`),
    describe: (err) => describeError(err, !!opts.debug).text,
  });
  onInterrupt(() => server.close());
  // The URL on stdout alone, so scripts (and the tests) can read it.
  const busy = server.port !== server.requestedPort ? `, as port ${server.requestedPort} is busy` : '';
  process.stdout.write(
    `Previewing ${projectLabel(root)} at ${server.url} (port ${server.port}${busy}; ` +
      'print, EPUB and zine; Ctrl-C to stop)\n',
  );
  if (opts.open) openInBrowser(server.url);
  await server.ready;
  await new Promise<void>(() => {}); // until Ctrl-C: the interrupt handler closes the server and exits
}
