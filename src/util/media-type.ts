import mime from 'mime';

/** The media type of a file by its name, as served to the browser or declared in the EPUB. */
export function mediaTypeOf(file: string): string {
  return mime.getType(file) ?? 'application/octet-stream';
}
