// The packed tarball, installed the way a stranger installs it: `npm install -g --prefix <empty>`,
// with no PUPPETEER_SKIP_DOWNLOAD and a fresh HOME, so any browser download (or any other install
// script that fetches something) would show. Then the command runs outside the clone: init, build,
// check, impose; and the init'ed project installs pamphleteer from the same tarball and builds
// with `npm run build`. Needs the npm registry (or a warm npm cache), nothing else. About 4 minutes on
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
  it('installs globally with nothing downloaded, and init → build → check → impose work outside the clone', {
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

    // The tarball of the compiled tree (npm test compiles first; --ignore-scripts skips a second compile).
    const pack = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp, '--json'], REPO, {
      ...env,
      HOME: os.homedir(),
    });
    expect(pack.code, pack.out).toBe(0);
    const [packed] = JSON.parse(pack.out.slice(pack.out.indexOf('['))) as {
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
        'lib/bundle/main.js',
        'schema/pamphleteer.config.schema.json',
      ]),
    );
    // One compiled form (the bundle), no source maps, no build scripts.
    expect(shipped.filter((f) => f.startsWith('lib/') && !f.startsWith('lib/bundle/'))).toEqual([]);
    expect(shipped.filter((f) => f.endsWith('.map') || f.startsWith('scripts/'))).toEqual([]);

    // Global install into an empty prefix, install scripts in the foreground so the log shows them.
    const prefix = path.join(tmp, 'prefix');
    const install = await run('npm', ['install', '-g', '--prefix', prefix, '--foreground-scripts', tarball], tmp, env);
    expect(install.code, install.out).toBe(0);
    expect(install.out).not.toMatch(/download|Failed to set up|ENOTFOUND/i);
    const installed = path.join(prefix, 'lib', 'node_modules', 'pamphleteer');
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

    const bin = path.join(prefix, 'bin', 'pamphleteer');
    const work = path.join(tmp, 'work');
    fs.mkdirSync(work);
    const init = await run(
      bin,
      ['init', 'street-zine', '--author', 'A. Stranger', '--pamphleteer', tarball],
      work,
      env,
    );
    expect(init.code, init.out).toBe(0);
    expect(init.out).toMatch(/cd street-zine\n\s+npm install\b[^\n]*\n\s+npm run watch\b[^\n]*\n\s+npm run build\b/);
    const project = path.join(work, 'street-zine');
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'street-zine',
      private: true,
      scripts: { build: 'pamphleteer build', watch: 'pamphleteer watch', check: 'pamphleteer check' },
      devDependencies: { pamphleteer: `file:${tarball}` },
    });

    // The globally installed command, run in the project (the installed Chromium lays out the PDF).
    const build = await run(bin, ['build'], project, env);
    expect(build.code, build.out).toBe(0);
    for (const f of ['street-zine.epub', 'street-zine.pdf', 'street-zine-zine.pdf'])
      expect(fs.existsSync(path.join(project, 'dist', f)), f).toBe(true);
    const check = await run(bin, ['check', '--no-epubcheck'], project, env);
    expect(check.code, check.out).toBe(0);
    const impose = await run(
      bin,
      ['impose', 'dist/street-zine.pdf', 'minizine.pdf', '--layout', 'minizine'],
      project,
      env,
    );
    expect(impose.code, impose.out).toBe(0);
    expect(fs.readFileSync(path.join(project, 'minizine.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    // The Chromium shipped in @sparticuz/chromium, installed beside pamphleteer with the one command
    // the README gives, found through the current puppeteer-core.
    const chromium = await run('npm', ['install', '-g', '--prefix', prefix, '@sparticuz/chromium'], tmp, env);
    expect(chromium.code, chromium.out).toBe(0);
    const bundled = await run(bin, ['build', '--only', 'pdf', '-o', 'bundled'], project, {
      ...env,
      PAMPHLETEER_BROWSER: 'bundled',
    });
    expect(bundled.code, bundled.out).toBe(0);
    expect(fs.existsSync(path.join(project, 'bundled', 'street-zine.pdf'))).toBe(true);

    // The project's own install: `npm install && npm run build`, the schema resolving in node_modules.
    fs.rmSync(path.join(project, 'dist'), { recursive: true });
    const projectInstall = await run('npm', ['install', '--foreground-scripts'], project, env);
    expect(projectInstall.code, projectInstall.out).toBe(0);
    expect(projectInstall.out).not.toMatch(/download|Failed to set up|ENOTFOUND/i);
    const config = JSON.parse(fs.readFileSync(path.join(project, 'pamphleteer.config.json'), 'utf8'));
    expect(fs.existsSync(path.resolve(project, config.$schema)), config.$schema).toBe(true);
    const npmBuild = await run('npm', ['run', 'build'], project, env);
    expect(npmBuild.code, npmBuild.out).toBe(0);
    for (const f of ['street-zine.epub', 'street-zine.pdf', 'street-zine-zine.pdf'])
      expect(fs.existsSync(path.join(project, 'dist', f)), f).toBe(true);
  });
});
