// Incremental line splitting for NDJSON: LF or CRLF line ends, blank lines skipped, physical line
// numbers kept. A line longer than maxLineChars is reported and skipped instead of buffered.

export interface TextLine {
  line: number;
  text: string;
  error?: string;
}

export class LineSplitter {
  private buffer = '';
  private line = 1;
  private skipping = false;
  private readonly maxLineChars: number;

  constructor(maxLineChars = 1_000_000) {
    this.maxLineChars = maxLineChars;
  }

  push(text: string): TextLine[] {
    const out: TextLine[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (this.skipping) this.skipping = false;
      else this.emit(this.buffer + piece, out);
      this.buffer = '';
      this.line++;
    }
    if (!this.skipping) {
      this.buffer += text.slice(start);
      if (this.buffer.length > this.maxLineChars) {
        out.push({ line: this.line, text: '', error: `line longer than ${this.maxLineChars} characters; skipped` });
        this.buffer = '';
        this.skipping = true;
      }
    }
    return out;
  }

  end(): TextLine[] {
    const out: TextLine[] = [];
    if (!this.skipping) this.emit(this.buffer, out);
    this.buffer = '';
    this.skipping = false;
    return out;
  }

  private emit(raw: string, out: TextLine[]): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') out.push({ line: this.line, text });
  }
}
