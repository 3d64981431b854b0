import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Browser, ConnectionTransport, Page } from 'puppeteer-core';
import { UserError } from '../../util/user-error.js';

export interface BrowserOptions {
  /** From config `browser.executablePath`; wins over the environment and the search. */
  executablePath?: string;
  /**
   * Called once the browser's process has been started, before it answers: a caller can then do
   * its own work (parse the manuscript) while the browser starts up in its own processes.
   */
  onStarted?: () => void;
}

/** A launched headless Chromium, owned by the caller: one per build, reusable for several books. */
export interface PrintBrowser {
  readonly executablePath: string;
  /**
   * Where the browser came from, for messages: "config", "PAMPHLETEER_BROWSER", "installed", "@sparticuz/chromium"…
   */
  readonly source: BrowserSource;
  readonly browser: Browser;
  /**
   * A page to lay out a book in, to be closed by the caller: the browser's own blank tab the first
   * time (its renderer is already running, so no second one has to start), a new tab after that.
   */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export type BrowserSource =
  | 'config'
  | 'PAMPHLETEER_BROWSER'
  | 'PUPPETEER_EXECUTABLE_PATH'
  | 'installed'
  | '@sparticuz/chromium';

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
const LINUX_NAMES = [
  'chromium-headless-shell',
  'chrome-headless-shell',
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'microsoft-edge-stable',
  'microsoft-edge',
];

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
  if (ctx.env.PUPPETEER_EXECUTABLE_PATH)
    candidates.push({ source: 'PUPPETEER_EXECUTABLE_PATH', path: ctx.env.PUPPETEER_EXECUTABLE_PATH });

  const seen = new Set<string>();
  for (const file of installedLocations(ctx)) {
    if (seen.has(file) || !ctx.exists(file)) continue;
    seen.add(file);
    candidates.push({ source: 'installed', path: file });
  }
  if (ctx.platform === 'linux' && (ctx.arch === 'x64' || ctx.arch === 'arm64'))
    candidates.push({ source: '@sparticuz/chromium' });
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
    const exes = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    return exes.flatMap((exe) => roots.map((root) => path.win32.join(root, exe)));
  }
  // Linux and other Unixes: the usual absolute paths first, then the same names on PATH.
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(path.posix.delimiter).filter(Boolean), '/snap/bin'];
  return LINUX_NAMES.flatMap((name) => dirs.map((dir) => path.posix.join(dir, name)));
}

/**
 * puppeteer-core 24's defaultArgs for a headful-flagged Chrome (`headless` is ours, below), without
 * --enable-automation (no infobar to hide, and sites need not know) and about:blank (added last):
 * written out so the browser starts before puppeteer-core has loaded (a second on a loaded machine),
 * and checked against puppeteer's own list by tests/print/browser-discovery.test.ts.
 */
export const PUPPETEER_DEFAULT_ARGS = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,' +
    'ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
];

/** Everything the browser is started with but its profile folder (puppeteer puts that flag before --disable-extensions). */
export function browserArgs(profile: string, extra: string[]): string[] {
  return [
    ...new Set([
      ...PUPPETEER_DEFAULT_ARGS,
      `--user-data-dir=${profile}`,
      '--disable-extensions',
      ...extra,
      '--remote-debugging-pipe',
      'about:blank',
    ]),
  ];
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
 * Fewer processes to start (each costs time at launch, most on a loaded machine): the GPU (none is
 * used: --disable-gpu), audio and network services (only the page's own requests, answered by
 * interception) run inside the browser process. Nothing printed depends on them.
 */
const IN_PROCESS_ARGS = [
  '--in-process-gpu',
  '--disable-features=AudioServiceOutOfProcess',
  '--enable-features=NetworkServiceInProcess2',
];

/**
 * Without the sandbox the zygote (the process renderers are forked from, so that they start
 * sandboxed) only adds a process to start; Chromium accepts --no-zygote only then.
 */
const NO_SANDBOX_ARGS = ['--no-sandbox', '--no-zygote'];

/**
 * Flags of @sparticuz/chromium that are not taken: they weaken the page's isolation (we load only
 * local files and never want cross-origin access), or are decided by `needsNoSandbox`/puppeteer.
 */
const REJECTED_SPARTICUZ_ARGS = [
  /^--disable-web-security$/,
  /^--allow-running-insecure-content$/,
  /^--no-sandbox$/,
  /^--disable-setuid-sandbox$/,
  /^--no-zygote$/,
  /^--headless/,
];

/** Our flags, after puppeteer's (browserArgs): those of every launch, the browser build's own, and the sandbox's. */
export function ourArgs(ctx: { noSandbox: boolean; browserArgs: string[] }): string[] {
  const args = [...BASE_ARGS, ...IN_PROCESS_ARGS, ...ctx.browserArgs];
  // Not --single-process: it saves about 110 MB but the page then waits about a second longer for
  // its fonts and pictures (every request answered through the one browser process).
  if (ctx.noSandbox) args.push(...NO_SANDBOX_ARGS);
  return args;
}

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
  'No Chrome, Chromium or Edge browser was found, ' +
  'and the bundled Chromium (the package @sparticuz/chromium) is not installed.\n' +
  'Install one of them, for example:\n' +
  '  Linux x64: npm install -g @sparticuz/chromium   (beside a global pamphleteer)\n' +
  '  Debian/Ubuntu: sudo apt-get install chromium-headless-shell   (or: chromium)\n' +
  '  macOS/Windows: install Google Chrome or Microsoft Edge\n' +
  'or set browser.executablePath in pamphleteer.config.json (or the ' +
  'PAMPHLETEER_BROWSER environment variable) to its program file.';

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
      if (candidate.explicit)
        throw new UserError(
          'The bundled Chromium was asked for ("bundled"), but the optional package @sparticuz/chromium is ' +
            'not installed or does not run here (it ships for Linux x64/arm64).',
          2,
        );
      continue;
    }
    if (candidate.source !== 'installed' && !isFile(candidate.path)) {
      const where =
        candidate.source === 'config'
          ? '--browser or browser.executablePath in the config'
          : `the environment variable ${candidate.source}`;
      throw new UserError(`The browser set by ${where} was not found: ${candidate.path}`, 2);
    }
    return { executablePath: candidate.path, source: candidate.source, args: [] };
  }
  throw new UserError(INSTALL_HINT, 2);
}

/**
 * The Chromium inside @sparticuz/chromium, unpacked on first use into a cache folder that later runs
 * reuse (~/.cache/pamphleteer/, or $XDG_CACHE_HOME), not the system's temp folder, where 190 MB
 * would be left behind by every machine's first run. The package unpacks into os.tmpdir(), so
 * TMPDIR points at the cache while it does.
 */
async function sparticuzChromium(): Promise<{ executablePath: string; args: string[] } | undefined> {
  const cache = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'pamphleteer');
  const tmpdir = process.env.TMPDIR;
  try {
    fs.mkdirSync(cache, { recursive: true });
    process.env.TMPDIR = cache;
    let chromium: typeof import('@sparticuz/chromium').default;
    try {
      chromium = (await import('@sparticuz/chromium')).default;
    } catch {
      return undefined; // optional dependency not installed (other platform, or --omit=optional)
    }
    // No WebGL is needed to print; skipping it also skips unpacking SwiftShader.
    chromium.setGraphicsMode = false;
    const executablePath = await chromium.executablePath();
    const args = chromium.args.filter((arg) => !REJECTED_SPARTICUZ_ARGS.some((re) => re.test(arg)));
    return { executablePath, args };
  } catch {
    return undefined;
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
}

/** Where a browser came from, as a person set it. */
const SOURCE_WORDS: Record<BrowserSource, string> = {
  config: 'set by --browser or browser.executablePath',
  PAMPHLETEER_BROWSER: 'set by PAMPHLETEER_BROWSER',
  PUPPETEER_EXECUTABLE_PATH: 'set by PUPPETEER_EXECUTABLE_PATH',
  installed: 'found installed',
  '@sparticuz/chromium': 'the bundled Chromium',
};

/** The DevTools protocol's words for a program that went away mean nothing to a person. */
function plainFailure(why: string): string {
  return /Protocol error|Target closed|Connection closed/i.test(why)
    ? 'it stopped without answering as a browser does; give the path of Chrome, Chromium or Edge'
    : why;
}

/**
 * How long a program may take to answer its first DevTools message. Chromium answers in well under
 * a second on an idle machine; a program that is not a browser (or hangs) must not keep the
 * command waiting. On a machine so loaded that Chromium is still starting (using processor time)
 * after LAUNCH_TIMEOUT_MS, it gets up to LAUNCH_TIMEOUT_BUSY_MS; an idle program does not.
 */
export const LAUNCH_TIMEOUT_MS = 10_000;
const LAUNCH_TIMEOUT_BUSY_MS = 60_000;
/** How long a closing browser may take before it is killed. */
const CLOSE_TIMEOUT_MS = 3_000;

/**
 * Finds and launches a headless browser. Throws UserError (exit code 2) when there is none, or
 * when the program does not start and answer as a browser within LAUNCH_TIMEOUT_MS.
 *
 * The browser is spawned here, not by puppeteer.launch, so that this process owns it entirely:
 * its own process group (Ctrl-C in the terminal reaches us, not it, and we close it in order), a
 * profile folder we made and always remove, a launch timeout, and a kill when anything goes wrong,
 * even when the process exits abruptly.
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<PrintBrowser> {
  const resolved = await resolveBrowser(options);
  const extra = ourArgs({
    noSandbox: needsNoSandbox({ uid: process.getuid?.(), inContainer: detectContainer() }),
    browserArgs: resolved.args,
  });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-browser-'));
  const owned = new OwnedProcess(resolved.executablePath, browserArgs(profile, extra), profile);
  options.onStarted?.();
  // Loaded while the browser starts in its own processes.
  let connect: typeof import('puppeteer-core').connect;
  try {
    ({ connect } = await import('puppeteer-core'));
  } catch (err) {
    owned.kill();
    throw err;
  }
  const fail = (why: string) =>
    new UserError(
      `could not start the browser ${resolved.executablePath} (${SOURCE_WORDS[resolved.source]}): ${plainFailure(why)}`,
      2,
    );

  let timer: NodeJS.Timeout | undefined;
  const connecting = connect({ transport: owned.transport, defaultViewport: null });
  connecting.catch(() => undefined);
  const outcome = await Promise.race([
    connecting.then(
      (browser) => ({ browser }),
      (err: Error) => ({ failure: err.message.split('\n')[0] }),
    ),
    owned.exited.then(() => ({ failure: owned.exitReason() })),
    new Promise<{ failure: string }>((resolve) => {
      const started = performance.now();
      const check = () => {
        const waited = performance.now() - started;
        // Still working (Linux tells): a loaded machine, not a hang. Idle, or past the hard limit: give up.
        const busy = (owned.cpuSeconds() ?? 0) >= 0.1;
        if (waited >= LAUNCH_TIMEOUT_BUSY_MS || !busy)
          resolve({ failure: `it did not answer within ${Math.round(waited / 1000)} seconds` });
        else timer = setTimeout(check, 1000);
      };
      timer = setTimeout(check, LAUNCH_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (!('browser' in outcome)) {
    owned.kill();
    throw fail(outcome.failure);
  }
  const browser = outcome.browser;
  let closing: Promise<void> | undefined;
  let blankTabTaken = false;
  return {
    executablePath: resolved.executablePath,
    source: resolved.source,
    browser,
    async newPage() {
      if (!blankTabTaken) {
        blankTabTaken = true;
        const blank = (await browser.pages()).find((p) => p.url() === 'about:blank');
        if (blank) return blank;
      }
      return browser.newPage();
    },
    close: () =>
      (closing ??= (async () => {
        // Killed, not asked to quit: its profile is thrown away, nothing in it needs saving, and a
        // graceful shutdown of every process costs up to a second. The kill ends the whole process
        // group; Windows has none, so there the browser is asked to quit first and ends its own.
        if (process.platform === 'win32')
          await Promise.race([browser.close().catch(() => undefined), delay(CLOSE_TIMEOUT_MS)]);
        owned.kill();
        // A timer that holds the process open (kill() let go of the child's handles): the caller
        // still has work to do after this, such as printing the error that made it close.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          owned.exited,
          new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
        // Again, now that nothing writes to it any more.
        owned.removeProfile();
      })()),
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Every browser process still running, killed (and its profile removed) if this process exits first. */
const running = new Set<OwnedProcess>();
let exitHookInstalled = false;

/**
 * A browser process and its profile folder, owned by this process. DevTools talks to it over
 * pipes 3 and 4 (--remote-debugging-pipe): no port is opened.
 */
class OwnedProcess {
  readonly transport: PipeTransport;
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private stderr = '';
  private spawnError?: Error;
  private exitStatus?: { code: number | null; signal: NodeJS.Signals | null };
  private killed = false;

  constructor(
    executable: string,
    args: string[],
    private readonly profile: string,
  ) {
    // Its own process group: a terminal's Ctrl-C goes to us, and we close the browser in order.
    this.child = spawn(executable, args, {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (err) => {
        this.spawnError = err;
        resolve();
      });
      this.child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve();
      });
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 8192) this.stderr += chunk.toString('utf8');
    });
    this.child.stderr!.on('error', () => undefined);
    const [, , , toBrowser, fromBrowser] = this.child.stdio as unknown as [
      unknown,
      unknown,
      unknown,
      Writable,
      Readable,
    ];
    this.transport = new PipeTransport(toBrowser, fromBrowser);
    running.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', () => {
        for (const owned of running) owned.kill();
      });
    }
  }

  /** Processor time the program has used so far (Linux only; undefined elsewhere). */
  cpuSeconds(): number | undefined {
    // The whole process group (its own, see the constructor): the program may be a wrapper script
    // (Debian's chromium-headless-shell is one) that waits while the browser it started does the work.
    const pid = this.child.pid;
    if (pid === undefined) return undefined;
    let procs: string[];
    try {
      procs = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return undefined;
    }
    let ticks = 0;
    for (const proc of procs) {
      try {
        const stat = fs.readFileSync(`/proc/${proc}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces): the group is the 3rd, utime and stime the 12th and
        // 13th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // Gone meanwhile.
      }
    }
    return ticks / 100;
  }

  /** Why the program stopped before answering, for the message. */
  exitReason(): string {
    if (this.spawnError)
      return (this.spawnError as NodeJS.ErrnoException).code === 'EACCES'
        ? 'it is not an executable program (EACCES)'
        : this.spawnError.message;
    const status = this.exitStatus;
    const how = status?.signal ? `was killed by ${status.signal}` : `exited with code ${status?.code}`;
    const said = this.stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/^\[\d+:\d+:/.test(l));
    return (
      `it ${how} without answering as a ` +
      `browser${said ? ` (it said: ${said.slice(0, 200)})` : ''}; is it a Chrome, Chromium or Edge program?`
    );
  }

  /** Kills the browser and every process it started, and removes its profile. Synchronous: safe in an exit hook. */
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    running.delete(this);
    this.transport.close();
    const pid = this.child.pid;
    if (pid !== undefined && this.exitStatus === undefined) {
      try {
        if (process.platform === 'win32') this.child.kill('SIGKILL');
        else process.kill(-pid, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
    this.child.stderr?.destroy();
    this.child.unref();
    this.removeProfile();
  }

  removeProfile(): void {
    try {
      fs.rmSync(this.profile, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A file still held open (Windows): nothing more to do from here.
    }
  }
}

/** DevTools messages over the browser's pipes: JSON, each ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  private closeHandler?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly toBrowser: Writable,
    private readonly fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk));
    fromBrowser.on('close', () => this.finish());
    fromBrowser.on('error', () => this.finish());
    toBrowser.on('error', () => this.finish());
  }

  /**
   * Told when the pipes close; told at once when they closed before anyone listened (a program that
   * exited while puppeteer-core was still loading), or puppeteer would wait for an answer forever.
   */
  get onclose(): (() => void) | undefined {
    return this.closeHandler;
  }

  set onclose(handler: (() => void) | undefined) {
    this.closeHandler = handler;
    if (this.closed && handler) queueMicrotask(handler);
  }

  send(message: string): void {
    if (this.closed) return;
    this.toBrowser.write(message);
    this.toBrowser.write('\0');
  }

  close(): void {
    this.finish();
    this.toBrowser.destroy();
    this.fromBrowser.destroy();
  }

  private receive(chunk: Buffer): void {
    let end = chunk.indexOf(0);
    while (end !== -1) {
      const message = Buffer.concat([...this.pending, chunk.subarray(0, end)]).toString('utf8');
      this.pending = [];
      chunk = chunk.subarray(end + 1);
      this.onmessage?.(message);
      end = chunk.indexOf(0);
    }
    if (chunk.length) this.pending.push(chunk);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeHandler?.();
  }
}
