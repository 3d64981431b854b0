/**
 * The small part of Paged.js 0.4.3's API that pamphleteer's page handlers use (window.Paged, from
 * pagedjs/dist/paged.js). Hook names and arguments are those of Paged.js's chunker and layout.
 */

/** The layout of one page's content (Paged.js's Layout), as passed to onOverflow and renderNode. */
export interface PagedLayout {
  /** Column gap in px: content past the page flows on in further columns to the right. */
  gap?: number;
  /** The page's content box, as the overflow is measured against it. */
  bounds?: DOMRect;
  /** Where the rendered content overflows the page, if it does. */
  findOverflow?(rendered: Element, bounds?: DOMRect): Range | undefined;
  /** The break token (a place in the source) of an overflow range; `source` is the source's root. */
  createBreakToken?(overflow: Range, rendered: Element, source: Node): unknown;
  hooks?: { onOverflow?: { triggerSync(...args: unknown[]): (Range | undefined)[] } };
}

/** A page being laid out (Paged.js's Page). */
export interface PagedPage {
  element: HTMLElement;
}

/** Paged.js's Chunker, as far as the handlers read it. */
export interface PagedChunker {
  total?: number;
}

/** The hooks a handler may implement; Paged.js calls every registered handler's hook in registration order. */
export interface PagedHooks {
  /** A node was rendered on the page (after Paged.js's own handlers, e.g. footnotes, saw it). */
  renderNode?(node: Node, sourceNode: Node, layout: PagedLayout): Node | undefined | void;
  /** Paged.js found where the page overflows; returning another range moves the page break. */
  onOverflow?(overflow: Range | undefined, rendered: Element, bounds: DOMRect, layout: PagedLayout): Range | undefined;
  /**
   * The page break is chosen (after every onOverflow): returning another token moves it; `overflow`
   * is the range Paged.js then removes from the page.
   */
  onBreakToken?(
    token: { node?: Node } | undefined,
    overflow: Range | undefined,
    rendered: Element,
    layout: PagedLayout,
  ): unknown;
  /** The page's content is laid out (before any afterPageLayout): `wrapper` holds it. */
  beforeRenderResult?(breakToken: unknown, wrapper: Element): void;
  beforePageLayout?(page: PagedPage, contents: unknown, breakToken: unknown, chunker: PagedChunker): void;
  afterPageLayout?(pageElement: HTMLElement, page: PagedPage, breakToken: unknown, chunker: PagedChunker): void;
  afterRendered?(pages: PagedPage[], chunker: PagedChunker): void;
}

export interface PagedHandler extends PagedHooks {
  chunker: PagedChunker;
}

export type PagedHandlerClass = new (chunker: unknown, polisher: unknown, caller: unknown) => PagedHandler;

/** Settings read by Paged.js's layout. */
export interface PagedSettings {
  /** Appended where Paged.js breaks a word across pages (default U+2011, a glyph many fonts lack). */
  hyphenGlyph?: string;
}

export interface PagedFlow {
  total: number;
}

export interface PagedPreviewer {
  chunker?: PagedChunker;
  on(event: 'page', listener: () => void): void;
  preview(): Promise<PagedFlow>;
}

export interface PagedApi {
  Handler: PagedHandlerClass;
  Previewer: new (settings?: PagedSettings) => PagedPreviewer;
  registerHandlers(...handlers: PagedHandlerClass[]): void;
}

declare global {
  interface Window {
    Paged: PagedApi;
    /** Exposed by renderPrint when it reports progress. */
    pamphleteerProgress?: (pagesLaidOut: number) => void;
  }
}
