// Bytes → text, incrementally. TextDecoder in streaming mode keeps a multibyte UTF-8 character that
// is split across chunks until its last byte arrives, and drops a leading byte-order mark.
import type { Readable } from 'node:stream';

/** A Node stream (e.g. a blob download), any async iterable of chunks, or an array of chunks. */
export type ExportSource = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string> | Readable;

export async function* decodeText(source: ExportSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8'); // not fatal: a stray byte becomes U+FFFD, not a dead file
  let first = true;
  for await (const chunk of source as AsyncIterable<Buffer | Uint8Array | string>) {
    // (for await also walks a plain Iterable)
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      // String chunks bypass the decoder, so strip their BOM here.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
