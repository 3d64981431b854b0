import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { UserError } from '../../util/errors.js';

export interface BrowserOptions {
  /** From config `browser.executablePath`; wins over the environment and the search. */
  executablePath?: string;
}

/** A launched headless Chromium, owned by the caller: one per build, reusable for several books. */
export interface PrintBrowser {
  readonly executablePath: string;
  /** Where the browser came from, for messages: "config", "PAMPHLETEER_BROWSER", "installed", "@sparticuz/chromium"… */
  readonly source: BrowserSource;
  readonly browser: Browser;
  close(): Promise<void>;
}

export type BrowserSource = 'config' | 'PAMPHLETEER_BROWSER' | 'PUPPETEER_EXECUTABLE_PATH' | 'installed' | '@sparticuz/chromium';

/** One place to look for a browser, in the order they are tried. */
export type BrowserCandidate =
  | { source: Exclude<BrowserSource, '@sparticuz/chromium'>; path: string }
  | { source: '@sparticuz/chromium'; explicit?: true };

/** The value of browser.executablePath / PAMPHLETEER_BROWSER that picks the shipped Chromium. */
export const BUNDLED = 'bundled';

export interface DiscoveryContext {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  arch: string;
  /** Whether a file exists (and is a file); injected so the order can be tested without the disk. */
  exists: (file: string) => boolean;
  executablePath?: string;
  homedir?: string;
}

/**
 * Chromium's headless shell first: the same engine without the full browser, it starts and
 * closes about twice as fast (Debian/Ubuntu package chromium-headless-shell).
 */
const LINUX_NAMES = ['chromium-headless-shell', 'chrome-headless-shell', 'chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'microsoft-edge-stable', 'microsoft-edge'];

/**
 * The browsers to try, best first: an explicit setting (config, then PAMPHLETEER_BROWSER, then
 * PUPPETEER_EXECUTABLE_PATH) → an installed Chrome/Chromium/Edge → the Chromium shipped in the
 * optional dependency @sparticuz/chromium (Linux only). Explicit settings are listed even when the
 * file is missing, so a wrong path is reported instead of silently replaced; installed browsers
 * only when they exist. Pure: everything it looks at comes in through `ctx`.
 */
export function browserCandidates(ctx: DiscoveryContext): BrowserCandidate[] {
  const candidates: BrowserCandidate[] = [];
  // "bundled" as the explicit setting asks for the shipped Chromium even when another is installed.
  const explicit = (source: 'config' | 'PAMPHLETEER_BROWSER', value: string) =>
    candidates.push(value === BUNDLED ? { source: '@sparticuz/chromium', explicit: true } : { source, path: value });
  if (ctx.executablePath) explicit('config', ctx.executablePath);
  if (ctx.env.PAMPHLETEER_BROWSER) explicit('PAMPHLETEER_BROWSER', ctx.env.PAMPHLETEER_BROWSER);
  if (ctx.env.PUPPETEER_EXECUTABLE_PATH) candidates.push({ source: 'PUPPETEER_EXECUTABLE_PATH', path: ctx.env.PUPPETEER_EXECUTABLE_PATH });

  const seen = new Set<string>();
  for (const file of installedLocations(ctx)) {
    if (seen.has(file) || !ctx.exists(file)) continue;
    seen.add(file);
    candidates.push({ source: 'installed', path: file });
  }
  if (ctx.platform === 'linux' && (ctx.arch === 'x64' || ctx.arch === 'arm64')) candidates.push({ source: '@sparticuz/chromium' });
  return candidates;
}

function installedLocations(ctx: DiscoveryContext): string[] {
  const { env, platform } = ctx;
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    const roots = ['/Applications', ...(ctx.homedir ? [path.posix.join(ctx.homedir, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => path.posix.join(root, app)));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    const exes = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return exes.flatMap((exe) => roots.map((root) => path.win32.join(root, exe)));
  }
  // Linux and other Unixes: the usual absolute paths first, then the same names on PATH.
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(path.posix.delimiter).filter(Boolean), '/snap/bin'];
  return LINUX_NAMES.flatMap((name) => dirs.map((dir) => path.posix.join(dir, name)));
}

/** Flags from this machine's notes: a closed network and no GPU; nothing in the background. */
const BASE_ARGS = [
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  // Paged.js lays out in animation frames and timers: a page no one looks at must not be throttled.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  // Same glyph metrics on every machine, so the layout does not depend on the host's hinting.
  '--font-render-hinting=none',
];

/**
 * Flags of @sparticuz/chromium that are not taken: they weaken the page's isolation (we load only
 * local files and never want cross-origin access), or are decided by `needsNoSandbox`/puppeteer.
 */
const REJECTED_SPARTICUZ_ARGS = [
  /^--disable-web-security$/,
  /^--allow-running-insecure-content$/,
  /^--no-sandbox$/,
  /^--disable-setuid-sandbox$/,
  /^--headless/,
];

/** Chromium's sandbox cannot start as root or inside most containers; elsewhere keep it. */
export function needsNoSandbox(ctx: { uid?: number; inContainer: boolean }): boolean {
  return ctx.uid === 0 || ctx.inContainer;
}

function detectContainer(): boolean {
  if (fs.existsSync('/.dockerenv') || fs.existsSync('/run/.containerenv')) return true;
  try {
    return /docker|kubepods|containerd|lxc|podman/.test(fs.readFileSync('/proc/1/cgroup', 'utf8'));
  } catch {
    return false;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const INSTALL_HINT =
  'No Chrome, Chromium or Edge browser was found, and the bundled Chromium (the optional package @sparticuz/chromium) is not available.\n' +
  'Install one of them, for example:\n' +
  '  Debian/Ubuntu: sudo apt-get install chromium-headless-shell   (or: chromium)\n' +
  '  macOS/Windows: install Google Chrome or Microsoft Edge\n' +
  'or set browser.executablePath in pamphleteer.config.json (or the PAMPHLETEER_BROWSER environment variable) to its program file.';

interface ResolvedBrowser {
  executablePath: string;
  source: BrowserSource;
  /** Extra flags the browser build wants. */
  args: string[];
}

async function resolveBrowser(options: BrowserOptions): Promise<ResolvedBrowser> {
  const candidates = browserCandidates({
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    exists: isFile,
    executablePath: options.executablePath,
    homedir: os.homedir(),
  });
  for (const candidate of candidates) {
    if (candidate.source === '@sparticuz/chromium') {
      const shipped = await sparticuzChromium();
      if (shipped) return { ...shipped, source: candidate.source };
      if (candidate.explicit) throw new UserError('The bundled Chromium was asked for ("bundled"), but the optional package @sparticuz/chromium is not installed or does not run here (it ships for Linux x64/arm64).', 2);
      continue;
    }
    if (candidate.source !== 'installed' && !isFile(candidate.path)) {
      const where = candidate.source === 'config' ? '--browser or browser.executablePath in the config' : `the environment variable ${candidate.source}`;
      throw new UserError(`The browser set by ${where} was not found: ${candidate.path}`, 2);
    }
    return { executablePath: candidate.path, source: candidate.source, args: [] };
  }
  throw new UserError(INSTALL_HINT, 2);
}

/** The Chromium inside @sparticuz/chromium, unpacked into the temp folder on first use. */
async function sparticuzChromium(): Promise<{ executablePath: string; args: string[] } | undefined> {
  let chromium: typeof import('@sparticuz/chromium').default;
  try {
    chromium = (await import('@sparticuz/chromium')).default;
  } catch {
    return undefined; // optional dependency not installed (other platform, or --omit=optional)
  }
  try {
    // No WebGL is needed to print; skipping it also skips unpacking SwiftShader.
    chromium.setGraphicsMode = false;
    const executablePath = await chromium.executablePath();
    const args = chromium.args.filter((arg) => !REJECTED_SPARTICUZ_ARGS.some((re) => re.test(arg)));
    return { executablePath, args };
  } catch {
    return undefined;
  }
}

/** Finds and launches a headless browser. Throws UserError (exit code 2) when there is none. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<PrintBrowser> {
  const resolved = await resolveBrowser(options);
  const args = [...new Set([...BASE_ARGS, ...resolved.args])];
  if (needsNoSandbox({ uid: process.getuid?.(), inContainer: detectContainer() })) args.push('--no-sandbox');

  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: resolved.executablePath,
      // Our own --headless flag is in args; puppeteer's own headless flag would add a second one.
      headless: false,
      pipe: true,
      args,
      ignoreDefaultArgs: ['--enable-automation'],
      defaultViewport: null,
    });
  } catch (err) {
    throw new UserError(`Could not start the browser ${resolved.executablePath} (${resolved.source}): ${(err as Error).message.split('\n')[0]}`, 2);
  }
  return {
    executablePath: resolved.executablePath,
    source: resolved.source,
    browser,
    close: () => browser.close(),
  };
}
