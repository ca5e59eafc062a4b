// Route and query parameters of the partner read API: defaults, bounds, and a 400 naming the parameter.
import { describe, expect, it } from 'vitest';

import { HttpRequest } from '../../../devtools/host/azure-functions.js';
import { decodeContinuation, encodeContinuation, parseParams } from '../../../shared/api/http.js';
import {
  areaParam,
  DEFAULT_PARTNERS_LIMIT,
  limitParam,
  MAX_PARTNERS_LIMIT,
  partnerIdParam,
  partnersContinuationParam,
} from '../../../shared/api/params.js';
import { displayTotal } from '../../../shared/api/partners.js';

const request = (query: string, params: Record<string, string> = {}) =>
  new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/partners${query}`, params });

describe('limit', () => {
  it.each([
    ['', DEFAULT_PARTNERS_LIMIT],
    ['?limit=', DEFAULT_PARTNERS_LIMIT],
    ['?limit=1', 1],
    ['?limit=%207%20', 7],
    [`?limit=${MAX_PARTNERS_LIMIT}`, MAX_PARTNERS_LIMIT],
  ])('%s → %d', (query, want) => {
    const parsed = parseParams(request(query), { limit: limitParam }, { limit: 'query' });
    expect(parsed).toEqual({ ok: true, value: { limit: want } });
  });

  it.each(['0', '201', '-1', '1.5', 'ten', '1e2', '99999999'])('limit=%s is a 400 naming limit', (raw) => {
    const parsed = parseParams(request(`?limit=${raw}`), { limit: limitParam }, { limit: 'query' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.response).toEqual({
      status: 400,
      jsonBody: { parameter: 'limit', error: `limit: must be a whole number from 1 to ${MAX_PARTNERS_LIMIT}, got ${JSON.stringify(raw)}` },
    });
  });
});

describe('continuation', () => {
  it('round-trips a store token and rejects anything this list did not hand out', () => {
    const token = '[{"compositeToken":"+RID:~abc#RT:1","orderByItems":[{"item":"4100002"}]}]';
    const encoded = encodeContinuation('partners', token);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeContinuation('partners', encoded)).toBe(token);
    expect(decodeContinuation('imports', encoded)).toBeUndefined();
    expect(decodeContinuation('partners', Buffer.from(token).toString('base64url'))).toBeUndefined();
    expect(decodeContinuation('partners', 'not a token')).toBeUndefined();
    expect(decodeContinuation('partners', Buffer.from('{"v":1,"list":"partners","token":""}').toString('base64url'))).toBeUndefined();
  });

  it('is a 400 naming continuation when it is not a token of this list', () => {
    for (const raw of ['abc', encodeContinuation('imports', 'x'), 'x'.repeat(20_000)]) {
      const parsed = parseParams(request(`?continuation=${raw}`), { continuation: partnersContinuationParam }, { continuation: 'query' });
      expect(parsed).toMatchObject({ ok: false, response: { status: 400, jsonBody: { parameter: 'continuation' } } });
    }
    const good = parseParams(
      request(`?continuation=${encodeContinuation('partners', '42')}`),
      { continuation: partnersContinuationParam },
      { continuation: 'query' },
    );
    expect(good).toEqual({ ok: true, value: { continuation: '42' } });
  });
});

describe('partnerId', () => {
  const parse = (partnerId: string | undefined) =>
    parseParams(request('', partnerId === undefined ? {} : { partnerId }), { partnerId: partnerIdParam }, { partnerId: 'route' });

  it('accepts an id (trimmed)', () => {
    expect(parse(' 4100003 ')).toEqual({ ok: true, value: { partnerId: '4100003' } });
  });

  it.each([
    [undefined, 'partnerId: is required'],
    ['  ', 'partnerId: must not be empty'],
    ['x'.repeat(129), 'partnerId: must be at most 128 characters'],
    ['a/b', 'partnerId: must not contain spaces, /, \\, ?, # or control characters'],
    ['a\nb', 'partnerId: must not contain spaces, /, \\, ?, # or control characters'],
  ])('%j → 400 %s', (raw, error) => {
    expect(parse(raw)).toEqual({ ok: false, response: { status: 400, jsonBody: { parameter: 'partnerId', error } } });
  });
});

describe('area', () => {
  it('accepts an area in any case, and nothing', () => {
    expect(parseParams(request('?area=SECURITY'), { area: areaParam }, { area: 'query' })).toEqual({
      ok: true,
      value: { area: 'security' },
    });
    expect(parseParams(request(''), { area: areaParam }, { area: 'query' })).toEqual({ ok: true, value: { area: undefined } });
  });

  it('names the areas when it is not one', () => {
    const parsed = parseParams(request('?area=azure'), { area: areaParam }, { area: 'query' });
    expect(parsed).toMatchObject({ ok: false, response: { status: 400, jsonBody: { parameter: 'area' } } });
    if (parsed.ok) return;
    expect((parsed.response.jsonBody as { error: string }).error).toBe(
      'area: must be one of dataAi, infrastructure, digitalAppInnovation, businessApplications, modernWork, security, got "azure"',
    );
  });
});

describe('displayTotal', () => {
  it.each([
    [72.5, '72.5'],
    [72.49999999999999, '72.5'],
    [(15 / 7) * 7, '15.0'],
    [43.42666666666667, '43.4'],
    [84.25, '84.3'],
    [0, '0.0'],
    [100, '100.0'],
  ])('%d → %s', (total, want) => {
    expect(displayTotal(total)).toBe(want);
  });
});
