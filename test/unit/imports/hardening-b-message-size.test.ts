// Issue 11, defect 2: a per-partner batch larger than the bus's message limit was refused by the
// broker, and the refused send kept the import cursor on that file for good. Batches are now cut by
// serialized size as well as by count; a change too large for any message is a rejected row.
import { describe, expect, it } from 'vitest';

import { toOutbound } from '../../../shared/bus/partner-changes.js';
import type { PartnerChangeMessage } from '../../../shared/domain/changes/message.js';
import { importExport } from '../../../shared/imports/import-file.js';
import { bodyBudget, jsonBytes, MESSAGE_SIZE } from '../../../shared/imports/message-size.js';

const defaultObservedAt = '2026-11-20T08:00:00Z';
const peopleCsv = (ids: string[], partner = 'P1') =>
  ['partnerId,personId,linkedFrom', ...ids.map((id) => `${partner},${id},2025-01-01`)].join('\n');

/** A bus like Service Bus: refuses a message whose body is over `limit` bytes. */
function strictBus(limit: number) {
  const sent: PartnerChangeMessage[] = [];
  const send = async (m: PartnerChangeMessage) => {
    const size = jsonBytes(toOutbound(m).body);
    if (size > limit) throw new Error(`MessageSizeExceeded: ${size} > ${limit}`);
    sent.push(m);
  };
  return { sent, send };
}

describe('import batches are cut by size (hardening B, defect 2)', () => {
  it('the default limit is Service Bus Standard’s 256 KB with a margin, as data', () => {
    expect(MESSAGE_SIZE.maxBytes).toBe(256 * 1024);
    expect(bodyBudget()).toBeLessThan(256 * 1024);
    expect(bodyBudget()).toBeGreaterThan(200 * 1024);
  });

  it('a batch over the message limit by bytes (not by count) is split; every message fits, no change is lost', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `person-${String(i).padStart(4, '0')}-${'x'.repeat(40)}`);
    const maxMessageBytes = 8 * 1024;
    const bus = strictBus(maxMessageBytes);
    const report = await importExport([peopleCsv(ids)], {
      fileName: 'people.csv',
      defaultObservedAt,
      send: bus.send,
      maxMessageBytes,
      messageMarginBytes: 512,
    });
    expect(report.rejectedCount).toBe(0);
    expect(bus.sent.length).toBeGreaterThan(5);
    for (const m of bus.sent) expect(jsonBytes(m)).toBeLessThanOrEqual(maxMessageBytes - 512);
    expect(bus.sent.flatMap((m) => m.changes.map((c) => (c as { personId: string }).personId))).toEqual(ids);
    expect(report.messages).toBe(bus.sent.length);
  });

  it('with the defaults, 2,000 wide rows of one partner (≈ 1 MB) never make a message over 256 KB', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `p${i}-${'y'.repeat(60)}`);
    const bus = strictBus(256 * 1024);
    const report = await importExport([peopleCsv(ids)], { fileName: 'people.csv', defaultObservedAt, send: bus.send, batchSize: 2000 });
    expect(report.accepted).toBe(2000);
    expect(bus.sent.reduce((n, m) => n + m.changes.length, 0)).toBe(2000);
  });

  it('a single change too large for any message is a rejected row with its reason; the rows around it go through', async () => {
    const small = 'ok1';
    const sizes = async (maxMessageBytes: number) => {
      const bus = strictBus(maxMessageBytes);
      const report = await importExport([peopleCsv([small, 'z'.repeat(100), 'ok2'])], {
        fileName: 'people.csv',
        defaultObservedAt,
        send: bus.send,
        maxMessageBytes,
        messageMarginBytes: 0,
      });
      return { bus, report };
    };
    // A limit that fits one ordinary change but not the 100-character one.
    const one = await sizes(10_000);
    const ordinary = jsonBytes(one.bus.sent[0]!) - jsonBytes(one.bus.sent[0]!.changes.slice(1)) + 40;
    const { bus, report } = await sizes(ordinary + 30);
    expect(report.rejectedCount).toBe(1);
    expect(report.rejected[0]).toMatchObject({ line: 3 });
    expect(report.rejected[0]!.reason).toMatch(/too large for a message/);
    expect(bus.sent.flatMap((m) => m.changes.map((c) => (c as { personId: string }).personId))).toEqual(['ok1', 'ok2']);
  });
});
