/**
 * Headings break at their punctuation: "Convergence into Populism: / From Mass Movement", not
 * "…Populism: From / Mass Movement". Each clause of a heading (after a colon, semicolon or full
 * stop, before a dash) becomes an inline block (CLASS.headingClause, print.css): the heading breaks
 * between clauses first, and inside a clause only when the clause is wider than the line. Lines
 * stay balanced (`text-wrap: balance`), within a clause too.
 */
import { CLASS, HEADINGS } from './contract.js';

/**
 * Where a clause ends in a heading's text: after ": ", "; ", "? ", "! ", a full stop after a word of
 * three letters or more (not "Dr." or "U.S."), or before " – ", " — ".
 */
const CLAUSE_END = /(?<=(?:[:;?!]|\p{L}{3}\.)\s+)(?=\S)|(?<=\S)(?=\s+[–—]\s)/gu;

export function breakHeadingsAtClauses(root: Element): void {
  for (const heading of Array.from(root.querySelectorAll<HTMLElement>(HEADINGS))) {
    // Only clause ends in the heading's own text (not inside its emphasis or links).
    const cuts: { node: Text; offset: number }[] = [];
    for (const child of Array.from(heading.childNodes)) {
      if (child.nodeType !== Node.TEXT_NODE) continue;
      const data = (child as Text).data;
      for (const m of data.matchAll(CLAUSE_END))
        if (m.index > 0 && m.index < data.length) cuts.push({ node: child as Text, offset: m.index });
    }
    if (cuts.length === 0) continue;
    // From the last cut to the first, so earlier offsets stay valid: split the text there.
    const starts: Node[] = [];
    for (let i = cuts.length - 1; i >= 0; i--) starts.unshift(cuts[i].node.splitText(cuts[i].offset));
    // Group the heading's children into clauses, each starting at a cut.
    const clauses: Node[][] = [[]];
    for (const child of Array.from(heading.childNodes)) {
      if (starts.includes(child) && clauses[clauses.length - 1].length > 0) clauses.push([]);
      clauses[clauses.length - 1].push(child);
    }
    for (const nodes of clauses) {
      // The space between clauses stays outside them: the heading may break there.
      const first = nodes[0];
      if (first.nodeType === Node.TEXT_NODE) {
        const lead = /^\s+/.exec((first as Text).data);
        if (lead && lead[0].length < (first as Text).data.length) nodes[0] = (first as Text).splitText(lead[0].length);
      }
      const last = nodes[nodes.length - 1];
      if (last.nodeType === Node.TEXT_NODE) {
        const trail = /\s+$/.exec((last as Text).data);
        if (trail && trail.index > 0) (last as Text).splitText(trail.index);
      }
      const clause = document.createElement('span');
      clause.className = CLASS.headingClause;
      nodes[0].parentNode!.insertBefore(clause, nodes[0]);
      for (const node of nodes) clause.appendChild(node);
    }
  }
}
