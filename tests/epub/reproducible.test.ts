import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderEpub } from '../../src/render/epub/index.js';
import { pamphleteer } from '../cli/helpers.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { FIXTURES, REPO, loadEssay, loadFixture, parseXml, unzip } from './helpers.js';

const modified = async (bytes: Uint8Array) =>
  parseXml(await (await unzip(bytes)).text('OEBPS/content.opf'))
    .toString()
    .match(/<meta property="dcterms:modified">([^<]*)<\/meta>/)![1];

describe('reproducible builds', () => {
  const savedEpoch = process.env.SOURCE_DATE_EPOCH;
  afterEach(() => {
    if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = savedEpoch;
  });

  it.each(['essay', 'epub-multi', 'epub-cover'])('gives byte-identical files for two builds of %s', async (name) => {
    delete process.env.SOURCE_DATE_EPOCH;
    const load = () => (name === 'essay' ? loadEssay() : loadFixture(name));
    const first = await renderEpub(load());
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a clock-stamped zip would now differ
    const second = await renderEpub(load());
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('dates every zip entry with the book’s date', async () => {
    delete process.env.SOURCE_DATE_EPOCH;
    const epub = await unzip(await renderEpub(loadEssay()));
    const dates = new Set(Object.values(epub.zip.files).map((f) => f.date.toISOString()));
    expect([...dates]).toEqual(['2020-01-01T00:00:00.000Z']);
  });

  it('takes dcterms:modified from SOURCE_DATE_EPOCH, and the option over the environment', async () => {
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    expect(await modified(await renderEpub(loadEssay()))).toBe('2023-11-14T22:13:20Z');
    expect(await modified(await renderEpub(loadEssay(), { sourceDateEpoch: 1600000000 }))).toBe('2020-09-13T12:26:40Z');
    delete process.env.SOURCE_DATE_EPOCH;
    expect(await modified(await renderEpub(loadFixture('epub-cover')))).toBe('2000-01-01T00:00:00Z');
  });
});

describe('reproducible whole builds (EPUB, print PDF, zine PDF, title record)', () => {
  const tmp = tempDirs();

  /** Every file of dist/ with its bytes, after a build of `root` with SOURCE_DATE_EPOCH set. */
  async function build(root: string): Promise<Map<string, Buffer>> {
    const run = await pamphleteer(['build', root, '--quiet'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const dist = path.join(root, 'dist');
    return new Map(fs.readdirSync(dist).map((name) => [name, fs.readFileSync(path.join(dist, name))]));
  }

  it.each(['essay', 'print-long-note'])('gives the same bytes twice for %s', async (fixture) => {
    const root = path.join(tmp('pamphleteer-reproducible-'), fixture);
    const from = fixture === 'essay' ? REPO : path.join(FIXTURES, fixture);
    fs.cpSync(path.join(from, 'manuscript'), path.join(root, 'manuscript'), { recursive: true });
    const first = await build(root);
    // Chromium stamps the clock in seconds, Paged.js names notes from the clock and Math.random.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await build(root);
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort());
    expect([...first.keys()].filter((name) => name.endsWith('.pdf'))).toHaveLength(2);
    for (const [name, bytes] of first) expect(bytes.equals(second.get(name)!), name).toBe(true);

    // The notes' links still reach their notes, under names that come from the book, not the clock.
    const pdf = [...first.keys()].find((name) => name.endsWith('.pdf') && !name.endsWith('-zine.pdf'))!;
    const qdf = path.join(root, 'qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(root, 'dist', pdf), qdf]);
    const text = fs.readFileSync(qdf, 'latin1');
    expect(text).toMatch(/\/pagedjs-note-1 \[/);
    expect(text).toMatch(/\/Dest \/pagedjs-note-1\b/);
    expect(text).not.toMatch(/note-[0-9a-f]{8}-[0-9a-f]{4}-/);
    const dates = text.match(/\/(?:CreationDate|ModDate) \(D:[^)]*\)/g) ?? [];
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date).toMatch(/D:20231114221320/);
  });
});
