// The committed sample drops: they parse as documented, give valid facts, and the partners land
// where the demo expects them (scored with the project's engine as of 2026-11-21).
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { applyChanges, applySnapshot, docRefFor } from '../../../shared/domain/changes/apply.js';
import { type CustomerDoc, type PartnerDoc, type PersonDoc, type ProfileDoc } from '../../../shared/domain/changes/docs.js';
import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { buildFacts } from '../../../shared/domain/changes/facts.js';
import { parseChangeEvents } from '../../../shared/domain/changes/validate.js';
import { parseFacts } from '../../../shared/domain/facts/schema.js';
import type { PartnerFacts } from '../../../shared/domain/facts/types.js';
import { CATALOG_2026_05 } from '../../../shared/domain/rules/catalog-2026-05.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';
import { parseExportStream, type ParseItem, type SnapshotDeclaration } from '../../../shared/imports/parse.js';

const root = join(import.meta.dirname, '../../../samples');
const exportsDir = join(root, 'exports');

async function loadSamples(extra: ChangeEvent[] = []) {
  const errors: Array<{ file: string; item: ParseItem }> = [];
  const changes: ChangeEvent[] = [];
  const snapshots: SnapshotDeclaration[] = [];
  for (const file of readdirSync(exportsDir).sort()) {
    for await (const item of parseExportStream(createReadStream(join(exportsDir, file)), {
      fileName: file,
      defaultObservedAt: '2026-11-20T07:00:00Z',
    })) {
      if ('change' in item) changes.push(item.change);
      else if ('snapshot' in item) snapshots.push(item.snapshot);
      else errors.push({ file, item });
    }
  }
  const docs = new Map<string, PartnerDoc>();
  for (const s of snapshots) {
    const key = `${s.partnerId}/profile`;
    docs.set(key, applySnapshot((docs.get(key) as ProfileDoc | undefined) ?? null, s.partnerId, s).doc);
  }
  for (const c of [...changes, ...extra]) {
    const ref = docRefFor(c);
    const key = `${ref.partnerId}/${ref.id}`;
    const profile = docs.get(`${ref.partnerId}/profile`) as ProfileDoc | undefined;
    docs.set(key, applyChanges(docs.get(key) ?? null, [c], profile ? { ended: profile.snapshots } : {}).doc);
  }
  const facts = new Map<string, PartnerFacts>();
  for (const partnerId of new Set([...docs.values()].map((d) => d.partnerId))) {
    const mine = [...docs.values()].filter((d) => d.partnerId === partnerId);
    facts.set(
      partnerId,
      buildFacts(
        (mine.find((d) => d.docType === 'profile') as ProfileDoc | undefined) ?? null,
        mine.filter((d): d is CustomerDoc => d.docType === 'customer'),
        mine.filter((d): d is PersonDoc => d.docType === 'person'),
        '2026-11-21',
        partnerId,
      ),
    );
  }
  return { errors, changes, snapshots, facts };
}

const lift = () => {
  const parsed = parseChangeEvents(JSON.parse(readFileSync(join(root, 'changes/lift-4100003.json'), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.changes;
};

describe('samples', () => {
  it('parse with exactly the three intended invalid rows, and a snapshot for Litware', async () => {
    const { errors, snapshots, facts } = await loadSamples();
    expect(errors.map(({ file, item }) => ({ file, line: item.line, column: 'column' in item ? item.column : undefined }))).toEqual([
      { file: 'tailspin-partner-tool-export.csv', line: 4, column: 'From' },
      { file: 'tailspin-partner-tool-export.csv', line: 5, column: 'Type' },
      { file: 'tailspin-partner-tool-export.csv', line: 6, column: 'Paid Seats' },
    ]);
    expect(snapshots).toEqual([{ partnerId: '4100005', kind: 'person', observedAt: '2026-11-20T06:00:00.000Z' }]);
    expect([...facts.keys()].sort()).toEqual(['4100001', '4100002', '4100003', '4100004', '4100005', '4100006']);
  });

  it('give facts valid under the contract schema', async () => {
    const { facts } = await loadSamples();
    for (const f of facts.values()) {
      const parsed = parseFacts(JSON.parse(JSON.stringify(f)));
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    }
    expect(facts.get('4100002')?.enrollment).toEqual({ anniversary: '2026-12-10', areas: ['modernWork'], azureTrack: null });
    expect(facts.get('4100006')?.enrollment).toEqual({ anniversary: '2027-02-01', areas: ['dataAi'], azureTrack: 'enterprise' });
  });

  it('put each partner where the demo expects it, and the lift change takes Northwind over 70', async () => {
    const score = (f: PartnerFacts | undefined) => {
      if (!f) throw new Error('missing partner');
      return scorePartner(f, CATALOG_2026_05).areas;
    };
    const { facts } = await loadSamples();
    const expected: Array<[string, keyof ReturnType<typeof score>, number, boolean]> = [
      ['4100001', 'infrastructure', 96, true],
      ['4100001', 'dataAi', 68, false],
      ['4100002', 'modernWork', 84.2, true],
      ['4100003', 'businessApplications', 65, false],
      ['4100004', 'security', 43.43, false],
      ['4100005', 'digitalAppInnovation', 84, true],
      ['4100006', 'dataAi', 74, true],
    ];
    for (const [partner, area, total, qualifies] of expected) {
      const result = score(facts.get(partner))[area];
      expect({ partner, area, total: result.total, qualifies: result.qualifiesToday }).toEqual({
        partner,
        area,
        total: expect.closeTo(total, 1),
        qualifies,
      });
    }
    expect(score(facts.get('4100005')).digitalAppInnovation.track).toBe('smb');
    expect(score(facts.get('4100001')).infrastructure.track).toBe('enterprise');
    const lifted = await loadSamples(lift());
    const ba = score(lifted.facts.get('4100003')).businessApplications;
    expect(ba.total).toBeCloseTo(72.5, 2);
    expect(ba.qualifiesToday).toBe(true);
  });
});
