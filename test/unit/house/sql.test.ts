// Issue 14, "Ports in the domain's words": Cosmos DB SQL is written in the Cosmos adapter only
// (shared/adapters/cosmos/); every other production file asks a repository (shared/ports/repositories.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** A Cosmos DB query: every one of ours reads `FROM c`. */
const COSMOS_SQL = /\bSELECT\b[^'"`]*\bFROM c\b/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Files of `roots` (relative to the repo) outside `allowed` whose text holds a Cosmos query. */
function filesWithCosmosSql(root: string, roots: readonly string[], allowed: string): string[] {
  return roots
    .flatMap((r) => tsFiles(join(root, r)))
    .map((f) => relative(root, f).split('\\').join('/'))
    .filter((f) => !f.startsWith(allowed) && COSMOS_SQL.test(readFileSync(join(root, f), 'utf8')));
}

describe('Cosmos DB SQL', () => {
  it('is written in shared/adapters/cosmos/ only', () => {
    expect(filesWithCosmosSql(REPO, ['shared', 'functions'], 'shared/adapters/cosmos/')).toEqual([]);
  });

  it('is found where it is written (the check can fail)', () => {
    expect(filesWithCosmosSql(REPO, ['shared'], 'shared/adapters/nowhere/')).toEqual(
      expect.arrayContaining(['shared/adapters/cosmos/repositories/partner-documents.ts', 'shared/adapters/cosmos/repositories/claims.ts']),
    );
  });
});
