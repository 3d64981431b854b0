/** Runs DAISY Ace 1.4 on an EPUB with the Chromium the print edition uses (no browser download). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { browserCandidates } from '../../src/render/print/browser.js';

const require = createRequire(import.meta.url);

/** The same search as the print renderer, keeping only a browser that is on disk. */
export function findChromium(): string | undefined {
  const candidates = browserCandidates({
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    exists: (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
  });
  for (const candidate of candidates) if ('path' in candidate && fs.existsSync(candidate.path)) return candidate.path;
  return undefined;
}

export interface AceFinding {
  file: string;
  impact: string;
  rule: string;
  description: string;
}

interface EarlAssertion {
  'earl:testSubject'?: { url?: string };
  'earl:test'?: { 'earl:impact'?: string; 'dct:title'?: string };
  'earl:result'?: { 'earl:outcome'?: string; 'dct:description'?: string };
  assertions?: EarlAssertion[];
}

/** Every failed assertion of Ace's report, at any impact (minor included). */
export async function aceFindings(epubPath: string, chromium: string): Promise<AceFinding[]> {
  // The runner's puppeteer reads the browser path from the environment when it is first loaded.
  process.env.PUPPETEER_EXECUTABLE_PATH = chromium;
  const ace = require('@daisy/ace-core') as (
    epub: string,
    options: object,
    runner: unknown,
  ) => Promise<[string, { assertions: EarlAssertion[] }]>;
  // The runner always passes --no-sandbox, which Chromium needs as root or in a container.
  const runner = require('@daisy/ace-axe-runner-puppeteer');
  const outdir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pamphleteer-ace-'));
  try {
    const [, report] = await ace(
      epubPath,
      { cwd: path.dirname(epubPath), outdir, initLogger: true, silent: true },
      runner,
    );
    return collect(report.assertions, '');
  } finally {
    await fs.promises.rm(outdir, { recursive: true, force: true });
  }
}

function collect(assertions: EarlAssertion[], file: string): AceFinding[] {
  return assertions.flatMap((a) => {
    const subject = a['earl:testSubject']?.url ?? file;
    if (a.assertions) return collect(a.assertions, subject);
    if (a['earl:result']?.['earl:outcome'] !== 'fail') return [];
    return [
      {
        file: subject,
        impact: a['earl:test']?.['earl:impact'] ?? '?',
        rule: a['earl:test']?.['dct:title'] ?? '?',
        description: a['earl:result']?.['dct:description'] ?? '',
      },
    ];
  });
}
