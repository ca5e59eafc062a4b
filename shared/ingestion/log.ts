// What the use cases log through: InvocationContext satisfies it, and so does console.
export interface IngestionLog {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}
