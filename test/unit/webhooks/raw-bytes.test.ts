// Issue 11 §8: the signature is verified over the raw bytes; a correctly signed body that is not valid
// UTF-8 is a 400 (never 401), and one with a byte-order mark is accepted (the BOM is stripped).
import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';

import { submitChangesHandler } from '../../../shared/handlers/submitChanges.js';
import { submitClaimEventHandler } from '../../../shared/handlers/submitClaimEvent.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';
import { RecordingBus } from '../pipeline/fakes.js';

const SECRET = 'whsec_' + Buffer.from('raw-bytes-unit-secret').toString('base64');

function post(route: string, bytes: Buffer, id: string): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: `http://localhost/api/${route}`,
    headers: { 'content-type': 'application/json', ...signWebhook({ id, timestamp: new Date(), body: bytes, secret: SECRET }) },
    body: { bytes },
  });
}

const change = {
  fact: 'association',
  partnerId: '4100001',
  tenantId: 't-1',
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2025-03-02T07:00:00Z',
};

describe('signed bodies are verified as bytes', () => {
  it('POST /api/changes: invalid UTF-8 → 400 naming UTF-8; a BOM → 202; nothing sent for the first', async () => {
    const bus = new RecordingBus();
    const handler = submitChangesHandler(
      { store: new MemoryStore(), bus, clock: { now: () => new Date() } },
      { WEBHOOK_SECRETS: [SECRET] },
    );
    const invalid = Buffer.concat([
      Buffer.from('[{"fact":"association","partnerId":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}]'),
    ]);
    const bad = await handler(post('changes', invalid, 'bytes-1'), new InvocationContext());
    expect(bad.status).toBe(400);
    expect((bad.jsonBody as { error: string }).error).toMatch(/UTF-8/);
    expect(bus.sent).toHaveLength(0);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify([change]))]);
    const ok = await handler(post('changes', bom, 'bytes-2'), new InvocationContext());
    expect(ok.status, JSON.stringify(ok.jsonBody)).toBe(202);
    expect(bus.sent).toHaveLength(1);
  });

  it('POST /api/claims/events: invalid UTF-8 → 400, not 401', async () => {
    const handler = submitClaimEventHandler(withRepos(new MemoryStore(), { bus: new RecordingBus(), clock: { now: () => new Date() } }), {
      WEBHOOK_SECRETS: [SECRET],
    });
    const answer = await handler(
      post('claims/events', Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), 'bytes-3'),
      new InvocationContext(),
    );
    expect(answer.status).toBe(400);
    expect((answer.jsonBody as { error: string }).error).toMatch(/UTF-8/);
  });
});
