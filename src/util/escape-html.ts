import ejs from 'ejs';

/**
 * Text made safe to stand in HTML, SVG or XML, as element content or inside a quoted attribute:
 * `& < > " '` become character references. It is EJS's own escape, the one every template's
 * `<%= %>` applies, so markup written in code and markup from templates escape alike.
 */
export function escapeHtml(text: string): string {
  return ejs.escapeXML(text);
}
