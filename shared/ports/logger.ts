// The one logger the application logs through. The Functions host's InvocationContext satisfies it, and so
// does console; tests pass a recording one (test/unit/ingestion/fakes.ts MemoryLog).
export interface Logger {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Says nothing: the default where a caller passes no logger. */
export const silentLogger: Logger = { log: () => {}, warn: () => {}, error: () => {} };
