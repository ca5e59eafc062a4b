// The explanation of each metric, readable: who counted, and the others grouped by why they did not.
import { useState } from 'preact/hooks';

import { type Area, AREA_LABELS, AREAS, type Explanations, type MetricExplanation } from './api';
import { words } from './ui';

export const REASON_TEXT: Record<string, string> = {
  'not-commercial-cloud': 'not in the commercial cloud',
  'no-usage': 'no usage reported',
  'no-eligible-usage': 'no eligible usage',
  'association-not-eligible': 'association type not eligible for this metric',
  'association-inactive': 'association not active in the window',
  'offer-not-standard': 'offer is not a standard commercial offer',
  'service-not-listed': 'service not on the list for this area',
  'workload-not-listed': 'workload not on the list for this area',
  'activity-not-eligible': 'CPOR activity not eligible',
  'below-floor': 'below the minimum (floor)',
  'outside-band': 'outside the counted band',
  'below-ratio': 'below the required ratio',
  'outside-ttm-range': 'outside the trailing-twelve-months range',
  'already-deployed-at-start': 'already deployed at the start of the window',
  'excluded-service': 'service excluded from this metric',
  'no-change': 'no change over the period',
  'not-linked': 'not linked to the partner in the window',
  'no-listed-certification': 'no certification listed for this area',
  'certification-not-yet-earned': 'certification not yet earned on the day',
  'certification-expired': 'certification expired',
  'certification-retired': 'certification retired',
  'gate-not-met': 'prerequisite (gate) not met',
};
const NOT_THIS_METRIC = new Set(['metric-counts-people', 'metric-counts-customers']);

interface Entry {
  id: string;
  counted: boolean;
  reason?: string;
  detail?: string;
}

function groupByReason(entries: Entry[]): Array<[string, Entry[]]> {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.counted || !e.reason || NOT_THIS_METRIC.has(e.reason)) continue;
    const list = groups.get(e.reason) ?? [];
    list.push(e);
    groups.set(e.reason, list);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}

function IdList(props: { entries: Entry[] }) {
  return (
    <ul class="ids">
      {props.entries.map((e) => (
        <li key={e.id}>
          <code>{e.id}</code>
          {e.detail ? <span class="muted"> — {e.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Figures(props: { figures: Record<string, number | string | null> | undefined }) {
  const entries = Object.entries(props.figures ?? {});
  if (entries.length === 0) return null;
  return (
    <dl class="figures">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{words(k)}</dt>
          <dd>{v === null ? '—' : typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Kind(props: { noun: string; entries: Entry[] }) {
  const relevant = props.entries.filter((e) => !(e.reason && NOT_THIS_METRIC.has(e.reason)));
  if (relevant.length === 0) return null;
  const counted = relevant.filter((e) => e.counted);
  const groups = groupByReason(relevant);
  return (
    <div class="kind">
      <details>
        <summary>
          <strong>{counted.length}</strong> {props.noun} counted
        </summary>
        {counted.length ? <IdList entries={counted} /> : <p class="muted">None.</p>}
      </details>
      {groups.map(([reason, list]) => (
        <details key={reason}>
          <summary>
            <strong>{list.length}</strong> not counted: {REASON_TEXT[reason] ?? words(reason)}
          </summary>
          <IdList entries={list} />
        </details>
      ))}
    </div>
  );
}

function Metric(props: { name: string; m: MetricExplanation }) {
  const tenants: Entry[] = props.m.tenants.map((t) => ({
    id: t.tenantId,
    counted: t.counted,
    ...(t.reason ? { reason: t.reason } : {}),
    ...(t.counted_items?.length ? { detail: t.counted_items.join(', ') } : {}),
  }));
  const people: Entry[] = props.m.people.map((p) => ({
    id: p.personId,
    counted: p.counted,
    ...(p.reason ? { reason: p.reason } : {}),
    ...(p.certifications?.length ? { detail: p.certifications.join(', ') } : {}),
  }));
  return (
    <article class="metric-explanation">
      <h4>{words(props.name)}</h4>
      <p>{props.m.summary}</p>
      <Figures figures={props.m.figures} />
      <Kind noun="customers (tenants)" entries={tenants} />
      <Kind noun="people" entries={people} />
    </article>
  );
}

export function ExplanationView(props: { data: Explanations }) {
  const available = AREAS.filter((a) => props.data.explanations?.[a]);
  const [area, setArea] = useState<Area | undefined>(available.find((a) => a === 'businessApplications') ?? available[0]);
  if (!props.data.explanations) return <p class="note">No explanations stored: {props.data.omitted ?? 'unknown reason'}.</p>;
  const current = area ? props.data.explanations[area] : undefined;
  return (
    <div>
      <div class="tabs" role="group" aria-label="Area of the explanation">
        {available.map((a) => (
          <button type="button" key={a} aria-pressed={a === area} onClick={() => setArea(a)}>
            {AREA_LABELS[a]}
          </button>
        ))}
      </div>
      {current && (
        <div>
          <p class="muted small">
            {area ? AREA_LABELS[area] : ''}, {current.track} track, facts as of {props.data.asOf}.
          </p>
          {Object.entries(current.metrics).map(([name, m]) => (
            <Metric key={name} name={name} m={m} />
          ))}
        </div>
      )}
    </div>
  );
}
