/**
 * Paged.js appends this where it must break a word across pages (rare: the widow/orphan handler
 * moves such breaks before the word). Its default, U+2011, is missing from EB Garamond and would be
 * drawn from a system font; a plain hyphen comes from the bundled face.
 */
export const HYPHEN_GLYPH = '-';
