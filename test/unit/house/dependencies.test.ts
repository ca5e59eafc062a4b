// Issue 14, "A map of every room": the folder dependency check (npm run lint runs it, so .ci/run fails on a
// wrong-way import). It passes on the real tree, and fails — naming file, line, target and rule — on a
// fixture tree holding one import of each wrong kind.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkDependencies, formatViolation, importsOf, layerCycles, type Violation } from '../../../devtools/lint/dependencies.js';
import { ROOMS } from '../../../devtools/lint/rules.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const run = promisify(execFile);

/** One import of each wrong kind, and a few allowed ones next to them. */
const FIXTURE: Record<string, string> = {
  'shared/domain/scoring/score.ts': [
    "import { z } from 'zod';", // allowed
    "import { createHash } from 'node:crypto';", // allowed: hashing is not I/O
    "import { CosmosClient } from '@azure/cosmos';",
    "import { readFileSync } from 'node:fs';",
    "import { store } from '../../adapters/cosmos/store.js';",
    'export const score = [z, createHash, CosmosClient, readFileSync, store];',
  ].join('\n'),
  'shared/domain/facts/types.ts': 'export type Area = string;',
  'shared/ports/documentStore.ts': [
    "import type { Area } from '../domain/facts/types.js';", // allowed
    "import type { Container } from '@azure/cosmos';",
    'export type Store = { area: Area; container: Container };',
  ].join('\n'),
  'shared/adapters/cosmos/store.ts': "import { CosmosClient } from '@azure/cosmos';\nexport const store = CosmosClient;",
  'shared/handlers/getPartner.ts': [
    "import type { Store } from '../ports/documentStore.js';", // allowed
    "import { readPartnerView } from '../pipeline/view.js';", // allowed: handlers compose services
    "import { store } from '../adapters/cosmos/store.js';",
    'export const handler = [store, readPartnerView] as unknown as Store;',
  ].join('\n'),
  'shared/pipeline/view.ts': 'export const readPartnerView = 1;',
  'shared/pipeline/mail-context.ts': [
    "import { buildNotificationMessage } from '../notifications/message.js';", // allowed: the public face
    "import { settleVerdict } from '../notifications/settle.js';",
    'export const mail = [buildNotificationMessage, settleVerdict];',
  ].join('\n'),
  'shared/notifications/message.ts': 'export const buildNotificationMessage = 1;',
  'shared/notifications/settle.ts': 'export const settleVerdict = 1;',
  'shared/claims/webhook.ts': "export { receivePush } from '../ingestion/push.js';",
  'shared/ingestion/push.ts': "import { CosmosClient } from '@azure/cosmos';\nexport const receivePush = CosmosClient;",
  'functions/index.ts': "import { startHost } from '../devtools/host/host.js';\nexport const f = startHost;",
  'devtools/host/host.ts': "import { f } from '../../test/support/memory-store.js';\nexport const startHost = f;",
  'test/support/memory-store.ts': 'export const f = 1;',
  'shared/newroom/x.ts': "import { CosmosClient } from '@azure/cosmos';\nexport const x = CosmosClient;",
  'web/src/api.ts': [
    "import type { Area } from '../../shared/domain/facts/types.js';", // allowed: types only
    "import { score } from '../../shared/domain/scoring/score.js';",
    "import type { Store } from '../../shared/ports/documentStore.js';",
    'export const api: [Area, Store, unknown] = [1, 2, score] as never;',
  ].join('\n'),
};

describe('folder dependency rules (devtools/lint/rules.ts, docs/architecture.md)', () => {
  let fixture: string;
  let violations: Violation[];
  beforeAll(() => {
    fixture = mkdtempSync(join(tmpdir(), 'deps-fixture-'));
    for (const [path, text] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), `${text}\n`);
    }
    violations = checkDependencies(fixture, { knownDebt: [] }).violations;
  });
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  const lines = () => violations.map(formatViolation);

  it('the real tree has no wrong-way import, and the layers form no cycle', () => {
    const result = checkDependencies(REPO);
    expect(result.files).toBeGreaterThan(100);
    expect(result.violations.map(formatViolation)).toEqual([]);
    expect(layerCycles()).toEqual([]);
  }, 30_000);

  it('the domain imports nothing outside itself: no SDK, no node: I/O, no adapter', () => {
    expect(lines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^shared\/domain\/scoring\/score\.ts:3 {2}imports {2}@azure\/cosmos {2}\(domain-packages: /),
        expect.stringMatching(/^shared\/domain\/scoring\/score\.ts:4 {2}imports {2}node:fs {2}\(domain-packages: /),
        expect.stringMatching(
          /^shared\/domain\/scoring\/score\.ts:5 {2}imports {2}shared\/adapters\/cosmos\/store\.ts {2}\(domain-imports: /,
        ),
      ]),
    );
    expect(violations.filter((v) => v.file === 'shared/domain/scoring/score.ts')).toHaveLength(3);
  });

  it('ports import no SDK, not even its types', () => {
    expect(violations.filter((v) => v.file === 'shared/ports/documentStore.ts').map((v) => [v.line, v.target, v.rule])).toEqual([
      [2, '@azure/cosmos', 'ports-packages'],
    ]);
  });

  it('handlers do not import adapters (they may compose services)', () => {
    expect(violations.filter((v) => v.file === 'shared/handlers/getPartner.ts').map((v) => [v.line, v.target, v.rule])).toEqual([
      [3, 'shared/adapters/cosmos/store.ts', 'handlers-imports'],
    ]);
  });

  it('a service uses another only through its public face, and only a service it is allowed to use', () => {
    expect(violations.filter((v) => v.file === 'shared/pipeline/mail-context.ts').map((v) => [v.line, v.target, v.rule])).toEqual([
      [2, 'shared/notifications/settle.ts', 'service-internals'],
    ]);
    expect(violations.filter((v) => v.file === 'shared/claims/webhook.ts').map((v) => [v.line, v.target, v.rule])).toEqual([
      [1, 'shared/ingestion/push.ts', 'claims-imports'],
    ]);
    expect(violations.filter((v) => v.file === 'shared/ingestion/push.ts').map((v) => v.rule)).toEqual(['ingestion-packages']);
  });

  it('production code does not import devtools/ or test/; devtools do not import test/; the page takes only types from the server', () => {
    const why = (file: string) => violations.filter((v) => v.file === file).map((v) => `${v.target}: ${v.why}`);
    expect(why('functions/index.ts')).toEqual(['devtools/host/host.ts: production code does not import devtools/']);
    expect(why('devtools/host/host.ts')).toEqual([
      expect.stringMatching(/^test\/support\/memory-store\.ts: devtools may import .*; not test$/),
    ]);
    expect(why('web/src/api.ts')).toEqual([
      'shared/domain/scoring/score.ts: web may take only types from domain (import type)',
      'shared/ports/documentStore.ts: web may import nothing outside itself; not ports',
    ]);
  });

  it('reads type-only, re-export and dynamic imports, with their lines', () => {
    const refs = importsOf(
      'x.ts',
      [
        "import type { A } from './a.js';",
        "import { type B } from './b.js';",
        "export * from './c.js';",
        "const d = await import('./d.js');",
        "import { e, type F } from './e.js';",
      ].join('\n'),
    );
    expect(refs.map((r) => [r.line, r.specifier, r.typeOnly])).toEqual([
      [1, './a.js', true],
      [2, './b.js', true],
      [3, './c.js', false],
      [4, './d.js', false],
      [5, './e.js', false],
    ]);
  });

  it('every room of the rules table is named once, and every folder of shared/ has a room', () => {
    const names = ROOMS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    const result = checkDependencies(REPO, { folders: ['shared'] });
    expect(result.violations.filter((v) => v.why.includes('in no room'))).toEqual([]);
    // A new folder without a room is reported, not left unchecked.
    expect(violations.filter((v) => v.rule === 'rooms').map((v) => v.file)).toEqual(['shared/newroom/x.ts']);
  }, 30_000);

  it('npm run lint fails on the broken tree: the command prints each violation and exits 1', async () => {
    const tsx = join(REPO, 'node_modules', '.bin', 'tsx');
    const failed = await run(tsx, [join(REPO, 'devtools', 'lint', 'dependencies.ts'), fixture]).then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain(
      'shared/pipeline/mail-context.ts:2  imports  shared/notifications/settle.ts  (service-internals: settle.ts is internal to notifications;',
    );
    expect(failed?.stderr).toMatch(/\d+ wrong-way import\(s\)/);
  }, 30_000);
});
