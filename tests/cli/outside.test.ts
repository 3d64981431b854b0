// Security: a project from a stranger may point anywhere. Every file reference (image in the text,
// image in a note, cover, manuscript file, manuscript.dir, style, font) is made a symlink or a path
// to files outside the project, each holding a marker; through the real command, no byte of them
// may reach any output, and each is refused with a message naming the path.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINT_PAGE_ORIGIN, requestDecision } from '../../src/render/print/index.js';
import { resolveInProject } from '../../src/util/project-path.js';
import { FIXTURES } from '../helpers/seed.js';
import { pamphleteer } from './helpers.js';

const MARKER = 'OUTSIDE-THE-PROJECT-7f3a9c';
const require = createRequire(import.meta.url);
const temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-outside-')));
const outside = path.join(temp, 'outside');
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

beforeAll(() => {
  fs.mkdirSync(path.join(outside, 'manuscript'), { recursive: true });
  const png = fs.readFileSync(path.join(FIXTURES, 'epub-cover/manuscript/cover.png'));
  // Valid images and text, each carrying the marker (readers ignore bytes after a PNG's end).
  fs.writeFileSync(path.join(outside, 'secret.png'), Buffer.concat([png, Buffer.from(MARKER)]));
  fs.writeFileSync(
    path.join(outside, 'secret.svg'),
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>${MARKER}</text></svg>`,
  );
  fs.writeFileSync(path.join(outside, 'secret.md'), `# ${MARKER}\n\n${MARKER} in a manuscript file.\n`);
  fs.writeFileSync(path.join(outside, 'manuscript/text.md'), `---\ntitle: ${MARKER}\n---\n\n${MARKER}\n`);
  fs.writeFileSync(path.join(outside, 'secret.css'), `p::after { content: "${MARKER}"; }\n`);
  const font = path.join(
    path.dirname(require.resolve('@fontsource/eb-garamond/package.json')),
    'files/eb-garamond-latin-400-normal.woff2',
  );
  fs.writeFileSync(path.join(outside, 'secret.woff2'), Buffer.concat([fs.readFileSync(font), Buffer.from(MARKER)]));
});

const TEXT =
  '---\ntitle: Borrowed Things\nauthor: A. Stranger\n---\n\nA plain paragraph of the pamphlet.[^1]\n\n[^1]: A plain note.\n';

interface Setup {
  files?: Record<string, string>;
  /** Link path in the project → target (absolute, or relative to the link's folder). */
  links?: Record<string, string>;
}

let count = 0;
function project(setup: Setup): string {
  const root = path.join(temp, `project-${++count}`);
  fs.mkdirSync(path.join(root, 'manuscript'), { recursive: true });
  const files = { 'manuscript/text.md': TEXT, ...setup.files };
  for (const [file, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), contents);
  }
  for (const [link, target] of Object.entries(setup.links ?? {})) {
    fs.mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
    fs.rmSync(path.join(root, link), { recursive: true, force: true });
    fs.symlinkSync(target, path.join(root, link));
  }
  fs.mkdirSync(path.join(root, 'dist'));
  fs.writeFileSync(path.join(root, 'dist/earlier.epub'), 'an earlier build');
  return root;
}

/** Every regular file below a folder (links are not followed: they lead outside), with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** The text of every output: EPUB entries unzipped, PDF streams decompressed (qpdf --qdf). */
async function outputContents(root: string): Promise<string[]> {
  const texts: string[] = [];
  for (const [name, bytes] of files(path.join(root, 'dist'))) {
    if (name.endsWith('.epub') && bytes[0] === 0x50) {
      const zip = await JSZip.loadAsync(bytes);
      for (const entry of Object.values(zip.files))
        texts.push(Buffer.from(await entry.async('uint8array')).toString('latin1'));
    } else if (name.endsWith('.pdf')) {
      const qdf = path.join(temp, `qdf-${count}.pdf`);
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(root, 'dist', name), qdf]);
      texts.push(fs.readFileSync(qdf).toString('latin1'));
      fs.rmSync(qdf);
    }
    texts.push(bytes.toString('latin1'));
  }
  return texts;
}

async function expectRefused(setup: Setup, message: string | RegExp, args = ['build', '--only', 'epub']) {
  const root = project(setup);
  const before = files(root);
  const result = await pamphleteer(args, { cwd: root });
  expect(result.code, result.stdout + result.stderr).toBe(1);
  if (typeof message === 'string') expect(result.stderr).toContain(message);
  else expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toContain(MARKER);
  expect(files(root)).toEqual(before);
  for (const text of await outputContents(root)) expect(text).not.toContain(MARKER);
}

describe('nothing outside the project is read, through the real command', () => {
  it('an image in the text that is a link to a file outside', async () => {
    await expectRefused(
      {
        files: { 'manuscript/text.md': `${TEXT}\n![A picture](picture.png)\n` },
        links: { 'manuscript/picture.png': path.join(outside, 'secret.png') },
      },
      `manuscript/text.md:10:1: error: Image "picture.png" is a link to ${path.join(outside, 'secret.png')}, outside the project folder; copy it into the project and link it from there. [image-outside]`,
    );
  });

  it('an image inside a linked folder', async () => {
    await expectRefused(
      {
        files: { 'manuscript/text.md': `${TEXT}\n![A picture](pictures/secret.svg)\n` },
        links: { 'manuscript/pictures': outside },
      },
      `error: Image "pictures/secret.svg" is a link to ${path.join(outside, 'secret.svg')}, outside the project folder`,
    );
  });

  it('an image by a path that climbs out of the project, in Markdown and raw HTML', async () => {
    const rel = path.relative(path.join(temp, `project-${count + 1}`, 'manuscript'), path.join(outside, 'secret.png'));
    await expectRefused(
      { files: { 'manuscript/text.md': `${TEXT}\n![A picture](${rel})\n\n<img src="${rel}" alt="raw">\n` } },
      `manuscript/text.md:10:1: error: Image "${rel}" is outside the project folder; copy it into the project and link it from there. [image-outside]`,
    );
  });

  it('an image in a note that is a link to a file outside', async () => {
    const text = '---\ntitle: T\n---\n\nText.[^1]\n\n[^1]: A note with ![a picture](picture.png).\n';
    await expectRefused(
      { files: { 'manuscript/text.md': text }, links: { 'manuscript/picture.png': path.join(outside, 'secret.png') } },
      `manuscript/text.md:7:19: error: Image "picture.png" is a link to ${path.join(outside, 'secret.png')}, outside the project folder`,
    );
  });

  it('a cover that is a link to a file outside', async () => {
    const text = TEXT.replace('author:', 'cover: cover.png\nauthor:');
    await expectRefused(
      { files: { 'manuscript/text.md': text }, links: { 'manuscript/cover.png': path.join(outside, 'secret.png') } },
      `manuscript/text.md:3:1: error: Front matter: cover image "cover.png" is a link to ${path.join(outside, 'secret.png')}, outside the project folder`,
    );
  });

  it('a manuscript file that is a link to a file outside', async () => {
    await expectRefused(
      { links: { 'manuscript/02-more.md': path.join(outside, 'secret.md') } },
      `manuscript/02-more.md: this manuscript file is a link to ${path.join(outside, 'secret.md')}, outside the project folder.`,
    );
  });

  it('a manuscript folder that is a link to a folder outside', async () => {
    await expectRefused(
      { links: { manuscript: path.join(outside, 'manuscript') } },
      `manuscript: the manuscript folder (manuscript.dir "manuscript") is a link to ${path.join(outside, 'manuscript')}, outside the project folder.`,
    );
  });

  it('manuscript.dir naming a folder outside, relative or absolute', async () => {
    const relative = path.relative(path.join(temp, `project-${count + 1}`), path.join(outside, 'manuscript'));
    await expectRefused(
      { files: { 'pamphleteer.config.json': JSON.stringify({ manuscript: { dir: relative } }) } },
      `the manuscript folder (manuscript.dir "${relative}") is outside the project folder.`,
    );
    await expectRefused(
      {
        files: { 'pamphleteer.config.json': JSON.stringify({ manuscript: { dir: path.join(outside, 'manuscript') } }) },
      },
      `the manuscript folder (manuscript.dir "${path.join(outside, 'manuscript')}") is outside the project folder.`,
    );
  });

  it('a style sheet in styles/ that is a link to a file outside (EPUB and print)', async () => {
    await expectRefused(
      { links: { 'styles/epub.css': path.join(outside, 'secret.css') } },
      `styles/epub.css: error: this style sheet is a link to ${path.join(outside, 'secret.css')}, outside the project folder.`,
    );
    await expectRefused(
      { links: { 'styles/print.css': path.join(outside, 'secret.css') } },
      `styles/print.css: error: this style sheet is a link to ${path.join(outside, 'secret.css')}, outside the project folder.`,
      ['build'],
    );
  });

  it('a font in the styles, through a linked folder or by a path out: refused at its rule, nothing read', async () => {
    const css = [
      '@font-face { font-family: "Linked"; src: url("../fonts/secret.woff2") format("woff2"); }',
      `@font-face { font-family: "Climbing"; src: url("${path.relative(path.join(temp, `project-${count + 1}`, 'styles'), path.join(outside, 'secret.woff2'))}") format("woff2"); }`,
      'p { font-family: "Linked", "Climbing", serif; }',
    ].join('\n');
    const root = project({ files: { 'styles/print.css': css }, links: { fonts: outside } });
    const result = await pamphleteer(['build', '--only', 'pdf'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `styles/print.css:1:37: error: url(../fonts/secret.woff2) in "src" cannot be loaded: ../fonts/secret.woff2 is a link to ${path.join(outside, 'secret.woff2')}, outside the project folder; only files inside the project load. [style]`,
    );
    for (const text of await outputContents(root)) expect(text).not.toContain(MARKER);
  });

  it('the print page request policy follows links before it serves a file', () => {
    const root = project({ links: { fonts: outside, 'manuscript/picture.png': path.join(outside, 'secret.png') } });
    fs.writeFileSync(path.join(root, 'inside.png'), 'x');
    const decide = (p: string) => requestDecision(`${PRINT_PAGE_ORIGIN}${p}`, root, false);
    expect(decide('/inside.png')).toEqual({ action: 'file', file: path.join(root, 'inside.png') });
    expect(decide('/fonts/secret.woff2')).toEqual({ action: 'not-found' });
    expect(decide('/manuscript/picture.png')).toEqual({ action: 'not-found' });
    expect(decide('/../outside/secret.png')).toEqual({ action: 'not-found' });
    // Another origin is never the project.
    expect(requestDecision('http://example.com/inside.png', root, false)).toEqual({ action: 'abort' });
    expect(resolveInProject(root, 'fonts/secret.woff2')).toMatchObject({ ok: false, problem: 'outside' });
    expect(resolveInProject(root, '../outside/secret.png')).toMatchObject({ ok: false, problem: 'outside' });
    expect(resolveInProject(root, 'inside.png')).toMatchObject({ ok: true, relative: 'inside.png' });
  });
});
