import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { type CsvRecord, CsvTokenizer, detectDelimiter } from '../../../shared/imports/csv.js';

function tokenize(text: string, cuts: number[] = [], maxRecordChars?: number, charByChar = false): CsvRecord[] {
  const t = new CsvTokenizer({ ...(maxRecordChars ? { maxRecordChars } : {}), charByChar });
  const out: CsvRecord[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...t.push(text.slice(start, cut)));
    start = cut;
  }
  out.push(...t.push(text.slice(start)));
  out.push(...t.end());
  return out;
}

describe('CsvTokenizer', () => {
  it('reads quoted commas, doubled quotes, embedded line breaks, CRLF, lone CR and no final newline', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",3\r\n"two\r\nlines",,\rlast,row,"end"';
    expect(tokenize(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', '3'] },
      { line: 3, fields: ['two\r\nlines', '', ''] },
      { line: 5, fields: ['last', 'row', 'end'] },
    ]);
  });

  it('skips blank lines but keeps their line numbers', () => {
    expect(tokenize('h\n\n\r\n  \nv\n\n')).toEqual([
      { line: 1, fields: ['h'] },
      { line: 5, fields: ['v'] },
    ]);
    expect(tokenize('h\n""\n')).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, fields: [''] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries (property)', () => {
    const text = 'id,name,note\r\n1,"Zoë, ""the"" admin","multi\r\nline"\r\n2,plain,"a""b"\n3,,\r\n';
    const whole = tokenize(text);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
        expect(tokenize(text, cuts)).toEqual(whole);
      }),
    );
  });

  it('detects semicolon and tab delimiters from the header', () => {
    expect(detectDelimiter('a;b;"c,d"\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a,b;c')).toBe(',');
    expect(tokenize('a;b\n"1;5";2\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1;5', '2'] },
    ]);
  });

  it('reports a quote never closed, and an over-long record without buffering the rest', () => {
    expect(tokenize('a,b\n1,"open\n2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], error: expect.stringMatching(/unterminated quoted field/) },
    ]);
    const records = tokenize(`a,b\n1,"${'x'.repeat(50)}\n2,3\n`, [], 20);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], error: expect.stringMatching(/longer than 20/) },
      { line: 3, fields: ['2', '3'] },
    ]);
  });

  it('is lenient about stray quotes', () => {
    expect(tokenize('a,b\n5" screen,"x"y\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['5" screen', 'xy'] },
    ]);
  });

  it('reads the same records through its plain-line fast path as character by character (property)', () => {
    // Lines of cells, quotes, CRLF, lone CRs, blank and whitespace lines, long lines, any chunk boundaries.
    const piece = fc.constantFrom('a', 'bc', 'Zoë', ',', ';', '\t', ' ', '"', '""', '\n', '\r\n', '\r', '\n\n', '  \n', 'x'.repeat(30));
    const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(undefined, 8, 25), (t, cuts, max) => {
        const at = cuts.map((c) => c % (t.length + 1));
        expect(tokenize(t, at, max)).toEqual(tokenize(t, at, max, true));
      }),
      { numRuns: 3000 },
    );
  });
});
