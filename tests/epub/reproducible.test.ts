import { afterEach, describe, expect, it } from 'vitest';
import { renderEpub } from '../../src/render/epub/index.js';
import { loadEssay, loadFixture, parseXml, unzip } from './helpers.js';

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
