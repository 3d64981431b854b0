import type { ElementContent, Root } from 'hast';
import { toXast } from 'hast-util-to-xast';
import type { Nodes as XastNodes, Root as XastRoot } from 'xast';
import { toXml } from 'xast-util-to-xml';

/** HTML void elements: the only ones written as `<x/>`; an empty <span/> or <a/> confuses HTML-parsing readers. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

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
  selfCloseVoidElements(xast);
  return toXml(xast, { closeEmptyElements: false, allowDangerousXml: true });
}

/** xast-util-to-xml closes all empty elements or none: void ones are serialized alone, self-closed. */
function selfCloseVoidElements(node: XastNodes) {
  if (node.type !== 'root' && node.type !== 'element') return;
  node.children.forEach((child, i) => {
    if (child.type === 'element' && VOID.has(child.name) && child.children.length === 0) {
      node.children[i] = { type: 'raw', value: toXml(child, { closeEmptyElements: true }) } as never;
    } else {
      selfCloseVoidElements(child);
    }
  });
}
