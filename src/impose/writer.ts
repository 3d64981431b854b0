/**
 * Draws a plan with pdf-lib, reusing the input document in place: every input
 * page becomes one form XObject (its content stream bytes are reused as they
 * are, never decoded or re-compressed when there is one stream), the old page
 * tree is replaced by the imposed sheets, and whatever is no longer reachable
 * (old page dicts, outlines, structure tree) is dropped before saving. This is
 * what keeps vector content and fonts intact and makes imposing cheaper than
 * copying pages into a new document.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFRef,
  PDFStream,
  decodePDFRawStream,
} from './pdf-lib.js';
import type { PDFContext, PDFDocument, PDFObject } from './pdf-lib.js';
import { MARK_MARGIN, cellRect, guideSegment, placePage, sheetLayout } from './geometry.js';
import type { Matrix, Rect, SheetLayout } from './geometry.js';
import type { Edge, ImpositionPlan } from './plan-types.js';
import type { SourcePage } from './source.js';
import type { Size as SheetSize } from '../util/lengths.js';

export interface WriteOptions {
  /** The sheet, already turned to the plan's orientation. */
  sheet: SheetSize;
  marks: boolean;
  gutter: boolean;
  /** Paper thickness in points. */
  creep: number;
  useObjectStreams: boolean;
}

const name = (n: string) => PDFName.of(n);

/** Catalog entries that point into the old pages and mean nothing for an imposed sheet. */
const CATALOG_ENTRIES_TO_DROP = [
  'Outlines',
  'StructTreeRoot',
  'MarkInfo',
  'Dests',
  'PageLabels',
  'OpenAction',
  'AcroForm',
  'Threads',
  'Names',
  'PageMode',
  'PageLayout',
  'AA',
  'Collection',
  'Legal',
  'Perms',
];

function concatenate(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length + 1, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
    out[offset++] = 0x0a; // streams of one page may split anywhere between tokens
  }
  return out;
}

function decodedBytes(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
}

/** Turns one input page into a form XObject and registers it. */
function pageAsForm(context: PDFContext, page: SourcePage, registeredResources: Map<PDFDict, PDFRef>): PDFRef {
  const { left, bottom, right, top } = page.visibleBox;
  const entries: Record<string, PDFObject> = {
    Type: name('XObject'),
    Subtype: name('Form'),
    BBox: context.obj([left, bottom, right, top]),
    // A direct resources dict would be written inside the stream dict, where
    // object streams cannot compress it; as its own object it can be.
    Resources:
      page.resources instanceof PDFDict
        ? registerOnce(context, page.resources, registeredResources)
        : (page.resources ?? context.obj({})),
  };
  if (page.group) entries.Group = page.group;
  const dict = PDFDict.withContext(context);
  for (const [key, value] of Object.entries(entries)) dict.set(name(key), value);

  const [only] = page.contents;
  if (page.contents.length === 1 && only instanceof PDFRawStream) {
    // Same bytes, same filters: a form XObject stream takes exactly what a page content stream does.
    const filter = only.dict.get(name('Filter'));
    const parms = only.dict.get(name('DecodeParms'));
    if (filter) dict.set(name('Filter'), filter);
    if (parms) dict.set(name('DecodeParms'), parms);
    return context.register(PDFRawStream.of(dict, only.contents));
  }
  // Several content streams (or none): join them decoded; rare enough that re-compressing is fine.
  const joined = concatenate(page.contents.map(decodedBytes));
  const stream = context.flateStream(joined);
  for (const [key, value] of stream.dict.entries()) dict.set(key, value);
  return context.register(PDFRawStream.of(dict, stream.contents));
}

/** Pages inheriting one direct resources dict must keep sharing one object. */
function registerOnce(context: PDFContext, dict: PDFDict, registered: Map<PDFDict, PDFRef>): PDFRef {
  let ref = registered.get(dict);
  if (!ref) {
    ref = context.register(dict);
    registered.set(dict, ref);
  }
  return ref;
}

/**
 * One form per input page; pages that are the same drawing (same content
 * streams, resources, box and group — as when a PDF repeats a page) share one
 * form, so shared content is still written once.
 */
function formsForPages(
  context: PDFContext,
  sources: SourcePage[],
  registeredResources: Map<PDFDict, PDFRef>,
): PDFRef[] {
  const formsByFirstStream = new Map<PDFStream, { page: SourcePage; ref: PDFRef }[]>();
  const sameBox = (a: SourcePage['visibleBox'], b: SourcePage['visibleBox']) =>
    a.left === b.left && a.bottom === b.bottom && a.right === b.right && a.top === b.top;
  const sameDrawing = (a: SourcePage, b: SourcePage) =>
    a.contents.length === b.contents.length &&
    a.contents.every((stream, i) => stream === b.contents[i]) &&
    a.resources === b.resources &&
    a.group === b.group &&
    sameBox(a.visibleBox, b.visibleBox);
  return sources.map((page) => {
    const first = page.contents[0];
    const candidates = first ? (formsByFirstStream.get(first) ?? []) : [];
    const existing = candidates.find((candidate) => sameDrawing(candidate.page, page));
    if (existing) return existing.ref;
    const ref = pageAsForm(context, page, registeredResources);
    if (first) formsByFirstStream.set(first, [...candidates, { page, ref }]);
    return ref;
  });
}

const fmt = (n: number) => (Math.abs(n) < 1e-6 ? '0' : String(Math.round(n * 1000) / 1000));
const matrixText = (m: Matrix) => m.map(fmt).join(' ');

class ContentBuilder {
  private readonly parts: string[] = [];
  add(line: string) {
    this.parts.push(line);
  }
  line(from: [number, number], to: [number, number]) {
    this.parts.push(`${fmt(from[0])} ${fmt(from[1])} m ${fmt(to[0])} ${fmt(to[1])} l S`);
  }
  toString() {
    return this.parts.join('\n');
  }
}

const OUTWARD: Record<Edge, [number, number]> = { left: [-1, 0], right: [1, 0], top: [0, 1], bottom: [0, -1] };

/** Ticks just outside the page area where folds and cuts meet the sheet margin. */
function drawGuideMarks(out: ContentBuilder, plan: ImpositionPlan, layout: SheetLayout) {
  const { area } = layout;
  const onBoundary = ([x, y]: [number, number]): Edge | null => {
    const eps = 0.01;
    if (Math.abs(x - area.x) < eps) return 'left';
    if (Math.abs(x - (area.x + area.width)) < eps) return 'right';
    if (Math.abs(y - area.y) < eps) return 'bottom';
    if (Math.abs(y - (area.y + area.height)) < eps) return 'top';
    return null;
  };
  for (const guide of plan.guides) {
    const { from, to } = guideSegment(layout, guide);
    out.add(guide.kind === 'fold' ? '[3 2] 0 d' : '[] 0 d');
    let interior = true;
    for (const point of [from, to]) {
      const edge = onBoundary(point);
      if (!edge) continue;
      interior = false;
      const [dx, dy] = OUTWARD[edge];
      out.line(
        [point[0] + dx * 2, point[1] + dy * 2],
        [point[0] + dx * (MARK_MARGIN - 3), point[1] + dy * (MARK_MARGIN - 3)],
      );
    }
    // A cut inside the sheet (the mini-zine slit) is drawn along its length.
    if (interior && guide.kind === 'cut') {
      out.add('[4 3] 0 d 0.5 G');
      out.line(from, to);
      out.add('0 G');
    }
  }
  out.add('[] 0 d');
}

/** Crop marks at the trim corners, only where the cell or sheet margin leaves room and never across the spine. */
function drawCropMarks(out: ContentBuilder, rect: Rect, cell: Rect, layout: SheetLayout, spineEdge: Edge) {
  const { area, sheet } = layout;
  const room: Record<Edge, number> = {
    left: rect.x - (Math.abs(cell.x - area.x) < 0.01 ? 0 : cell.x),
    right:
      (Math.abs(cell.x + cell.width - (area.x + area.width)) < 0.01 ? sheet.width : cell.x + cell.width) -
      (rect.x + rect.width),
    bottom: rect.y - (Math.abs(cell.y - area.y) < 0.01 ? 0 : cell.y),
    top:
      (Math.abs(cell.y + cell.height - (area.y + area.height)) < 0.01 ? sheet.height : cell.y + cell.height) -
      (rect.y + rect.height),
  };
  const xs: [number, Edge][] = [
    [rect.x, 'left'],
    [rect.x + rect.width, 'right'],
  ];
  const ys: [number, Edge][] = [
    [rect.y, 'bottom'],
    [rect.y + rect.height, 'top'],
  ];
  for (const [x, xEdge] of xs) {
    for (const [y, yEdge] of ys) {
      for (const edge of [xEdge, yEdge]) {
        if (edge === spineEdge || room[edge] < 6) continue;
        const [dx, dy] = OUTWARD[edge];
        const length = Math.min(14, room[edge] - 3);
        out.line([x + dx * 3, y + dy * 3], [x + dx * (3 + length), y + dy * (3 + length)]);
      }
    }
  }
}

/** Marks every indirect object reachable from the trailer; the rest is deleted before saving. */
function dropUnreachableObjects(context: PDFContext) {
  const reachable = new Set<PDFRef>();
  const pending: (PDFObject | undefined)[] = [context.trailerInfo.Root, context.trailerInfo.Info];
  while (pending.length > 0) {
    const object = pending.pop();
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      pending.push(context.lookup(object));
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) pending.push(value);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) context.delete(ref);
  }
}

export interface WriteResult {
  bytes: Uint8Array;
  sides: number;
}

export async function writeImposition(
  doc: PDFDocument,
  sources: SourcePage[],
  plan: ImpositionPlan,
  options: WriteOptions,
): Promise<WriteResult> {
  const { context, catalog } = doc;
  const layout = sheetLayout(plan, options.sheet, options.marks);

  // One form per input page, however many times (zero or more) the plan draws it.
  const registeredResources = new Map<PDFDict, PDFRef>();
  const forms = formsForPages(context, sources, registeredResources);

  for (const entry of CATALOG_ENTRIES_TO_DROP) catalog.delete(name(entry));
  const pageTree = PDFPageTree.withContext(context);
  const pageTreeRef = context.register(pageTree);
  catalog.set(name('Pages'), pageTreeRef);

  let sides = 0;
  for (const sheet of plan.sheets) {
    for (const side of sheet.sides) {
      const out = new ContentBuilder();
      const xObjects = PDFDict.withContext(context);
      for (const cell of side.cells) {
        if (cell.page === null) continue;
        const source = sources[cell.page];
        const box = cellRect(layout, cell);
        const placement = placePage(cell, box, source, options);
        const formName = `P${cell.page + 1}`;
        xObjects.set(name(formName), forms[cell.page]);
        // Clip to the cell so bleed or creep never spills onto the next page.
        out.add(
          `q ${fmt(box.x)} ${fmt(box.y)} ${fmt(box.width)} ${fmt(box.height)} re W ` +
            `n ${matrixText(placement.matrix)} cm /${formName} Do Q`,
        );
        if (options.marks && source.hasTrimBox) {
          out.add('q 0.25 w 0 G');
          drawCropMarks(out, placement.rect, box, layout, cell.spineEdge);
          out.add('Q');
        }
      }
      if (options.marks) {
        out.add('q 0.4 w 0 G');
        drawGuideMarks(out, plan, layout);
        out.add('Q');
      }
      const contentRef = context.register(context.stream(out.toString()));
      const leaf = PDFPageLeaf.withContextAndParent(context, pageTreeRef);
      leaf.set(name('MediaBox'), context.obj([0, 0, options.sheet.width, options.sheet.height]));
      leaf.set(name('Resources'), context.obj({ XObject: xObjects }));
      leaf.set(name('Contents'), contentRef);
      pageTree.pushLeafNode(context.register(leaf));
      sides++;
    }
  }

  dropUnreachableObjects(context);
  const bytes = await doc.save({
    useObjectStreams: options.useObjectStreams,
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
  });
  return { bytes, sides };
}
