// Indexing policies (issue 15): only the queried paths, every ORDER BY field included, same as infra.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { INDEXED_PATHS, indexingPolicyFor } from '../../../shared/adapters/cosmos/indexing.js';

const covered = (paths: readonly string[], field: string) =>
  paths.some(
    (p) => p === `/${field.replace(/\./g, '/')}/?` || (p.endsWith('/*') && `/${field.replace(/\./g, '/')}/`.startsWith(p.slice(0, -1))),
  );

describe('Cosmos indexing policies', () => {
  it('exclude everything but the queried paths', () => {
    expect(indexingPolicyFor('partners').excludedPaths).toContainEqual({ path: '/*' });
    expect(indexingPolicyFor('operations').excludedPaths).toContainEqual({ path: '/*' });
  });

  it('include every ORDER BY and WHERE field', () => {
    for (const f of [
      'partnerId',
      'id',
      'docType',
      'status',
      'summary.nameLower',
      'summary.nextAnniversary',
      'summary.areas.azure.total',
      'summary.areas.modernWork.status',
    ]) {
      expect(covered(INDEXED_PATHS.partners, f), f).toBe(true);
    }
    for (const f of ['pk', 'partnerId', '_ts', 'ttl', 'rejectedAt', 'finishedAt'])
      expect(covered(INDEXED_PATHS.operations, f), f).toBe(true);
  });

  it('match infra/main.bicep', () => {
    const bicep = readFileSync(path.resolve(import.meta.dirname, '../../../infra/main.bicep'), 'utf8');
    for (const paths of Object.values(INDEXED_PATHS)) {
      expect(bicep).toContain(`includedPaths: [${paths.map((p) => `{ path: '${p}' }`).join(', ')}]`);
    }
  });
});
