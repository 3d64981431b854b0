/**
 * C0 controls other than tab and line breaks, U+FFFE, U+FFFF and unpaired surrogates are not XML 1.0
 * characters, even escaped: one in a title would make every XML file that shows it unreadable. DEL
 * (U+007F) is allowed but discouraged, and prints nothing either. (Front matter's YAML can write all
 * of them, as "\x01".)
 */
const NOT_XML_CHARACTERS = new RegExp(
  [
    // C0 controls (but tab and line breaks), DEL, U+FFFE and U+FFFF.
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uFFFE\\uFFFF]',
    // A high surrogate without its low half, then a low surrogate without its high half.
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
  'g',
);

/** The text without the characters XML cannot hold. */
export function withoutNonXmlCharacters(text: string): string {
  return text.replace(NOT_XML_CHARACTERS, '');
}
