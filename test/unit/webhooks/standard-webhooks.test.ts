import { createHmac, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { signWebhook, verifyWebhook, webhookSecretKey, webhookSignature } from '../../../shared/webhooks/standard-webhooks.js';

// The Standard Webhooks specification's published test vector (also used by the reference libraries).
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const other = `whsec_${randomBytes(24).toString('base64')}`;
const now = new Date('2026-11-21T10:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const body = JSON.stringify([
  { fact: 'person', partnerId: 'p', personId: 'a', linkedFrom: '2025-01-01', observedAt: '2026-11-21T09:59:00Z' },
]);

function signed(overrides: Partial<{ id: string; timestamp: number; body: string; secret: string }> = {}) {
  const input = { id: 'msg_1', timestamp: nowSeconds, body, secret, ...overrides };
  return signWebhook(input);
}

describe('Standard Webhooks signing', () => {
  it('reproduces the specification test vector', () => {
    expect(webhookSignature(SPEC)).toBe(SPEC.signature);
    const headers = { 'webhook-id': SPEC.id, 'webhook-timestamp': String(SPEC.timestamp), 'webhook-signature': SPEC.signature };
    expect(verifyWebhook({ headers, body: SPEC.body, secrets: [SPEC.secret], now: new Date(SPEC.timestamp * 1000) })).toEqual({
      ok: true,
      id: SPEC.id,
      timestamp: SPEC.timestamp,
    });
  });

  it('signs `${id}.${timestamp}.${body}` with HMAC-SHA256 of the base64-decoded secret', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`msg_1.${nowSeconds}.${body}`).digest('base64');
    expect(signed()['webhook-signature']).toBe(`v1,${expected}`);
    expect(signed()['webhook-timestamp']).toBe(String(nowSeconds));
    expect(signWebhook({ id: 'x', timestamp: now, body, secret })['webhook-timestamp']).toBe(String(nowSeconds));
  });

  it('accepts a secret without the whsec_ prefix and rejects one that is not base64', () => {
    expect(webhookSecretKey(SPEC.secret.slice(6)).equals(webhookSecretKey(SPEC.secret))).toBe(true);
    expect(() => webhookSecretKey('whsec_not base64!')).toThrow(/whsec_/);
  });
});

describe('Standard Webhooks verification', () => {
  it('accepts a valid request, with bytes or text, headers as a record (any case) or a Headers object', () => {
    const headers = signed();
    expect(verifyWebhook({ headers, body, secrets: [secret], now })).toMatchObject({ ok: true, id: 'msg_1' });
    expect(verifyWebhook({ headers, body: Buffer.from(body), secrets: [secret], now }).ok).toBe(true);
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook({ headers: upper, body, secrets: [secret], now }).ok).toBe(true);
    expect(verifyWebhook({ headers: new Headers(headers), body, secrets: [secret], now }).ok).toBe(true);
  });

  it('rejects a tampered body, id or timestamp with 401', () => {
    const headers = signed();
    expect(verifyWebhook({ headers, body: body.replace('2025', '2024'), secrets: [secret], now })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(verifyWebhook({ headers: { ...headers, 'webhook-id': 'msg_2' }, body, secrets: [secret], now })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      verifyWebhook({ headers: { ...headers, 'webhook-timestamp': String(nowSeconds + 1) }, body, secrets: [secret], now }),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyWebhook({ headers: signed({ secret: other }), body, secrets: [secret], now })).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/no signature matches/),
    });
  });

  it('accepts any configured secret (rotation) and any of several signatures', () => {
    expect(verifyWebhook({ headers: signed({ secret: other }), body, secrets: [secret, other], now }).ok).toBe(true);
    const a = signed({ secret })['webhook-signature'];
    const b = signed({ secret: other })['webhook-signature'];
    const both = { ...signed(), 'webhook-signature': `${b} ${a}` };
    expect(verifyWebhook({ headers: both, body, secrets: [secret], now }).ok).toBe(true);
    expect(verifyWebhook({ headers: both, body, secrets: ['whsec_!!bad', other], now }).ok).toBe(true);
    expect(verifyWebhook({ headers: both, body, secrets: [], now })).toMatchObject({ ok: false, status: 401 });
  });

  it('allows 5 minutes either way and rejects older or newer timestamps with 401', () => {
    for (const offset of [-300, 300, 0]) {
      expect(verifyWebhook({ headers: signed({ timestamp: nowSeconds + offset }), body, secrets: [secret], now }).ok).toBe(true);
    }
    expect(verifyWebhook({ headers: signed({ timestamp: nowSeconds - 301 }), body, secrets: [secret], now })).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/too old/),
    });
    expect(verifyWebhook({ headers: signed({ timestamp: nowSeconds + 301 }), body, secrets: [secret], now })).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/future/),
    });
    expect(
      verifyWebhook({ headers: signed({ timestamp: nowSeconds - 3600 }), body, secrets: [secret], now, toleranceSeconds: 7200 }).ok,
    ).toBe(true);
  });

  it('answers malformed or missing headers with 400', () => {
    const headers = signed();
    const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      expect(verifyWebhook({ headers: without(name), body, secrets: [secret], now })).toMatchObject({ ok: false, status: 400 });
    }
    const cases = [
      { 'webhook-timestamp': '2026-11-21T10:00:00Z' },
      { 'webhook-timestamp': '-5' },
      { 'webhook-signature': 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' },
      { 'webhook-signature': 'v2,abc=' },
      { 'webhook-signature': 'v1,not*base64' },
    ];
    for (const override of cases) {
      expect(verifyWebhook({ headers: { ...headers, ...override }, body, secrets: [secret], now })).toMatchObject({
        ok: false,
        status: 400,
      });
    }
  });

  it('rejects a signature of the wrong length without throwing', () => {
    const headers = { ...signed(), 'webhook-signature': 'v1,YWJj' };
    expect(verifyWebhook({ headers, body, secrets: [secret], now })).toMatchObject({ ok: false, status: 401 });
  });
});
