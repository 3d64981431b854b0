import fs from 'node:fs';
import path from 'node:path';

/** The first executable file of that name on PATH. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/**
 * How to start EPUBCheck (optional; `EPUBCHECK` names it explicitly). Debian's /usr/bin/epubcheck is
 * the jar itself, started through binfmt_misc (jarwrapper), which containers often lack: a jar is
 * run with `java -jar` instead.
 */
export function epubcheckCommand(): { file: string; args: string[] } | undefined {
  const bin = process.env.EPUBCHECK ?? onPath('epubcheck');
  if (!bin || !fs.existsSync(bin)) return undefined;
  const head = Buffer.alloc(2);
  const fd = fs.openSync(bin, 'r');
  fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  return head.toString('latin1') === 'PK' ? { file: 'java', args: ['-jar', bin] } : { file: bin, args: [] };
}
