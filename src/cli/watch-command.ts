import fs from 'node:fs';
import path from 'node:path';
import { startWatch } from '../build/watch.js';
import { onInterrupt } from '../build/interrupt.js';
import { UserError } from '../util/errors.js';
import { shownPath } from '../util/shown-path.js';

export interface WatchCommandOptions {
  port?: string;
  build?: boolean;
  browser?: string;
}

/** `pamphleteer watch [dir]`: serves until Ctrl-C. */
export async function watchCommand(dir: string, opts: WatchCommandOptions): Promise<void> {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UserError(`${dir}: no such folder.`);
  let port: number | undefined;
  if (opts.port !== undefined) {
    port = Number(opts.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`--port ${opts.port}: give a port number between 1 and 65535, e.g. 4000.`);
  }
  const server = await startWatch(root, {
    port,
    // commander's --no-build gives build: false; absent, the config's watch.build decides.
    build: opts.build === false ? false : undefined,
    browserPath: opts.browser,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  onInterrupt(() => server.close());
  // The URL on stdout alone, so scripts (and the tests) can read it.
  process.stdout.write(`Previewing ${shownPath(root)} at ${server.url}  (Ctrl-C to stop)\n`);
  await server.ready;
  await new Promise<void>(() => {}); // until Ctrl-C: the interrupt handler closes the server and exits
}
