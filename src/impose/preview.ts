/**
 * A picture of every sheet side (SVG), drawn from the plan alone, so a person
 * can check a layout before wasting paper: page numbers (turned where the page
 * is turned), blanks, the spine, fold lines (dashed) and cut lines (red).
 */
import type { ImpositionPlan } from './plan-types.js';
import type { Size as SheetSize } from '../util/lengths.js';
import { escapeHtml } from '../util/escape-html.js';

export interface SidePreview {
  /** 0-based sheet index. */
  sheet: number;
  face: 'front' | 'back';
  /** A file name stem such as `sheet-01-front`. */
  name: string;
  svg: string;
}

export interface PreviewOptions {
  /** Sheet size in points (already oriented); only its proportions matter. */
  sheet?: SheetSize;
  /** Width of the picture in pixels. */
  width?: number;
}

export function sheetSidePreview(plan: ImpositionPlan, options: PreviewOptions = {}): SidePreview[] {
  const { cols, rows } = plan.grid;
  const aspect = options.sheet ? options.sheet.height / options.sheet.width : (rows * Math.SQRT2) / cols;
  const width = options.width ?? 800;
  const height = Math.round(width * aspect);
  const cellW = width / cols;
  const cellH = height / rows;
  const fontSize = Math.round(Math.min(cellW, cellH) * 0.35);
  const previews: SidePreview[] = [];

  for (const sheet of plan.sheets) {
    for (const side of sheet.sides) {
      const parts: string[] = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" ` +
          `height="${height + 28}" viewBox="0 0 ${width} ${height + 28}">`,
        `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="#fff" stroke="#000"/>`,
      ];
      for (const cell of side.cells) {
        const x = cell.col * cellW;
        const y = cell.row * cellH;
        const label = cell.slot === null ? 'unused' : cell.page === null ? 'blank' : String(cell.page + 1);
        const fill = cell.slot === null ? '#eee' : cell.page === null ? '#f7f7f7' : '#fff';
        parts.push(
          `<rect x="${x + 4}" y="${y + 4}" width="${cellW - 8}" height="${cellH - 8}" fill="${fill}" stroke="#999"/>`,
        );
        // A bar on the spine edge shows which way each page is bound.
        const bar = 6;
        const spine = {
          left: [x + 4, y + 4, bar, cellH - 8],
          right: [x + cellW - 4 - bar, y + 4, bar, cellH - 8],
          top: [x + 4, y + 4, cellW - 8, bar],
          bottom: [x + 4, y + cellH - 4 - bar, cellW - 8, bar],
        }[cell.spineEdge];
        if (cell.slot !== null)
          parts.push(`<rect x="${spine[0]}" y="${spine[1]}" width="${spine[2]}" height="${spine[3]}" fill="#c8d8f0"/>`);
        const cx = x + cellW / 2;
        const cy = y + cellH / 2;
        const size = cell.page === null ? Math.round(fontSize / 2.5) : fontSize;
        parts.push(
          `<text x="${cx}" y="${cy}" font-family="sans-serif" font-size="${size}" ` +
            'text-anchor="middle" dominant-baseline="central"' +
            ` transform="rotate(${cell.rotation} ${cx} ${cy})" ` +
            `fill="${cell.page === null ? '#999' : '#000'}">${escapeHtml(label)}</text>`,
        );
        // An underline shows which way is up even for 6 and 9.
        if (cell.page !== null) {
          parts.push(
            `<line x1="${cx - size / 3}" y1="${cy + size * 0.6}" x2="${cx + size / 3}" ` +
              `y2="${cy + size * 0.6}" stroke="#000" stroke-width="2" ` +
              `transform="rotate(${cell.rotation} ${cx} ${cy})"/>`,
          );
        }
      }
      // Guides are given for the printed side; backs of duplex layouts share the front's fold and cut lines.
      for (const guide of plan.guides) {
        const [x1, y1] = [guide.from[0] * cellW, guide.from[1] * cellH];
        const [x2, y2] = [guide.to[0] * cellW, guide.to[1] * cellH];
        const style =
          guide.kind === 'cut'
            ? 'stroke="#d00" stroke-width="3"'
            : 'stroke="#06c" stroke-width="2" stroke-dasharray="8 6"';
        parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" ${style}/>`);
      }
      const flip = plan.duplex ? ` (flip on ${plan.flip} edge)` : '';
      const title =
        `sheet ${sheet.index + 1} ${side.face}${flip} · ${plan.layout}${plan.rtl ? ' rtl' : ''} · ` +
        'blue dashes fold, red cuts';
      parts.push(
        `<text x="4" y="${height + 20}" font-family="sans-serif" font-size="14">${escapeHtml(title)}</text>`,
        '</svg>',
      );
      previews.push({
        sheet: sheet.index,
        face: side.face,
        name: `sheet-${String(sheet.index + 1).padStart(2, '0')}-${side.face}`,
        svg: parts.join('\n'),
      });
    }
  }
  return previews;
}
