import { Component, type ComponentChildren } from 'preact';

import { type FilterStatus, type Status, STATUS_TEXT } from './api';

export function Badge(props: { status: FilterStatus | null }) {
  if (!props.status) return <span class="badge none">No data</span>;
  return (
    <span class={`badge ${props.status}`} data-status={props.status}>
      {STATUS_TEXT[props.status]}
    </span>
  );
}

export function StatusBadges(props: { status: Status | null; atRisk: boolean }) {
  return (
    <span class="badges">
      <Badge status={props.status} />
      {props.atRisk && <Badge status="atRisk" />}
    </span>
  );
}

export function Section(props: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={`${props.id}-h`} data-testid={props.id}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function day(d: string | null | undefined): string {
  return d ? d.slice(0, 10) : '—';
}

export function when(ts: string | null | undefined): string {
  if (!ts) return '—';
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? ts : `${ts.slice(0, 10)} ${ts.slice(11, 16)} UTC`;
}

/** metricName → "Metric name" for people. */
export function words(name: string | null | undefined): string {
  if (!name) return '—';
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

/** A view that fails to render says so instead of blanking the page. */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, { error: Error | null }> {
  override state = { error: null as Error | null };
  override componentDidCatch(error: Error) {
    this.setState({ error });
  }
  render() {
    if (this.state.error)
      return (
        <p class="error" role="alert">
          This view could not be shown: {this.state.error.message}
        </p>
      );
    return this.props.children;
  }
}

/** A table's header row: one column header per name, in order. */
export function ColumnHeads(props: { names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {props.names.map((name) => (
          <th scope="col" key={name}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
