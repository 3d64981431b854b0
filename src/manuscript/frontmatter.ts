import { z } from 'zod';
import { LABEL_KEYS, type LabelKey } from '../templates/labels.js';

const text = z.string().trim().min(1, 'must not be empty');
/** YAML reads `date: 2020` as a number and `date: 2020-06-01` as a date: accept both, keep the text. */
const dateText = z
  .union([z.string(), z.number(), z.date()])
  .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d)))
  .refine((d) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d), 'must be a date written as YYYY, YYYY-MM or YYYY-MM-DD');

/** `labels:`: a label's name and its text (placeholders such as {author} filled in where the label takes them). */
export const labelsSchema = z
  .object(
    Object.fromEntries(Object.keys(LABEL_KEYS).map((key) => [key, text.optional()])) as Record<
      LabelKey,
      z.ZodOptional<typeof text>
    >,
  )
  .strict();

/** The book's metadata as written in the first manuscript file's YAML front matter. */
export const frontMatterSchema = z
  .object({
    title: text,
    subtitle: text.optional(),
    author: z.union([text, z.array(text).min(1)]).optional(),
    'author-file-as': text.optional(),
    lang: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as "en", "fr" or "pt-BR"')
      .default('en'),
    /** Writing direction, when it is not the language's own (see src/language). */
    dir: z.enum(['ltr', 'rtl']).optional(),
    date: dateText.optional(),
    publisher: text.optional(),
    source: text.optional(),
    rights: text.optional(),
    description: text.optional(),
    keywords: z.union([text, z.array(text)]).optional(),
    identifier: text.optional(),
    /** Cover image, relative to the manuscript file. */
    cover: text.optional(),
    /** "About the author", shown as back matter: plain text (not Markdown); a blank line starts a paragraph. */
    about: text.optional(),
    /** The book's own labels over its language's ("contents", "by"…: src/templates/labels.ts). */
    labels: labelsSchema.optional(),
  })
  .strict();

export type FrontMatter = z.output<typeof frontMatterSchema>;
