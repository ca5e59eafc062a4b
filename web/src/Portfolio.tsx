// Portfolio: every partner with a status badge per area; filter by area and status, search, sort by a
// column (server-side), page through with the continuation token, export what is shown as CSV.
import { useMemo, useState } from 'preact/hooks';

import {
  api,
  type Area,
  AREA_LABELS,
  AREAS,
  explain,
  FILTER_STATUSES,
  type FilterStatus,
  isAtRisk,
  type ListArea,
  type ListPartner,
  type Me,
  type PartnerPage,
  STATUS_TEXT,
  type Summary,
} from './api';
import { download, toCsv } from './csv';
import { useLoad } from './hooks';
import { href } from './route';
import { Badge, StatusBadges } from './ui';

export const PAGE_SIZE = 50;

interface Column {
  key: string;
  label: string;
  sort?: string;
  cell: (p: ListPartner) => preact.ComponentChildren;
  csv: (p: ListPartner) => Array<string | number | null>;
  csvHeader: string[];
}

function areaOf(p: ListPartner, area: Area): ListArea | undefined {
  return p.areas.find((a) => a.area === area);
}

function statusWords(a: ListArea | undefined): string {
  if (!a || !a.status) return 'No data';
  return STATUS_TEXT[a.status];
}

function matches(p: ListPartner, f: { area: Area | ''; status: FilterStatus | ''; q: string; scope: string[] | null }): boolean {
  if (f.scope && !f.scope.includes(p.partnerId)) return false;
  const q = f.q.trim().toLowerCase();
  if (q && !p.partnerId.toLowerCase().includes(q) && !(p.name ?? '').toLowerCase().includes(q)) return false;
  if (f.status) {
    const areas = f.area ? p.areas.filter((a) => a.area === f.area) : p.areas;
    return areas.some((a) => (f.status === 'atRisk' ? isAtRisk(a) : a.status === f.status));
  }
  return true;
}

function days(a: ListArea | undefined): string {
  const d = a?.daysUntilAnniversary;
  if (d === null || d === undefined) return '—';
  return d < 0 ? `${d} (renewal window)` : String(d);
}

function areaCell(a: ListArea | undefined) {
  if (!a) return <span class="muted">—</span>;
  return (
    <div class="area-cell">
      <StatusBadges status={a.status} atRisk={isAtRisk(a)} />
      <span class="total">{a.totalDisplay ?? '—'}</span>
      <span class="small muted">
        {a.track ?? ''}
        {a.daysUntilAnniversary !== null && a.daysUntilAnniversary !== undefined ? ` · ${days(a)} d` : ''}
      </span>
    </div>
  );
}

function columnsFor(area: Area | ''): Column[] {
  const id: Column = {
    key: 'partnerId',
    label: 'Partner ID',
    sort: 'partnerId',
    cell: (p) => <a href={href({ view: 'partner', partnerId: p.partnerId })}>{p.partnerId}</a>,
    csv: (p) => [p.partnerId],
    csvHeader: ['partnerId'],
  };
  const name: Column = {
    key: 'name',
    label: 'Name',
    sort: 'name',
    cell: (p) => p.name ?? <span class="muted">(no name)</span>,
    csv: (p) => [p.name ?? ''],
    csvHeader: ['name'],
  };
  if (area) {
    const label = AREA_LABELS[area];
    return [
      id,
      name,
      {
        key: 'status',
        label: `${label}: status`,
        sort: `${area}.status`,
        cell: (p) => <StatusBadges status={areaOf(p, area)?.status ?? null} atRisk={isAtRisk(areaOf(p, area) ?? {})} />,
        csv: (p) => [statusWords(areaOf(p, area)), isAtRisk(areaOf(p, area) ?? {}) ? 'yes' : 'no'],
        csvHeader: [`${area}.status`, `${area}.atRisk`],
      },
      {
        key: 'total',
        label: 'Total',
        sort: `${area}.total`,
        cell: (p) => <span class="total">{areaOf(p, area)?.totalDisplay ?? '—'}</span>,
        csv: (p) => [areaOf(p, area)?.totalDisplay ?? ''],
        csvHeader: [`${area}.total`],
      },
      {
        key: 'track',
        label: 'Track',
        cell: (p) => areaOf(p, area)?.track ?? '—',
        csv: (p) => [areaOf(p, area)?.track ?? ''],
        csvHeader: [`${area}.track`],
      },
      {
        key: 'days',
        label: 'Days to anniversary',
        sort: `${area}.daysUntilAnniversary`,
        cell: (p) => days(areaOf(p, area)),
        csv: (p) => [areaOf(p, area)?.daysUntilAnniversary ?? ''],
        csvHeader: [`${area}.daysUntilAnniversary`],
      },
    ];
  }
  return [
    id,
    name,
    ...AREAS.map((a): Column => ({
      key: a,
      label: AREA_LABELS[a],
      sort: `${a}.total`,
      cell: (p) => areaCell(areaOf(p, a)),
      csv: (p) => {
        const x = areaOf(p, a);
        return [statusWords(x), isAtRisk(x ?? {}) ? 'yes' : 'no', x?.totalDisplay ?? '', x?.track ?? '', x?.daysUntilAnniversary ?? ''];
      },
      csvHeader: [`${a}.status`, `${a}.atRisk`, `${a}.total`, `${a}.track`, `${a}.daysUntilAnniversary`],
    })),
  ];
}

function SortHeader(props: { col: Column; sort: string; onSort: (s: string) => void }) {
  const { col, sort } = props;
  if (!col.sort) return <th scope="col">{col.label}</th>;
  const dir = sort === col.sort ? 'ascending' : sort === `-${col.sort}` ? 'descending' : 'none';
  const next = sort === col.sort ? `-${col.sort}` : col.sort;
  return (
    <th scope="col" aria-sort={dir}>
      <button type="button" class="sort" onClick={() => props.onSort(next)} title={`Sort by ${col.label}`}>
        {col.label}
        <span aria-hidden="true" class="sort-mark">
          {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

function SummaryBox(props: { q: string; area: Area | ''; shown: ListPartner[] }) {
  const summary = useLoad(() => api<Summary>('partners/summary', { q: props.q || undefined }), [props.q]);
  let data: Summary | undefined;
  let note: string | undefined;
  if (summary.state === 'ok') data = summary.value;
  else if (summary.state === 'error') {
    // Without the summary route, count the page shown.
    note = `${explain(summary.error, 'the summary')} Counting the rows shown instead.`;
    data = { partners: props.shown.length, areas: {} };
    for (const p of props.shown)
      for (const a of p.areas) {
        const c = (data.areas[a.area] ??= {});
        if (a.status) c[a.status] = (c[a.status] ?? 0) + 1;
        if (isAtRisk(a)) c.atRisk = (c.atRisk ?? 0) + 1;
      }
  }
  if (!data)
    return (
      <section class="summary" aria-busy="true">
        Counting…
      </section>
    );
  const totals = Object.fromEntries(FILTER_STATUSES.map((s) => [s, AREAS.reduce((n, a) => n + (data!.areas[a]?.[s] ?? 0), 0)])) as Record<
    FilterStatus,
    number
  >;
  return (
    <section class="summary" aria-label="Summary" data-testid="summary">
      <div class="cards">
        <div class="card">
          <span class="big" data-testid="summary-partners">
            {data.partners}
          </span>{' '}
          partners
        </div>
        {FILTER_STATUSES.map((s) => (
          <div class="card" key={s}>
            <Badge status={s} /> <span class="big">{totals[s]}</span> <span class="small muted">designations</span>
          </div>
        ))}
      </div>
      <details>
        <summary>Counts per area</summary>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">Area</th>
              {FILTER_STATUSES.map((s) => (
                <th scope="col" key={s}>
                  {STATUS_TEXT[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {AREAS.map((a) => (
              <tr key={a} class={props.area === a ? 'selected' : ''}>
                <th scope="row">{AREA_LABELS[a]}</th>
                {FILTER_STATUSES.map((s) => (
                  <td key={s}>{data!.areas[a]?.[s] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {note && <p class="note">{note}</p>}
    </section>
  );
}

export function Portfolio(props: { me: Me | null }) {
  const [area, setArea] = useState<Area | ''>('');
  const [status, setStatus] = useState<FilterStatus | ''>('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('partnerId');
  // The continuation tokens of the pages before the one shown: tokens[i] opens page i (undefined: the first).
  const [tokens, setTokens] = useState<Array<string | undefined>>([undefined]);
  const token = tokens[tokens.length - 1];
  const reset = () => setTokens([undefined]);

  const page = useLoad(
    () =>
      api<PartnerPage>('partners', {
        status: status || undefined,
        area: area || undefined,
        q: q || undefined,
        sort,
        limit: PAGE_SIZE,
        continuation: token,
      }),
    [status, area, q, sort, token],
  );
  const scope = props.me?.partners ?? null;
  // The last page stays on screen while the next one loads: a sort header pressed by keyboard keeps its focus.
  const listed = page.state === 'ok' ? page.value : page.state === 'loading' ? page.previous : undefined;
  const shown = useMemo(
    () => (listed ? listed.partners.filter((p) => matches(p, { area, status, q, scope })) : []),
    [listed, area, status, q, scope],
  );
  const columns = columnsFor(area);

  const exportCsv = () => {
    const rows = [columns.flatMap((c) => c.csvHeader), ...shown.map((p) => columns.flatMap((c) => c.csv(p)))];
    download(`partners-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(rows));
  };

  return (
    <div>
      <h1>Portfolio</h1>
      {scope && (
        <p class="note" data-testid="scope-note">
          This key sees {scope.length === 1 ? 'one partner' : `${scope.length} partners`}: {scope.join(', ')}.
        </p>
      )}
      <SummaryBox q={q} area={area} shown={shown} />
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(search.trim());
          reset();
        }}
      >
        <label>
          Area{' '}
          <select
            value={area}
            onChange={(e) => {
              setArea((e.currentTarget as HTMLSelectElement).value as Area | '');
              if (sort.includes('.')) setSort('partnerId');
              reset();
            }}
            data-testid="filter-area"
          >
            <option value="">All areas</option>
            {AREAS.map((a) => (
              <option value={a} key={a}>
                {AREA_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus((e.currentTarget as HTMLSelectElement).value as FilterStatus | '');
              reset();
            }}
            data-testid="filter-status"
          >
            <option value="">Any status</option>
            {FILTER_STATUSES.map((s) => (
              <option value={s} key={s}>
                {STATUS_TEXT[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search{' '}
          <input
            type="search"
            value={search}
            placeholder="Name or partner ID"
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
            data-testid="filter-q"
          />
        </label>
        <button type="submit">Search</button>
        {(q || area || status) && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setArea('');
              setStatus('');
              setSearch('');
              setQ('');
              reset();
            }}
          >
            Clear filters
          </button>
        )}
        <span class="spacer" />
        <button type="button" onClick={exportCsv} disabled={page.state !== 'ok'} data-testid="export-csv">
          Export CSV ({shown.length} rows)
        </button>
      </form>

      {page.state === 'loading' && <p aria-live="polite">Loading partners…</p>}
      {page.state === 'error' && (
        <p class="error" role="alert">
          {explain(page.error, 'the partner list')}
        </p>
      )}
      {listed && (
        <>
          <p class="muted small" aria-live="polite" data-testid="row-count">
            Page {tokens.length}: {shown.length} partner{shown.length === 1 ? '' : 's'}
            {sort !== 'partnerId' ? `, sorted by ${sort.replace(/^-/, '')} ${sort.startsWith('-') ? 'descending' : 'ascending'}` : ''}
          </p>
          <div class="table-wrap">
            <table class="portfolio" data-testid="portfolio" aria-busy={page.state === 'loading'}>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <SortHeader
                      key={c.key}
                      col={c}
                      sort={sort}
                      onSort={(s) => {
                        setSort(s);
                        reset();
                      }}
                    />
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.partnerId} data-partner-id={p.partnerId}>
                    {columns.map((c) => (
                      <td key={c.key} data-col={c.key}>
                        {c.cell(p)}
                      </td>
                    ))}
                  </tr>
                ))}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={columns.length}>No partner matches.</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <nav class="pager" aria-label="Pages">
            <button type="button" disabled={page.state !== 'ok' || tokens.length <= 1} onClick={() => setTokens(tokens.slice(0, -1))}>
              ← Previous page
            </button>
            <button
              type="button"
              disabled={page.state !== 'ok' || !listed.continuation}
              onClick={() => setTokens([...tokens, listed.continuation ?? undefined])}
            >
              Next page →
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
