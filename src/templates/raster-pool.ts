/**
 * Many SVGs drawn as PNGs (a catalogue's thumbnails) in a few child processes. resvg-js keeps about
 * 1 MB of native memory per drawing for the life of the process, whatever is freed on the JavaScript
 * side: a thousand thumbnails drawn in the build's own process held over a gigabyte. Here each child
 * draws a bounded number of pictures and then exits, which returns its memory; at most `processes`
 * draw at once. The children run resvg only: the parent finds and unpacks the fonts (once, into one
 * temporary folder) and passes resvg the same options as rasterizeSvg, so the bytes are the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { rasterFontFiles, resvgOptions, trueTypeFont } from './typographic-cover.js';

const require = createRequire(import.meta.url);

// The child: draws each SVG it is sent and answers with the PNG or the error's message.
const CHILD = `
const { Resvg } = require(process.env.PAMPHLETEER_RESVG);
process.on('message', (job) => {
  let answer;
  try {
    answer = { id: job.id, png: new Resvg(job.svg, job.options).render().asPng() };
  } catch (error) {
    answer = { id: job.id, error: String((error && error.message) || error) };
  }
  process.send(answer);
});
`;

interface Job {
  svg: string;
  width: number;
  resolve: (png: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Drawer {
  child: ChildProcess;
  /** Drawings sent to this child so far. */
  drawn: number;
  stderr: string;
}

export class RasterPool {
  private readonly queue: Job[] = [];
  private readonly idle: Drawer[] = [];
  private running = 0;
  private fontDir: string | undefined;
  /** Each bundled font file's unpacked copy in fontDir. */
  private readonly fontCopies = new Map<string, Promise<string>>();
  private nextId = 0;
  private closed = false;
  /** Children started so far (each after the last reached its share of drawings). */
  processesStarted = 0;

  /**
   * @param processes at most this many children draw at once (each uses one core).
   * @param drawingsPerProcess a child exits after this many, so its memory is returned.
   * @param options.holdsProcess false: idle children do not keep this process running (a pool shared
   *   by a process's builds, never closed); they exit with it, and its fonts are removed then.
   */
  constructor(
    private readonly processes = Math.max(1, Math.min(4, os.availableParallelism())),
    private readonly drawingsPerProcess = 32,
    private readonly options: { holdsProcess: boolean } = { holdsProcess: true },
  ) {
    if (!options.holdsProcess) process.once('exit', () => this.close());
  }

  /** The SVG drawn as a PNG `width` pixels wide: the same bytes rasterizeSvg draws. */
  draw(svg: string, width: number): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the raster pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ svg, width, resolve, reject });
      this.pump();
    });
  }

  /** Ends every child and removes the unpacked fonts; drawings still queued fail. */
  close(): void {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the raster pool is closed'));
    for (const d of this.idle.splice(0)) d.child.kill();
    if (this.fontDir) fs.rmSync(this.fontDir, { recursive: true, force: true });
    this.fontDir = undefined;
  }

  private pump(): void {
    while (this.queue.length && this.running < this.processes) {
      const job = this.queue.shift()!;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    try {
      const fontFiles = await Promise.all(rasterFontFiles(job.svg).map((f) => this.fontCopy(f)));
      const drawer = this.idle.pop() ?? this.spawnDrawer();
      const png = await this.send(drawer, job.svg, resvgOptions(job.width, fontFiles));
      if (++drawer.drawn >= this.drawingsPerProcess || this.closed) drawer.child.kill();
      else this.idle.push(drawer);
      job.resolve(png);
    } catch (error) {
      job.reject(error as Error);
    }
  }

  private spawnDrawer(): Drawer {
    const child = spawn(process.execPath, ['-e', CHILD], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, PAMPHLETEER_RESVG: require.resolve('@resvg/resvg-js') },
    });
    this.processesStarted++;
    if (!this.options.holdsProcess) {
      child.unref();
      (child.stderr as unknown as { unref(): void }).unref();
      child.channel?.unref();
    }
    const drawer: Drawer = { child, drawn: 0, stderr: '' };
    child.stderr!.on('data', (d: Buffer) => {
      drawer.stderr = (drawer.stderr + d.toString('utf8')).slice(-2000);
    });
    // An idle child that dies (killed from outside) is simply not used again.
    child.on('exit', () => {
      const i = this.idle.indexOf(drawer);
      if (i >= 0) this.idle.splice(i, 1);
    });
    return drawer;
  }

  private send(drawer: Drawer, svg: string, options: unknown): Promise<Uint8Array> {
    const id = this.nextId++;
    const { child } = drawer;
    return new Promise((resolve, reject) => {
      const onMessage = (answer: { id: number; png?: Uint8Array; error?: string }) => {
        if (answer.id !== id) return;
        done();
        if (answer.png) resolve(new Uint8Array(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
        else reject(new Error(`could not draw the picture: ${answer.error}`));
      };
      const onExit = (code: number | null, signal: string | null) => {
        done();
        const why = drawer.stderr.trim().split('\n').at(-1) || `exited with ${signal ?? code}`;
        reject(new Error(`the drawing process ended before drawing the picture: ${why}`));
      };
      const done = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (!this.options.holdsProcess) child.channel?.unref();
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      // The answer is awaited: the channel keeps this process running until it comes.
      child.channel?.ref();
      child.send({ id, svg, options });
    });
  }

  /** The font file unpacked to TrueType in this pool's folder (resvg reads neither WOFF nor WOFF2). */
  private fontCopy(file: string): Promise<string> {
    let copy = this.fontCopies.get(file);
    if (!copy) {
      this.fontDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-fonts-'));
      const target = path.join(this.fontDir, `${this.fontCopies.size}.ttf`);
      copy = trueTypeFont(file).then((font) => {
        fs.writeFileSync(target, font);
        return target;
      });
      this.fontCopies.set(file, copy);
    }
    return copy;
  }
}
