// Indexing policies (issue 15): only the queried paths, same as infra. Reads every Cosmos DB SQL query
// written in shared/ (string and template literals) and checks that each path it filters or sorts on is
// indexed in its container, and that an ORDER BY on several fields has its composite index. The
// portfolio list's queries, built at run time, are checked for every sort field and filter too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  COMPOSITE_INDEXES,
  INDEXED_PATHS,
  indexingPolicyFor,
  orderByIndexed,
  pathIndexed,
} from '../../../shared/adapters/cosmos/indexing.js';
import { listQuery, summaryQuery } from '../../../shared/adapters/cosmos/repositories/partners.js';
import { SORT_FIELDS, sortOrder } from '../../../shared/api/list-query.js';
import { AREAS } from '../../../shared/domain/facts/types.js';
import type { ContainerName } from '../../../shared/ports/documentStore.js';

const root = path.resolve(import.meta.dirname, '../../..');

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** The string and template literals of a source text; `${…}` inside a template becomes `*`. */
function literals(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      continue;
    }
    if (ch !== "'" && ch !== '"' && ch !== '`') continue;
    let s = '';
    let j = i + 1;
    for (; j < text.length && text[j] !== ch; j++) {
      if (text[j] === '\\') {
        s += text[++j];
        continue;
      }
      if (ch === '`' && text[j] === '$' && text[j + 1] === '{') {
        // Skip the balanced expression (its own literals are read on their own below).
        let depth = 1;
        const start = j + 2;
        for (j += 2; j < text.length && depth > 0; j++) {
          if (text[j] === '{') depth++;
          else if (text[j] === '}') depth--;
        }
        out.push(...literals(text.slice(start, j - 1)));
        j--;
        s += '*';
        continue;
      }
      s += text[j];
    }
    out.push(s);
    i = j;
  }
  return out;
}

const PATH_RE = /\bc((?:\.(?:[A-Za-z_][A-Za-z0-9_]*|\*))+)/g;

interface Use {
  file: string;
  container: ContainerName;
  literal: string;
  fields: { field: string; array: boolean }[];
  orderBy: [string, boolean][] | null;
}

/** Paths a query literal filters or sorts on (not its projection between SELECT and FROM). */
function usesOf(literal: string): { fields: { field: string; array: boolean }[]; orderBy: [string, boolean][] | null } {
  const from = literal.search(/\bFROM c\b/);
  const body = from >= 0 ? literal.slice(from) : /\bSELECT\b/.test(literal) ? '' : literal;
  const fields: { field: string; array: boolean }[] = [];
  for (const m of body.matchAll(PATH_RE)) {
    const before = body.slice(0, m.index);
    fields.push({ field: m[1]!.slice(1), array: /ARRAY_CONTAINS\(\s*$/.test(before) });
  }
  const order = /\bORDER BY\s+(.+?)\s*$/.exec(body)?.[1];
  const orderBy = order
    ? order.split(',').map((f): [string, boolean] => {
        const [p, dir] = f.trim().split(/\s+/);
        return [p!.replace(/^c\./, ''), /^desc$/i.test(dir ?? '')];
      })
    : null;
  return { fields, orderBy };
}

function queriesInShared(): Use[] {
  const uses: Use[] = [];
  for (const file of sourceFiles(path.join(root, 'shared'))) {
    const text = readFileSync(file, 'utf8');
    if (!/\bFROM c\b/.test(text)) continue;
    const lits = literals(text);
    // A file that queries the operations container names its partition field (`c.pk`) in every query.
    const container: ContainerName = lits.some((l) => /\bc\.pk\b/.test(l)) ? 'operations' : 'partners';
    for (const literal of lits) {
      if (!/\bc\.[A-Za-z_*]/.test(literal)) continue;
      const { fields, orderBy } = usesOf(literal);
      if (fields.length > 0 || orderBy) uses.push({ file: path.relative(root, file), container, literal, fields, orderBy });
    }
  }
  return uses;
}

describe('Cosmos indexing policies', () => {
  it('exclude everything but the queried paths', () => {
    expect(indexingPolicyFor('partners').excludedPaths).toContainEqual({ path: '/*' });
    expect(indexingPolicyFor('operations').excludedPaths).toContainEqual({ path: '/*' });
  });

  it('index every path a query in shared/ filters or sorts on, in its container', () => {
    const uses = queriesInShared();
    // The reader finds the queries (the portfolio list's, the claims', the operations records').
    expect(uses.filter((u) => u.container === 'partners').length).toBeGreaterThan(5);
    expect(uses.filter((u) => u.container === 'operations').length).toBeGreaterThan(3);
    const missing = uses.flatMap((u) =>
      u.fields
        .filter((f) => !pathIndexed(u.container, f.field, f.array))
        .map((f) => `${u.container}: c.${f.field} in ${u.file}: ${u.literal}`),
    );
    expect(missing).toEqual([]);
    const unsorted = uses
      .filter((u) => u.orderBy && !orderByIndexed(u.container, u.orderBy))
      .map((u) => `${u.container}: ORDER BY ${JSON.stringify(u.orderBy)} in ${u.file}`);
    expect(unsorted).toEqual([]);
  });

  it('index every sort field and filter of the portfolio list', () => {
    for (const field of SORT_FIELDS)
      for (const descending of [false, true])
        for (const status of [undefined, 'qualified', 'atRisk'] as const)
          for (const area of [undefined, AREAS[0]]) {
            const q = listQuery({ status, area, q: 'x', onlyPartners: ['1'] }, sortOrder({ field, descending })).query;
            const { fields, orderBy } = usesOf(q);
            for (const f of fields) expect(pathIndexed('partners', f.field, f.array), `${f.field} in ${q}`).toBe(true);
            expect(orderBy && orderByIndexed('partners', orderBy), q).toBe(true);
          }
    for (const f of usesOf(summaryQuery({ q: 'x', onlyPartners: ['1'] }).query).fields) expect(pathIndexed('partners', f.field)).toBe(true);
  });

  it('tell a missing path, an array path and a multi-field ORDER BY apart', () => {
    expect(pathIndexed('partners', 'summary.areas.*.atRisk')).toBe(true);
    expect(pathIndexed('partners', 'customers')).toBe(false);
    expect(pathIndexed('partners', 'lookup', true)).toBe(true);
    expect(pathIndexed('operations', 'partnerId.x')).toBe(false);
    expect(orderByIndexed('operations', [['_ts', true]])).toBe(true);
    // Two fields need a composite index: none is declared today.
    expect(COMPOSITE_INDEXES.operations).toEqual([]);
    expect(
      orderByIndexed('operations', [
        ['partnerId', false],
        ['_ts', true],
      ]),
    ).toBe(false);
  });

  it('match infra/main.bicep', () => {
    const bicep = readFileSync(path.resolve(import.meta.dirname, '../../../infra/main.bicep'), 'utf8');
    for (const paths of Object.values(INDEXED_PATHS)) {
      expect(bicep).toContain(`includedPaths: [${paths.map((p) => `{ path: '${p}' }`).join(', ')}]`);
    }
    for (const composites of Object.values(COMPOSITE_INDEXES)) {
      const text = `compositeIndexes: [${composites.map((c) => `[${c.map((p) => `{ path: '${p.path}', order: '${p.order}' }`).join(', ')}]`).join(', ')}]`;
      expect(bicep).toContain(text);
    }
  });
});
