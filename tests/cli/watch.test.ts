import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { BIN, MANUSCRIPT_FILE, startWatch, tempProject } from './helpers.js';

/** The real `pamphleteer watch`, and a real browser looking at what it serves. */
describe('pamphleteer watch', () => {
  let root: string;
  let server: ChildProcess;
  let url: string;
  let viewer: PrintBrowser;
  let terminal: () => string;

  beforeAll(async () => {
    root = tempProject();
    // --no-build: the served preview is the point here, not the rebuilt dist/.
    const watch = await startWatch(root);
    server = watch.child;
    url = watch.url;
    terminal = watch.terminal;
    viewer = await launchBrowser(fs.existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {});
  });

  afterAll(async () => {
    await viewer?.close();
    server?.kill('SIGINT');
  });

  // Every wait polls on a timer: a page nobody looks at gets no animation frames, so puppeteer's
  // default (requestAnimationFrame) polling may never fire after a reload.
  /** Waits for a condition in the page; on timeout, says what the server printed and what the page shows. */
  const waitFor = async (
    page: import('puppeteer-core').Page,
    what: string,
    condition: () => unknown,
    timeout: number,
  ) => {
    try {
      await page.waitForFunction(condition, { timeout, polling: 250 });
    } catch (err) {
      const shown = await page.evaluate(() => document.body?.textContent?.slice(0, 300)).catch(() => '?');
      throw new Error(`${what}: ${(err as Error).message}\nterminal:\n${terminal()}\npage ${page.url()}: ${shown}`);
    }
  };

  it('shows the paged print view, reloads after a save, and shows a manuscript error without stopping', async () => {
    const page = await viewer.browser.newPage();
    await page.goto(`${url}print`);
    // Paged.js lays the book out in the page and marks the root when it is done.
    await waitFor(page, 'first layout', () => document.documentElement.dataset.pamphleteerPages, 60_000);
    expect(Number(await page.$eval('html', (el) => el.dataset.pamphleteerPages))).toBeGreaterThan(4);
    expect(await page.$$eval('.pagedjs_page', (pages) => pages.length)).toBeGreaterThan(4);

    const file = path.join(root, MANUSCRIPT_FILE);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('Following the election', 'Watched and reloaded: following the election'));
    // The server tells the page to reload; the new text appears once Paged.js has laid it out again.
    // Soft hyphens from print hyphenation are taken out before looking for the words.
    await waitFor(
      page,
      'reload after the edit',
      () => (document.body?.textContent ?? '').replace(/\u00ad/g, '').includes('Watched and reloaded'),
      30_000,
    );

    fs.writeFileSync(file, text.replace('Following the election', 'Broken[^99] following the election'));
    await waitFor(page, 'error page', () => document.getElementById('pamphleteer-error'), 30_000);
    expect(await page.$eval('#pamphleteer-error', (el) => el.textContent)).toMatch(
      /fading-color\.md:\d+:\d+: error: Note reference \[\^99\] has no definition/,
    );
    expect(terminal()).toMatch(/error: Note reference \[\^99\]/);
    expect(server.exitCode).toBe(null); // still serving

    fs.writeFileSync(file, text);
    await waitFor(page, 'layout after the fix', () => document.documentElement.dataset.pamphleteerPages, 60_000);

    // The EPUB's chapters are served too, each reloading with the book.
    await page.goto(`${url}epub/`);
    const chapters = await page.$$eval('li a', (links) =>
      links.map((a) => ({ title: a.textContent!, href: (a as HTMLAnchorElement).href })),
    );
    expect(chapters.length).toBeGreaterThanOrEqual(4);
    const section = chapters.find((c) => c.title.includes('Convergence'));
    expect(section, JSON.stringify(chapters)).toBeDefined();
    await page.goto(section!.href);
    expect(await page.$eval('body', (body) => body.textContent)).toContain('Representative politics');
    await page.close();
  });

  it('answers only requests addressed to 127.0.0.1 (no DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${url}print`, { headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
      });
    const port = new URL(url).port;
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`attacker.example:${port}`)).toBe(403);
  });
});

/** watch's other half: after each save it also rebuilds dist/, with one browser kept open. */
describe('pamphleteer watch, rebuilding dist/', () => {
  it('rebuilds the outputs after a save', async () => {
    const root = tempProject();
    let terminal = '';
    // --open runs $BROWSER with the URL: here a script that writes down what it was given.
    const opened = path.join(path.dirname(root), 'opened.txt');
    const opener = path.join(path.dirname(root), 'opener.sh');
    fs.writeFileSync(opener, `#!/bin/sh\necho "$1" > '${opened}'\n`, { mode: 0o755 });
    const port = 4800 + Math.floor(Math.random() * 150);
    // Run inside the project: it is named by its folder ("project"), not ".".
    const server = spawn(process.execPath, [BIN, 'watch', '--port', String(port), '--open'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', BROWSER: opener },
    });
    server.stdout!.on('data', (d) => (terminal += d));
    server.stderr!.on('data', (d) => (terminal += d));
    const builds = async (n: number) => {
      for (let waited = 0; (terminal.match(/^built /gm) ?? []).length < n; waited += 200) {
        if (waited > 90_000 || server.exitCode !== null) throw new Error(`no build ${n}:\n${terminal}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    try {
      await builds(1);
      const pdf = path.join(root, 'dist/fading-color.pdf');
      expect(fs.existsSync(pdf)).toBe(true);
      // The summary line names the project by its folder and the port; --open opened that URL.
      const url = /at (http:\/\/127\.0\.0\.1:(\d+)\/) \(port (\d+)/.exec(terminal);
      expect(url, terminal).not.toBeNull();
      expect(url![2]).toBe(url![3]);
      expect(terminal).toMatch(/^Previewing project at /m);
      expect(fs.readFileSync(opened, 'utf8').trim()).toBe(url![1]);
      // The zine of the last build is previewed too.
      const zine = await fetch(`${url![1]}zine`);
      expect(zine.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await zine.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const file = path.join(root, MANUSCRIPT_FILE);
      fs.writeFileSync(
        file,
        fs
          .readFileSync(file, 'utf8')
          .replace('Following the election', 'Rebuilt while watching: following the election'),
      );
      await builds(2);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\u00ad/g, '');
      // The section's first line is set in capitals: compare letters, not case.
      expect(text.toLowerCase()).toContain('rebuilt while watching');
      expect(terminal).toMatch(/built dist\/fading-color\.pdf, dist\/fading-color\.epub, dist\/fading-color-zine\.pdf/);
    } finally {
      server.kill('SIGINT');
    }
  });
});
