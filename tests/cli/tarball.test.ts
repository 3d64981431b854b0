// The packed tarball, installed the way a stranger installs it: the README's quick start, word for
// word (`npm install -g ./pamphleteer-<version>.tgz`, init, cd, npm install, npm run build) in a shell,
// into an empty prefix, with no PUPPETEER_SKIP_DOWNLOAD and a fresh HOME, so any browser download (or
// any other install script that fetches something) would show. Then check and impose, and the
// bundled Chromium. Needs the npm registry (or a warm npm cache), nothing else. About 4 minutes on
// an idle 2-core machine (two npm installs); the timeout allows for a machine shared with other work.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

interface Ran {
  code: number | null;
  out: string;
}

/** Runs a program with a clean environment: no puppeteer settings, HOME in the temp folder. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** Install scripts that only print a message (no network): core-js and es5-ext, through pagedjs. */
const MESSAGE_ONLY_SCRIPTS: Record<string, RegExp> = {
  'core-js': /^node -e "try\{require\('\.\/postinstall'\)\}catch\(e\)\{\}"$/,
  'es5-ext': /^\s*node -e "try\{require\('\.\/_postinstall'\)\}catch\(e\)\{\}" \|\| exit 0$/,
};

/** Every installed package under a node_modules folder that has an install script, with the script. */
function installScripts(nodeModules: string): { name: string; script: string }[] {
  const found: { name: string; script: string }[] = [];
  const visit = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const folder = path.join(dir, entry);
      if (entry.startsWith('@')) {
        visit(folder);
        continue;
      }
      const manifest = path.join(folder, 'package.json');
      if (fs.existsSync(manifest)) {
        const { name, scripts = {} } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
          name: string;
          scripts?: Record<string, string>;
        };
        for (const hook of ['preinstall', 'install', 'postinstall'])
          if (scripts[hook]) found.push({ name, script: scripts[hook] });
      }
      visit(path.join(folder, 'node_modules'));
    }
  };
  visit(nodeModules);
  return found;
}

describe('the packed tarball', () => {
  it('the README quick start, word for word: installs with nothing downloaded, init → install → build work', {
    timeout: 1_800_000,
  }, async () => {
    const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-tarball-')));
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    // The person's environment (certificates, proxies) without any puppeteer setting, HOME replaced.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PUPPETEER_|npm_)/i.test(k)));
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      HOME: home,
      // The person's npm cache (packages already fetched from the registry are not fetched again).
      npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), '.npm'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      CI: '1',
      NO_COLOR: '1',
    };

    // The tarball, as `npm pack` makes it: prepack compiles, then leaves the clone's `prepare` out of
    // the manifest; postpack puts it back. The tree is compiled already (npm test compiles first), and
    // compiling again would rewrite lib/ under the other tests: this runs prepack's second half alone.
    const manifestScript = path.join(REPO, 'scripts', 'pack-manifest.mjs');
    const strip = await run(process.execPath, [manifestScript, 'strip'], REPO, env);
    expect(strip.code, strip.out).toBe(0);
    const pack = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp, '--json'], REPO, {
      ...env,
      HOME: os.homedir(),
    }).finally(() => run(process.execPath, [manifestScript, 'restore'], REPO, env));
    expect(pack.code, pack.out).toBe(0);
    const [packed] = JSON.parse(pack.out.slice(pack.out.indexOf('\n[') + 1)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const tarball = path.join(tmp, packed.filename);
    const shipped = packed.files.map((f) => f.path);
    expect(shipped).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'docs/options.md',
        'docs/catalogue.md',
        'bin/pamphleteer.js',
        'lib/bundle/page-script.js',
        'lib/bundle/main.cjs',
        'schema/pamphleteer.config.schema.json',
      ]),
    );
    // One compiled form (the bundle), no source maps, no build scripts.
    expect(shipped.filter((f) => f.startsWith('lib/') && !f.startsWith('lib/bundle/'))).toEqual([]);
    expect(shipped.filter((f) => f.endsWith('.map') || f.startsWith('scripts/'))).toEqual([]);
    // The clone's package.json is back as it was, with its `prepare` (npm ci compiles the clone).
    expect(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts.prepare).toBeDefined();
    expect(fs.existsSync(path.join(REPO, 'package.json.packing'))).toBe(false);

    // The README's quick start, word for word: its commands run in a shell, in the folder holding
    // the tarball, with npm's global prefix an empty folder.
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const quickStart = /## Quick start\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(quickStart, 'README.md has a "## Quick start" with a sh block').toBeDefined();
    expect(quickStart).toContain(`npm install -g ./${packed.filename}`);
    const work = path.join(tmp, 'work');
    fs.mkdirSync(work);
    fs.copyFileSync(tarball, path.join(work, packed.filename));
    const prefix = path.join(tmp, 'prefix');
    const withPrefix = { ...env, npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}:${env.PATH}` };
    const started = await run('sh', ['-ex', '-c', quickStart!], work, {
      ...withPrefix,
      npm_config_foreground_scripts: 'true',
    });
    expect(started.code, started.out).toBe(0);
    expect(started.out).not.toMatch(/download|Failed to set up|ENOTFOUND/i);
    // No install script of pamphleteer's own (npm lists those it did not run).
    expect(started.out).not.toMatch(/pamphleteer@[^\s]* \((pre|post)?(install|prepare)/);
    const project = path.join(work, 'my-pamphlet');
    for (const f of ['my-pamphlet.epub', 'my-pamphlet.pdf', 'my-pamphlet-zine.pdf'])
      expect(fs.existsSync(path.join(project, 'dist', f)), f).toBe(true);
    // init's "Next:" lines are what the quick start typed.
    expect(started.out).toMatch(/cd my-pamphlet\n\s+npm install\b[^\n]*\n\s+npm run watch\b[^\n]*\n\s+npm run build\b/);
    const config = JSON.parse(fs.readFileSync(path.join(project, 'pamphleteer.config.json'), 'utf8'));
    expect(fs.existsSync(path.resolve(project, config.$schema)), config.$schema).toBe(true);

    const installed = path.join(prefix, 'lib', 'node_modules', 'pamphleteer');
    expect(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).scripts.prepare).toBeUndefined();
    // Every script's fonts are in it (offline), and the whole install stays at most 200 MB on disk
    // (`du`: blocks, as a laptop counts them); the Chromium of @sparticuz/chromium is a separate install.
    const du = await run('du', ['-sk', prefix], tmp, env);
    const installedMb = Number(du.out.split(/\s/)[0]) / 1024;
    expect(installedMb, `${installedMb.toFixed(0)} MB installed`).toBeLessThanOrEqual(200);
    for (const pkg of ['noto-serif-devanagari', 'noto-serif-thai', 'noto-nastaliq-urdu', 'noto-sans-ethiopic'])
      expect(fs.existsSync(path.join(installed, 'node_modules', '@fontsource', pkg)), pkg).toBe(true);
    for (const pkg of ['noto-serif-sc', 'noto-serif-tc', 'noto-serif-jp', 'noto-serif-kr'])
      expect(fs.existsSync(path.join(installed, 'node_modules', '@fontsource-variable', pkg)), pkg).toBe(true);
    expect(fs.existsSync(path.join(installed, 'node_modules', '@sparticuz', 'chromium'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'node_modules', 'puppeteer'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'node_modules', 'pagedjs-cli'))).toBe(false);
    expect(fs.existsSync(path.join(home, '.cache', 'puppeteer'))).toBe(false);
    for (const { name, script } of installScripts(path.join(installed, 'node_modules'))) {
      expect(MESSAGE_ONLY_SCRIPTS[name], `${name} has an install script: ${script}`).toBeDefined();
      expect(script).toMatch(MESSAGE_ONLY_SCRIPTS[name]);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'my-pamphlet',
      private: true,
      scripts: { build: 'pamphleteer build', watch: 'pamphleteer watch', check: 'pamphleteer check' },
      devDependencies: { pamphleteer: `file:${installed}` },
    });

    // The globally installed command, run in the project: check and impose.
    const bin = path.join(prefix, 'bin', 'pamphleteer');
    const check = await run(bin, ['check', '--no-epubcheck'], project, env);
    expect(check.code, check.out).toBe(0);
    const impose = await run(
      bin,
      ['impose', 'dist/my-pamphlet.pdf', 'minizine.pdf', '--layout', 'minizine'],
      project,
      env,
    );
    expect(impose.code, impose.out).toBe(0);
    expect(fs.readFileSync(path.join(project, 'minizine.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    // A tarball named with --pamphleteer is what the project installs.
    const pinned = await run(bin, ['init', 'street-zine', '--pamphleteer', `./${packed.filename}`], work, env);
    expect(pinned.code, pinned.out).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(work, 'street-zine', 'package.json'), 'utf8')).devDependencies).toEqual(
      {
        pamphleteer: `file:${path.join(work, packed.filename)}`,
      },
    );

    // The Chromium shipped in @sparticuz/chromium, installed beside pamphleteer with the one command
    // the README gives, found through the current puppeteer-core.
    const chromium = await run('npm', ['install', '-g', '--prefix', prefix, '@sparticuz/chromium'], tmp, env);
    expect(chromium.code, chromium.out).toBe(0);
    // Unpacked into the cache folder, nothing left in the temp folder.
    const scratch = fs.mkdtempSync(path.join(tmp, 'scratch-'));
    const bundled = await run(bin, ['build', '--only', 'pdf', '-o', 'bundled'], project, {
      ...env,
      TMPDIR: scratch,
      PAMPHLETEER_BROWSER: 'bundled',
    });
    expect(bundled.code, bundled.out).toBe(0);
    expect(fs.existsSync(path.join(project, 'bundled', 'my-pamphlet.pdf'))).toBe(true);
    expect(fs.readdirSync(scratch)).toEqual([]);
    expect(fs.existsSync(path.join(home, '.cache', 'pamphleteer', 'chromium'))).toBe(true);
  });
});
