import { describe, expect, it } from 'vitest';
import { anchorTextLines } from '../../src/render/print/text-anchors.js';

/** Where each glyph of a content stream is drawn, and in which render mode: `code@x,y/mode`. */
function drawn(content: string): string[] {
  const out: string[] = [];
  let line = { x: 0, y: 0 };
  let mode = 0;
  for (const op of content.split('\n')) {
    const move = /^(\S+) (\S+) Td(?: <(\w+)> Tj)?$/.exec(op);
    const bare = /^<(\w+)> Tj$/.exec(op);
    if (/ Tm$/.test(op)) line = { x: 0, y: 0 };
    if (/^\d Tr$/.test(op)) mode = Number(op[0]);
    if (move) line = { x: line.x + Number(move[1]), y: line.y + Number(move[2]) };
    const code = move?.[3] ?? bare?.[1];
    if (code) out.push(`${code}@${+line.x.toFixed(3)},${+line.y.toFixed(3)}/${mode}`);
  }
  return out;
}

const visible = (content: string) =>
  drawn(content)
    .filter((g) => g.endsWith('/0'))
    .sort();

describe('anchorTextLines', () => {
  it('draws a span’s baseline glyph first, every glyph where it was, and leaves the line point as it was', () => {
    const content = [
      'BT',
      '/F5 23.8 Tf',
      '1 0 0 -1 343 3423 Tm',
      '50 0 Td <00c4> Tj',
      '/Span<</ActualText <feff0632> >> BDC',
      '11.1 -12.2 Td <0008> Tj',
      '-3.9 12.2 Td <00fa> Tj',
      'EMC',
      '9 3.4 Td <00f7> Tj',
      'ET',
    ].join('\n');
    const out = anchorTextLines(content);
    expect(visible(out)).toEqual(visible(content));
    const span = out.split('\n').slice(out.split('\n').indexOf('/Span<</ActualText <feff0632> >> BDC'));
    expect(span[1]).toBe('7.2 0 Td <00fa> Tj');
    expect(drawn(out).at(-1)).toBe('00f7@66.2,3.4/0');
  });

  it('starts a span wholly off the baseline with an invisible copy of its first glyph on it', () => {
    const content = [
      'BT',
      '1 0 0 -1 0 0 Tm',
      '10 -5 Td <00c1> Tj',
      '/Span<</ActualText <feff0686> >> BDC',
      '3.5 0 Td <03a6014a> Tj',
      '4.5 -0.9 Td <000d> Tj',
      '-4.5 0.9 Td',
      'EMC',
      '6.9 0 Td <00ba> Tj',
      'ET',
    ].join('\n');
    const out = anchorTextLines(content);
    expect(visible(out)).toEqual(visible(content));
    const glyphs = drawn(out);
    expect(glyphs[1]).toBe('03A6@13.5,0/3');
    expect(glyphs.at(-1)).toBe('00ba@20.4,-5/0');
  });

  it('leaves streams without spans, spans on the baseline and spans it cannot follow as they are', () => {
    const plain = ['BT', '1 0 0 -1 0 0 Tm', '<0012> Tj', '5 2 Td <0013> Tj', 'ET'].join('\n');
    expect(anchorTextLines(plain)).toBe(plain);
    const level = [
      'BT',
      '1 0 0 -1 0 0 Tm',
      '/Span<</ActualText <feff0644> >> BDC',
      '2 0 Td <0193> Tj',
      '1 3 Td <0194> Tj',
      'EMC',
      'ET',
    ].join('\n');
    expect(anchorTextLines(level)).toBe(level);
    // A glyph placed by the advance of the one before: its point is unknown, nothing is moved.
    const advanced = [
      'BT',
      '1 0 0 -1 0 0 Tm',
      '<0001> Tj',
      '/Span<</ActualText <feff0644> >> BDC',
      '<0193> Tj',
      '0 -3 Td <0194> Tj',
      'EMC',
      'ET',
    ].join('\n');
    expect(anchorTextLines(advanced)).toBe(advanced);
  });
});
