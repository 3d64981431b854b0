import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Implicit figures, as pandoc makes them: an image standing alone in its paragraph, with alt text
 * or a title, becomes a figure captioned with that text (the alt text first, as pandoc does). The
 * image keeps its alt text for readers that do not show images. Both editions get the figure.
 */
export function implicitFigures(tree: Root): void {
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.tagName !== 'p' || !parent || index === undefined) return;
    const content = el.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    const img = content[0];
    if (content.length !== 1 || img.type !== 'element' || img.tagName !== 'img') return;
    const caption = captionOf(img);
    if (!caption) return;
    const figcaption: Element = {
      type: 'element',
      tagName: 'figcaption',
      properties: {},
      children: [{ type: 'text', value: caption }],
    };
    const figure: Element = {
      type: 'element',
      tagName: 'figure',
      properties: {},
      position: el.position,
      children: [img as ElementContent, figcaption],
    };
    parent.children[index] = figure;
    return SKIP;
  });
}

function captionOf(img: Element): string {
  const alt = typeof img.properties.alt === 'string' ? img.properties.alt.trim() : '';
  const title = typeof img.properties.title === 'string' ? img.properties.title.trim() : '';
  return alt || title;
}
