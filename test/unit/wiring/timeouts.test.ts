// Timeouts agree: every download gives up before the host kills the function (host.json functionTimeout),
// and a Service Bus message's lock is renewed for as long as its function may run (maxAutoLockRenewalDuration),
// so no message is redelivered while its first delivery is still being processed.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { INSIGHTS_DOWNLOAD_TIMEOUT_MS } from '../../../shared/ingestion/insights.js';
import { PARTNER_CENTER_DOWNLOAD_TIMEOUT_MS, PARTNER_CENTER_REQUEST_TIMEOUT_MS } from '../../../shared/ingestion/partner-center/http.js';

const hostJson = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../host.json'), 'utf8')) as {
  functionTimeout?: string;
  extensions?: { serviceBus?: { maxAutoLockRenewalDuration?: string } };
};

/** host.json TimeSpan `[d.]hh:mm:ss` in ms. */
function timeSpanMs(value: string | undefined, what: string): number {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(value ?? '');
  if (!m) throw new Error(`${what} must be set explicitly as [d.]hh:mm:ss in host.json (got ${String(value)})`);
  return (((Number(m[1] ?? 0) * 24 + Number(m[2])) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000;
}

describe('timeouts agree (host.json)', () => {
  const functionTimeout = timeSpanMs(hostJson.functionTimeout, 'functionTimeout');
  const lockRenewal = timeSpanMs(
    hostJson.extensions?.serviceBus?.maxAutoLockRenewalDuration,
    'extensions.serviceBus.maxAutoLockRenewalDuration',
  );

  it.each([
    ['INSIGHTS_DOWNLOAD_TIMEOUT_MS', INSIGHTS_DOWNLOAD_TIMEOUT_MS],
    ['PARTNER_CENTER_REQUEST_TIMEOUT_MS', PARTNER_CENTER_REQUEST_TIMEOUT_MS],
    ['PARTNER_CENTER_DOWNLOAD_TIMEOUT_MS', PARTNER_CENTER_DOWNLOAD_TIMEOUT_MS],
  ])('%s < functionTimeout', (_name, ms) => {
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(functionTimeout);
  });

  it('functionTimeout <= Service Bus maxAutoLockRenewalDuration', () => {
    expect(functionTimeout).toBeLessThanOrEqual(lockRenewal);
  });

  it('parses TimeSpans', () => {
    expect(timeSpanMs('00:10:00', 'x')).toBe(600_000);
    expect(timeSpanMs('1.00:00:01', 'x')).toBe(86_401_000);
    expect(() => timeSpanMs(undefined, 'functionTimeout')).toThrow(/functionTimeout/);
  });
});
