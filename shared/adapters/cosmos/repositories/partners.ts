// The portfolio's read queries over the partners' state documents (`id: 'state'`, one per partition) and
// their profiles, in Cosmos DB SQL — the only place they are written. Values only ever travel as
// parameters; field paths come from closed lists (the areas, the list's sort paths), never from a request.
//
// Supported by Cosmos DB and by the local stand-in alike (test/integration/api/portfolio.test.ts):
// CONTAINS on a stored lower-case name and LOWER(c.partnerId), ARRAY_CONTAINS(@only, c.partnerId),
// OR of per-area equalities, ORDER BY one nested field (one field: several would need a composite
// index) with continuation. Every sort field is stored non-undefined (null when unknown): Cosmos DB and
// the stand-in disagree on undefined in ORDER BY, not on null, which sorts before numbers and strings.
import { profileDocId } from '../../../domain/changes/docs.js';
import { AREAS } from '../../../domain/facts/types.js';
import type { DocumentCollection, QuerySpec } from '../../../ports/documentStore.js';
import type {
  PartnerListFilter,
  PartnerListOrder,
  PartnerListRow,
  PartnerStatusRow,
  PartnerSummaryQueries,
} from '../../../ports/repositories.js';
import { firstNonEmptyPage } from '../../../store/paging.js';

/** The state document's id (shared/pipeline/state-doc.ts STATE_DOC_ID). */
const STATE_DOC_ID = 'state';
const FIELD = /^[A-Za-z][A-Za-z0-9]*$/;
type Parameter = NonNullable<QuerySpec['parameters']>[number];

/** The WHERE clause's conditions (the first: `c.id = @state`) and parameters for a filter. */
export function whereOf(filter: PartnerListFilter): { conditions: string[]; parameters: Parameter[] } {
  const conditions = ['c.id = @state'];
  const parameters: Parameter[] = [{ name: '@state', value: STATE_DOC_ID }];
  if (filter.onlyPartners !== undefined) {
    conditions.push('ARRAY_CONTAINS(@only, c.partnerId)');
    parameters.push({ name: '@only', value: [...filter.onlyPartners] });
  }
  if (filter.q !== undefined && filter.q !== '') {
    conditions.push('(CONTAINS(c.summary.nameLower, @q) OR CONTAINS(LOWER(c.partnerId), @q))');
    parameters.push({ name: '@q', value: filter.q });
  }
  if (filter.status !== undefined) {
    const areas = filter.area !== undefined ? AREAS.filter((a) => a === filter.area) : AREAS;
    const test =
      filter.status === 'atRisk'
        ? (a: string) => `c.summary.areas.${a}.atRisk = true`
        : (a: string) => `c.summary.areas.${a}.status = @status`;
    if (filter.status !== 'atRisk') parameters.push({ name: '@status', value: filter.status });
    conditions.push(areas.length === 1 ? test(areas[0]!) : `(${areas.map(test).join(' OR ')})`);
  }
  return { conditions, parameters };
}

/** What the list shows of a state document: the scoring days and the summary (no history, no metrics). */
export const LIST_SELECT = 'SELECT c.partnerId, c.scoring.asOf AS asOf, c.scoring.today AS today, c.summary AS summary FROM c';

const BY_PARTNER_ID: PartnerListOrder = { path: ['partnerId'], descending: false };

/** `c.<path>` for a path of plain field names (the list's closed sort paths). */
function storedPath(path: readonly string[]): string {
  if (path.length === 0 || !path.every((f) => FIELD.test(f))) throw new Error(`not a sort path: ${path.join('.')}`);
  return ['c', ...path].join('.');
}

/** The list query for a filter and order. */
export function listQuery(filter: PartnerListFilter, order: PartnerListOrder = BY_PARTNER_ID): QuerySpec {
  const { conditions, parameters } = whereOf(filter);
  return {
    query: `${LIST_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY ${storedPath(order.path)}${order.descending ? ' DESC' : ''}`,
    parameters,
  };
}

/** The counting query of the summary line: per area status and at-risk flag, nothing else. */
export const SUMMARY_SELECT =
  'SELECT c.partnerId, {' +
  AREAS.map((a) => `"${a}": {"status": c.summary.areas.${a}.status, "atRisk": c.summary.areas.${a}.atRisk}`).join(', ') +
  '} AS areas FROM c';

export function summaryQuery(filter: Pick<PartnerListFilter, 'q' | 'onlyPartners'>): QuerySpec {
  const { conditions, parameters } = whereOf({ q: filter.q, onlyPartners: filter.onlyPartners });
  return { query: `${SUMMARY_SELECT} WHERE ${conditions.join(' AND ')}`, parameters };
}

/** Names of the given partners' profiles (one query, partitions named in the IN list). */
export function namesQuery(partnerIds: readonly string[]): QuerySpec {
  const names = partnerIds.map((_, i) => `@p${i}`);
  return {
    query: `SELECT c.partnerId, c.name FROM c WHERE c.id = @profile AND c.partnerId IN (${names.join(', ')})`,
    parameters: [{ name: '@profile', value: profileDocId() }, ...partnerIds.map((value, i) => ({ name: `@p${i}`, value }))],
  };
}

export function cosmosPartnerSummaries(partners: DocumentCollection): PartnerSummaryQueries {
  return {
    // One cross-partition query page (plus at most MAX_EMPTY_PAGES empty ones Cosmos may return first).
    async page(filter, order, limit, continuation) {
      const { items, continuationToken } = await firstNonEmptyPage(
        (s, o) => partners.query<PartnerListRow>(s, o),
        listQuery(filter, order),
        { pageSize: limit, ...(continuation ? { continuationToken: continuation } : {}) },
        (r) => typeof r.partnerId === 'string' && r.partnerId !== '',
      );
      return { rows: items, continuation: continuationToken };
    },
    // One query over the named partitions.
    async profileNames(partnerIds) {
      const out = new Map<string, unknown>();
      if (partnerIds.length === 0) return out;
      const rows = partners.queryAll<{ partnerId?: unknown; name?: unknown }>(namesQuery(partnerIds), { pageSize: partnerIds.length });
      for await (const row of rows) if (typeof row.partnerId === 'string' && row.name !== undefined) out.set(row.partnerId, row.name);
      return out;
    },
    // One projected cross-partition query, page by page.
    async *statuses(filter, pageSize) {
      for await (const row of partners.queryAll<PartnerStatusRow>(summaryQuery(filter), { pageSize })) yield row;
    },
  };
}
