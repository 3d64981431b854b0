/**
 * What an imported document may hold. A stranger's file is refused at these, with a message naming
 * the limit, before it can fill the memory or the disk: far above any real pamphlet.
 */
export const IMPORT_LIMITS = {
  /** The size of one input file, as given. */
  inputBytes: 50 * 1024 * 1024,
  /** Entries in a .docx (a zip archive): Word writes a few dozen. */
  zipEntries: 5_000,
  /** One entry of a .docx, inflated. */
  zipEntryBytes: 100 * 1024 * 1024,
  /** Every entry of a .docx together, inflated. */
  zipTotalBytes: 250 * 1024 * 1024,
  /** One image's pixels (width × height), read from its header before anything decodes it. */
  imagePixels: 50_000_000,
} as const;

/** A size in the units a person reads: "12.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}
