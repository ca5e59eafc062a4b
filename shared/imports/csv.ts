// A small incremental CSV tokenizer (RFC 4180 plus what other tools write): fields separated by the
// delimiter, optionally quoted with "" for a quote inside; records end at LF, CRLF or a lone CR;
// quoted fields may hold delimiters and line breaks. Text is pushed in chunks of any size — a chunk
// may end mid-field, mid-quote or between CR and LF — and complete records come out with the
// physical line they started on (line 1 is the header). Blank lines are skipped.
//
// The delimiter is detected from the header line (comma, semicolon or tab — whichever occurs most
// outside quotes; comma on a tie), because spreadsheet exports in some locales use semicolons.
//
// Lenient where it costs nothing: a quote inside an unquoted field is kept as text, text after a
// closing quote is appended. A record longer than maxRecordChars (usually a quote never closed) is
// reported as an error and skipped up to the next line break, so one bad row cannot swallow memory.

export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record could not be read; fields are then empty. */
  error?: string;
}

export interface CsvOptions {
  delimiter?: ',' | ';' | '\t';
  maxRecordChars?: number;
}

type State = 'start' | 'unquoted' | 'quoted' | 'quoteInQuoted';

const DETECT_LIMIT = 64 * 1024;

export class CsvTokenizer {
  private delimiter: string | null;
  private readonly maxRecordChars: number;
  private pending = '';
  private state: State = 'start';
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private afterCR = false;
  private sawQuote = false;
  private recordChars = 0;
  private skipping = false;
  private out: CsvRecord[] = [];
  private scanned = '';
  private quoteAt = -1;
  private crAt = -1;

  constructor(options: CsvOptions = {}) {
    this.delimiter = options.delimiter ?? null;
    this.maxRecordChars = options.maxRecordChars ?? 1_000_000;
  }

  /** Feeds text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    if (this.delimiter === null) {
      this.pending += text;
      if (!/[\r\n]/.test(this.pending) && this.pending.length < DETECT_LIMIT) return [];
      this.delimiter = detectDelimiter(this.pending);
      text = this.pending;
      this.pending = '';
    }
    this.consume(text);
    return this.take();
  }

  /** Ends the input; returns the last record (or an error for a quote left open). */
  end(): CsvRecord[] {
    if (this.delimiter === null) {
      this.delimiter = detectDelimiter(this.pending);
      const text = this.pending;
      this.pending = '';
      this.consume(text);
    }
    if (this.skipping) {
      this.skipping = false;
    } else if (this.state === 'quoted') {
      this.out.push({
        line: this.recordLine,
        fields: [],
        error: `unterminated quoted field (the quote opened on line ${this.quoteLine} is never closed)`,
      });
    } else if (this.state !== 'start' || this.fields.length > 0 || this.field !== '') {
      this.endRecord();
    }
    this.resetRecord();
    return this.take();
  }

  private take(): CsvRecord[] {
    const records = this.out;
    this.out = [];
    return records;
  }

  private consume(text: string): void {
    const delimiter = this.delimiter ?? ',';
    for (let i = 0; i < text.length; i++) {
      if (this.atRecordStart()) {
        const next = this.plainLine(text, i, delimiter);
        if (next !== i) {
          i = next - 1;
          continue;
        }
      }
      const c = text[i] as string;
      if (this.afterCR) {
        this.afterCR = false;
        if (c === '\n') {
          // The LF of a CRLF: the line was already counted at the CR.
          if (this.state === 'quoted') this.field += c;
          continue;
        }
      }
      if (!this.skipping && ++this.recordChars > this.maxRecordChars) {
        this.out.push({
          line: this.recordLine,
          fields: [],
          error: `record longer than ${this.maxRecordChars} characters (a quote never closed?); skipped to the next line`,
        });
        this.skipping = true;
      }
      if (this.skipping) {
        // Skipping a record too long to keep: the next line break starts a fresh one.
        if (c === '\n' || c === '\r') {
          this.newline(c);
          this.skipping = false;
          this.resetRecord();
        }
        continue;
      }
      switch (this.state) {
        case 'quoted':
          if (c === '"') this.state = 'quoteInQuoted';
          else {
            this.field += c;
            if (c === '\n' || c === '\r') this.newline(c);
          }
          break;
        case 'quoteInQuoted':
          // "" is a quote; anything else closed the quoted part and is read as outside quotes.
          if (c === '"') {
            this.field += '"';
            this.state = 'quoted';
          } else this.outsideQuotes(c, delimiter);
          break;
        case 'start':
          if (c === '"') {
            this.state = 'quoted';
            this.sawQuote = true;
            this.quoteLine = this.line;
          } else this.outsideQuotes(c, delimiter);
          break;
        case 'unquoted':
          this.outsideQuotes(c, delimiter);
          break;
      }
    }
  }

  private atRecordStart(): boolean {
    return this.state === 'start' && !this.afterCR && !this.skipping && this.field === '' && this.fields.length === 0;
  }

  /**
   * The fast path: a whole line from `start` with no quote and no lone CR is one record, split on the
   * delimiter. Returns the index after its line break, or `start` when the line is not plain (or not
   * complete in this chunk) and the character loop must read it.
   */
  private plainLine(text: string, start: number, delimiter: string): number {
    const nl = text.indexOf('\n', start);
    if (nl === -1 || nl - start > this.maxRecordChars) return start;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (text !== this.scanned) {
      this.scanned = text;
      this.quoteAt = -1;
      this.crAt = -1;
    }
    // Next quote / CR at or after `start`, found once per chunk and kept (no rescan per line).
    if (this.quoteAt < start) this.quoteAt = indexOrEnd(text, '"', start);
    if (this.quoteAt < end) return start;
    if (this.crAt < start) this.crAt = indexOrEnd(text, '\r', start);
    if (this.crAt < end) return start;
    const line = text.slice(start, end);
    if (line.trim() !== '') this.out.push({ line: this.line, fields: line.split(delimiter) });
    this.line++;
    this.recordLine = this.line;
    return nl + 1;
  }

  /** A character outside quotes: ends the field or the record, or is text of the field. */
  private outsideQuotes(c: string, delimiter: string): void {
    if (c === delimiter) this.endField();
    else if (c === '\n' || c === '\r') {
      this.endRecord();
      this.newline(c);
      this.recordLine = this.line;
    } else {
      this.field += c;
      this.state = 'unquoted';
    }
  }

  private newline(c: string): void {
    this.line++;
    if (c === '\r') this.afterCR = true;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'start';
  }

  private endRecord(): void {
    this.fields.push(this.field);
    const blank = !this.sawQuote && this.fields.length === 1 && (this.fields[0] ?? '').trim() === '';
    if (!blank) this.out.push({ line: this.recordLine, fields: this.fields });
    this.resetRecord();
  }

  private resetRecord(): void {
    this.fields = [];
    this.field = '';
    this.state = 'start';
    this.sawQuote = false;
    this.recordChars = 0;
    this.recordLine = this.line;
  }
}

function indexOrEnd(text: string, c: string, from: number): number {
  const at = text.indexOf(c, from);
  return at === -1 ? text.length : at;
}

/** Picks the delimiter of the first line: the most frequent of , ; TAB outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}
