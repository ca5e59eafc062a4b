import { parseExportStream, type ParseItem, type ParseOptions } from '../../../shared/imports/parse.js';

/** Splits bytes at the given offsets (so chunks end mid-row, mid-quote, mid-CRLF, mid-character). */
export async function* chunksOf(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let start = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

export async function collect(source: Parameters<typeof parseExportStream>[0], options: ParseOptions): Promise<ParseItem[]> {
  const items: ParseItem[] = [];
  for await (const item of parseExportStream(source, options)) items.push(item);
  return items;
}

export const errorsOf = (items: ParseItem[]) =>
  items
    .filter((i): i is Extract<ParseItem, { error: string }> => 'error' in i)
    .map((e) => ({ line: e.line, column: e.column, error: e.error }));
export const changesOf = (items: ParseItem[]) =>
  items.filter((i): i is Extract<ParseItem, { change: unknown }> => 'change' in i).map((i) => ({ line: i.line, ...i.change }));
