// Stands in for zod's index of translated error messages inside the bundle: pamphleteer writes its
// own messages and never switches zod's language, so only English (zod's default) is kept. The other
// 40-odd languages were a third of the code every command compiled at start-up.
export { default as en } from '../../node_modules/zod/v4/locales/en.js';
