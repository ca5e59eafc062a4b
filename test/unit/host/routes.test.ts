import { describe, expect, it } from 'vitest';
import { compileRoute } from '../../../devtools/host/http.js';

describe('compileRoute (Functions route templates)', () => {
  it('matches literal routes, case-insensitively, with or without a trailing slash', () => {
    const m = compileRoute('health');
    expect(m('/health')).toEqual({});
    expect(m('/Health/')).toEqual({});
    expect(m('/healthz')).toBeUndefined();
  });

  it('captures {params}, optional {params?} and constraints', () => {
    const m = compileRoute('partners/{partnerId}/claims/{claimId:int?}');
    expect(m('/partners/p%201/claims/42')).toEqual({ partnerId: 'p 1', claimId: '42' });
    expect(m('/partners/p1/claims')).toEqual({ partnerId: 'p1' });
    expect(m('/partners/claims')).toBeUndefined();
  });

  it('captures a catch-all {*rest}', () => {
    expect(compileRoute('files/{*rest}')('/files/a/b/c.csv')).toEqual({ rest: 'a/b/c.csv' });
  });
});
