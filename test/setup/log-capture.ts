// Integration-project setup file: every line a test file's code logs — console.* and every InvocationContext
// log call (whatever logHandler the test gave it, even a silent one) — is captured, appended to a temp file
// (DT_LOG_CAPTURE_FILE, default <tmpdir>/dt-integration-logs.txt) and checked after the file's tests: a
// contact address or a key (whsec_…, dt_…) in any line fails the file. Issue 10: no address or secret in logs.
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';

import azureFunctions from '@azure/functions';
import { afterAll, expect } from 'vitest';

const FILE = process.env.DT_LOG_CAPTURE_FILE ?? path.join(os.tmpdir(), 'dt-integration-logs.txt');
const lines: string[] = [];
const capture = (source: string, args: unknown[]) => {
  const line = `${source}: ${format(...args)}`;
  lines.push(line);
  try {
    appendFileSync(FILE, line + '\n');
  } catch {
    // the check below still runs on the in-memory lines
  }
};

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const write = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    capture(`console.${method}`, args);
    write(...args);
  };
}
const proto = azureFunctions.InvocationContext.prototype as unknown as Record<string, (...args: unknown[]) => void>;
for (const method of ['log', 'trace', 'debug', 'info', 'warn', 'error']) {
  const original = proto[method]!;
  proto[method] = function (this: unknown, ...args: unknown[]) {
    capture(`context.${method}`, args);
    return original.apply(this, args);
  };
}

// An address: something@domain.tld (Message-IDs <id@host> without a dot-separated domain do not match).
export const LOGGED_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/;
export const LOGGED_KEY = /\b(whsec|dt)_[A-Za-z0-9+/=_-]{8,}/;

afterAll(() => {
  const leaks = lines.filter((l) => LOGGED_ADDRESS.test(l) || LOGGED_KEY.test(l));
  expect(leaks, `log lines with a contact address or a key (captured in ${FILE})`).toEqual([]);
});
