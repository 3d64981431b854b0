#!/usr/bin/env node
// Runs the bundled CLI, lib/bundle/main.cjs (compiled and bundled by `npm ci`: the "prepare" script,
// npm run compile), through V8's code cache: compiling the bundle's code is a third of a short command's
// time, and a command run before starts from the code V8 compiled then. One cache file per command
// and bundle, in the user's cache folder; its name holds the bundle file's identity (below), Node's
// version and the platform, so a changed bundle or Node never meets an old cache (and V8 itself
// refuses a cache made from a text of another length or with other flags). Caches unused for a month
// are removed. Without a writable cache folder the bundle is simply compiled every time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../lib/bundle/main.cjs', import.meta.url));
let source;
try {
  source = fs.readFileSync(bundle, 'utf8');
} catch (err) {
  if (err?.code !== 'ENOENT') throw err;
  console.error('pamphleteer: the compiled code is missing; run `npm ci` (or `npm run compile`) first.');
  process.exit(3);
}

const COMMANDS = ['build', 'check', 'watch', 'impose', 'import', 'init', 'catalogue'];
const command = COMMANDS.includes(process.argv[2]) ? process.argv[2] : 'other';
const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'pamphleteer', 'code');
// The bundle's identity without reading it twice: the kernel sets ctime on every write to the file
// (no program can set it back), so any new bundle, however it is written, has a new name here.
const stat = fs.statSync(bundle, { bigint: true });
const key = crypto
  .createHash('sha256')
  .update([process.version, process.arch, process.platform, stat.dev, stat.ino, stat.size, stat.ctimeNs].join(' '))
  .digest('hex')
  .slice(0, 24);
const cacheFile = path.join(cacheDir, `${key}-${command}.bin`);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // No cache yet: this run makes one.
}

const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData,
});
if (cachedData === undefined || script.cachedDataRejected) {
  // Made when the command is over, so that it holds the code the command compiled as it ran.
  process.once('beforeExit', () => {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const partial = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, cacheFile);
      // Caches of bundles no longer run (another version, a rebuilt checkout) go after a month.
      const monthAgo = Date.now() - 30 * 24 * 3600 * 1000;
      for (const name of fs.readdirSync(cacheDir)) {
        const file = path.join(cacheDir, name);
        if (fs.statSync(file).atimeMs < monthAgo && fs.statSync(file).mtimeMs < monthAgo)
          fs.rmSync(file, { force: true });
      }
    } catch {
      // A read-only or full disk: the next run compiles again.
    }
  });
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
