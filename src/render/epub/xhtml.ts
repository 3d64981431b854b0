import type { ElementContent, Root } from 'hast';
import { toXast } from 'hast-util-to-xast';
import type { Element as XastElement, Nodes as XastNodes, Root as XastRoot } from 'xast';
import { toXml } from 'xast-util-to-xml';

/** HTML void elements: the only ones written as `<x/>`; an empty <span/> or <a/> confuses HTML-parsing readers. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Serializes hast as an XHTML fragment for a document whose template already declares the XHTML
 * namespace on <html>. hast-util-to-html writes HTML (bare boolean attributes) that is not always
 * well-formed XML; hast-util-to-xast maps properties to XML attributes properly.
 */
export function toXhtml(nodes: Root | ElementContent[]): string {
  const root: Root = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes;
  const xast = toXast(root) as XastRoot;
  // toXast repeats xmlns on every top-level element of a fragment; the template's <html> has it.
  for (const child of xast.children) if (child.type === 'element') delete child.attributes.xmlns;
  keepEmptyElementsOpen(xast);
  return toXml(xast, { closeEmptyElements: true });
}

function keepEmptyElementsOpen(node: XastNodes) {
  if (node.type !== 'root' && node.type !== 'element') return;
  if (node.type === 'element' && node.children.length === 0 && !VOID.has((node as XastElement).name)) {
    node.children.push({ type: 'text', value: '' });
  }
  for (const child of node.children) keepEmptyElementsOpen(child);
}
