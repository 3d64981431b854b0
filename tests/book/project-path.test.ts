import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageTypeOfBytes, inspectImageFile, unsafeSvgContent } from '../../src/util/image-file.js';
import { isInside, resolveInProject } from '../../src/util/project-path.js';
import { FIXTURES } from '../helpers/seed.js';

const temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-paths-')));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('isInside', () => {
  it('compares path segments, not text', () => {
    expect(isInside('/p', '/p')).toBe(true);
    expect(isInside('/p', '/p/a/b.png')).toBe(true);
    expect(isInside('/p', '/p/..hidden.png')).toBe(true);
    expect(isInside('/p', '/p/../q')).toBe(false);
    expect(isInside('/p', '/project-two/a.png')).toBe(false);
    expect(isInside('/p', '/')).toBe(false);
  });
});

describe('resolveInProject', () => {
  const root = path.join(temp, 'project');
  const outside = path.join(temp, 'outside.png');
  fs.mkdirSync(path.join(root, 'images'), { recursive: true });
  fs.writeFileSync(path.join(root, 'images/a.png'), 'a');
  fs.writeFileSync(outside, 'secret');
  fs.symlinkSync(path.join(root, 'images/a.png'), path.join(root, 'inside-link.png'));
  fs.symlinkSync(outside, path.join(root, 'outside-link.png'));
  fs.symlinkSync(path.join(root, 'outside-link.png'), path.join(root, 'chain.png'));
  fs.symlinkSync(path.join(root, 'nowhere.png'), path.join(root, 'broken.png'));
  // The project reached through a linked folder is still the project.
  fs.symlinkSync(root, path.join(temp, 'project-link'));

  it('a file inside, directly or through a link that stays inside', () => {
    expect(resolveInProject(root, 'images/a.png')).toEqual({
      ok: true,
      real: path.join(root, 'images/a.png'),
      absolute: path.join(root, 'images/a.png'),
      relative: 'images/a.png',
    });
    expect(resolveInProject(root, 'inside-link.png')).toMatchObject({
      ok: true,
      real: path.join(root, 'images/a.png'),
      relative: 'inside-link.png',
    });
    expect(resolveInProject(path.join(temp, 'project-link'), 'images/a.png')).toMatchObject({ ok: true });
  });

  it('outside by path, by link and by a chain of links', () => {
    expect(resolveInProject(root, '../outside.png')).toMatchObject({
      ok: false,
      problem: 'outside',
      reason: 'is outside the project folder',
    });
    expect(resolveInProject(root, outside)).toMatchObject({ ok: false, problem: 'outside' });
    expect(resolveInProject(root, 'outside-link.png')).toMatchObject({
      ok: false,
      problem: 'outside',
      reason: `is a link to ${outside}, outside the project folder`,
    });
    expect(resolveInProject(root, 'chain.png')).toMatchObject({ ok: false, problem: 'outside' });
  });

  it('missing files and broken links', () => {
    expect(resolveInProject(root, 'images/none.png')).toMatchObject({
      ok: false,
      problem: 'missing',
      relative: 'images/none.png',
    });
    expect(resolveInProject(root, 'broken.png')).toMatchObject({ ok: false, problem: 'missing' });
  });
});

describe('image files are what their bytes say', () => {
  const png = fs.readFileSync(path.join(FIXTURES, 'epub-cover/manuscript/cover.png'));
  const write = (name: string, bytes: string | Buffer) => {
    const file = path.join(temp, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('magic numbers', () => {
    expect(imageTypeOfBytes(png)).toBe('image/png');
    expect(imageTypeOfBytes(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageTypeOfBytes(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(
      imageTypeOfBytes(
        Buffer.from('<?xml version="1.0"?>\n<!-- a drawing -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      ),
    ).toBe('image/svg+xml');
    expect(imageTypeOfBytes(Buffer.from('not an image'))).toBeUndefined();
    expect(imageTypeOfBytes(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses a text file, an empty file and a misnamed image', () => {
    expect(inspectImageFile(write('text.png', 'hello'), '.png')).toEqual({
      ok: false,
      reason: 'is not a PNG image: its bytes are not a PNG, JPEG, GIF or SVG file',
    });
    expect(inspectImageFile(write('empty.png', ''), '.png')).toEqual({
      ok: false,
      reason: 'is an empty file (0 bytes)',
    });
    expect(inspectImageFile(write('png.gif', png), '.gif')).toEqual({
      ok: false,
      reason: 'is a PNG image named .gif: rename it to end in .png',
    });
    expect(inspectImageFile(write('ok.PNG', png), '.PNG')).toEqual({ ok: true, mediaType: 'image/png' });
  });

  it('an SVG must be a plain drawing', () => {
    const plain =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/><image href="data:image/png;base64,AAAA"/></svg>';
    expect(unsafeSvgContent(plain)).toBeUndefined();
    expect(unsafeSvgContent('<svg><svg:script>x</svg:script></svg>')).toBe('a <script> element');
    expect(unsafeSvgContent('<svg><rect ONCLICK = "x"/></svg>')).toBe('an event handler attribute (on…=)');
    expect(unsafeSvgContent('<svg><image xlink:href="file:///etc/passwd"/></svg>')).toBe(
      'a link (href) to another file or address',
    );
    expect(unsafeSvgContent('<svg><use href="other.svg#x"/></svg>')).toBe('a link (href) to another file or address');
    expect(unsafeSvgContent('<svg><rect style="fill: url(http://example.com/x)"/></svg>')).toBe(
      'a url() reference to another file',
    );
    expect(unsafeSvgContent('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>')).toBe(
      'an animated link',
    );
    expect(unsafeSvgContent('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>')).toBe(
      'an entity declaration',
    );
    expect(
      inspectImageFile(write('bad.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), '.svg'),
    ).toMatchObject({ ok: false });
  });
});
