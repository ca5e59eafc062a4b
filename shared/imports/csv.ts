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
  /** Read every character in the state machine (no plain-line fast path): for the test that holds the two to the same records. */
  charByChar?: boolean;
}

type State = 'start' | 'unquoted' | 'quoted' | 'quoteInQuoted';

/** Whole lines of a chunk with no quote, split at once: `next` is the next to read, starting at `at` in `text`. */
interface PlainRegion {
  text: string;
  at: number;
  lines: string[];
  next: number;
  /** The lines hold a CR (a CRLF's, or a lone one). */
  crs: boolean;
}

const DETECT_LIMIT = 64 * 1024;

export class CsvTokenizer {
  private delimiter: string | null;
  private readonly maxRecordChars: number;
  private readonly charByChar: boolean;
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
  /** The plain lines split by the fast path, while the character loop reads one of them. */
  private region: PlainRegion | null = null;

  constructor(options: CsvOptions = {}) {
    this.delimiter = options.delimiter ?? null;
    this.maxRecordChars = options.maxRecordChars ?? 1_000_000;
    this.charByChar = options.charByChar ?? false;
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
      if (!this.charByChar && this.atRecordStart()) {
        const next = this.plainLines(text, i, delimiter);
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
   * The fast path: from `start`, the whole lines before the chunk's next quote are split at once
   * (native split of the lines, then of each line on the delimiter); a line with a lone CR (a line
   * break of its own) or longer than maxRecordChars is left to the character loop, and the lines
   * after it are taken up again from the same split. Returns the index after the last line read, or
   * `start` when the line there is not plain — then the character loop reads it.
   */
  private plainLines(text: string, start: number, delimiter: string): number {
    let r = this.region;
    if (r === null || r.text !== text || r.at !== start) {
      r = this.regionAt(text, start);
      this.region = r;
      if (r === null) return start;
    }
    const { lines, crs } = r;
    let at = start;
    for (; r.next < lines.length; r.next++) {
      const raw = lines[r.next] as string;
      let line = raw;
      if (line.length >= this.maxRecordChars) break; // the character loop counts the line break too
      if (crs) {
        const cr = line.indexOf('\r');
        if (cr !== -1) {
          if (cr !== line.length - 1) break;
          line = line.slice(0, cr);
        }
      }
      if (!blank(line)) this.out.push({ line: this.line, fields: line.split(delimiter) });
      this.line++;
      at += raw.length + 1;
    }
    this.recordLine = this.line;
    // Stopped at a line the character loop reads: the split resumes after it, where the loop ends it.
    if (r.next < lines.length) {
      r.at = at + (lines[r.next] as string).length + 1;
      r.next++;
    } else this.region = null;
    return at;
  }

  /** The whole lines from `start` up to the chunk's next quote, split; null when there is none. */
  private regionAt(text: string, start: number): PlainRegion | null {
    if (text !== this.scanned) {
      this.scanned = text;
      this.quoteAt = -1;
      this.crAt = -1;
    }
    // The next quote / CR at or after `start`, found once per chunk and kept (no rescan per region).
    if (this.quoteAt < start) this.quoteAt = indexOrEnd(text, '"', start);
    const end = text.lastIndexOf('\n', this.quoteAt - 1);
    if (end < start) return null;
    if (this.crAt < start) this.crAt = indexOrEnd(text, '\r', start);
    return { text, at: start, lines: text.slice(start, end).split('\n'), next: 0, crs: this.crAt < end };
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
    // Blank: the line trims to '' (as the fast path reads it) — one empty cell, or tab-separated ones.
    const blank = !this.sawQuote && (this.fields.length === 1 || this.delimiter === '\t') && this.fields.every((f) => f.trim() === '');
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

/** line.trim() === '' (a printable ASCII first character answers at once). */
function blank(line: string): boolean {
  const c = line.charCodeAt(0);
  return !(c > 32 && c < 127) && line.trim() === '';
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
