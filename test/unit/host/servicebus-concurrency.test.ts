// The local host processes up to host.json's extensions.serviceBus.maxConcurrentCalls messages at once
// per queue, as the Functions host does (issue 15).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEFAULT_MAX_CONCURRENT_CALLS, maxConcurrentCallsOf, readMaxConcurrentCalls } from '../../../devtools/host/servicebus.js';

describe('Service Bus trigger concurrency', () => {
  it("reads host.json's maxConcurrentCalls", () => {
    const hostJson = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../host.json'), 'utf8')) as {
      extensions: { serviceBus: { maxConcurrentCalls: number } };
    };
    expect(hostJson.extensions.serviceBus.maxConcurrentCalls).toBe(16);
    expect(readMaxConcurrentCalls()).toBe(16);
  });

  it('falls back to the host default when absent or not a positive integer', () => {
    expect(maxConcurrentCallsOf({})).toBe(DEFAULT_MAX_CONCURRENT_CALLS);
    expect(maxConcurrentCallsOf(null)).toBe(DEFAULT_MAX_CONCURRENT_CALLS);
    expect(maxConcurrentCallsOf({ extensions: { serviceBus: { maxConcurrentCalls: 0 } } })).toBe(DEFAULT_MAX_CONCURRENT_CALLS);
    expect(maxConcurrentCallsOf({ extensions: { serviceBus: { maxConcurrentCalls: '4' } } })).toBe(DEFAULT_MAX_CONCURRENT_CALLS);
    expect(maxConcurrentCallsOf({ extensions: { serviceBus: { maxConcurrentCalls: 4 } } })).toBe(4);
  });
});
