// The browser is started before puppeteer-core has loaded, with puppeteer's default flags written
// out in browser.ts: they must stay what puppeteer itself would pass, as puppeteer is updated.
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { browserArgs, ourArgs, PUPPETEER_DEFAULT_ARGS } from '../../src/render/print/browser.js';

describe('the flags the browser starts with', () => {
  it('are puppeteer-core’s own defaults (without --enable-automation), in its order', () => {
    const theirs = puppeteer
      .defaultArgs({ headless: false, userDataDir: '/profile', args: [] })
      .filter((arg) => arg !== '--enable-automation' && arg !== 'about:blank');
    expect(browserArgs('/profile', [])).toEqual([...theirs, '--remote-debugging-pipe', 'about:blank']);
    expect(PUPPETEER_DEFAULT_ARGS).not.toContain('--enable-automation');
  });

  it('add ours after them once each, the pipe and the blank page last', () => {
    const args = browserArgs('/profile', ['--headless', '--disable-sync', '--no-sandbox']);
    expect(args.filter((a) => a === '--disable-sync')).toHaveLength(1);
    expect(args.slice(-4)).toEqual(['--headless', '--no-sandbox', '--remote-debugging-pipe', 'about:blank']);
  });

  it('turn the sandbox (and the zygote) off only where it cannot run, and keep the renderer its own process', () => {
    const args = (noSandbox: boolean) => ourArgs({ noSandbox, browserArgs: [] });
    expect(args(true)).toEqual(expect.arrayContaining(['--no-sandbox', '--no-zygote']));
    expect(args(false)).not.toContain('--no-sandbox');
    expect(args(false)).not.toContain('--no-zygote');
    expect([...args(true), ...args(false)]).not.toContain('--single-process');
  });
});
