// Operations (admin keys): import reports with their rejected rows, rejected and dead-lettered messages.
import { Fragment } from 'preact';

import { api, ApiError, explain, type ImportReport } from './api';
import { type Loaded, useLoad } from './hooks';
import { ColumnHeads, Section, when } from './ui';

type Row = Record<string, unknown>;

function Forbidden(props: { loaded: Loaded<unknown>; what: string }) {
  if (props.loaded.state !== 'error') return null;
  const e = props.loaded.error;
  if (e instanceof ApiError && e.status === 403)
    return (
      <p class="note" role="status" data-testid="admin-only">
        {props.what} are for admin keys only: this key cannot see them.
      </p>
    );
  return (
    <p class={e instanceof ApiError && e.status === 404 ? 'note' : 'error'} role="status">
      {explain(e, props.what.toLowerCase())}
    </p>
  );
}

function listOf(body: unknown, ...names: string[]): Row[] {
  if (Array.isArray(body)) return body as Row[];
  if (body && typeof body === 'object')
    for (const n of names) if (Array.isArray((body as Row)[n])) return (body as Record<string, Row[]>)[n]!;
  return [];
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The body excerpt, indented when it is whole JSON; marked when cut. */
function pretty(r: Row): string {
  const excerpt = typeof r.bodyExcerpt === 'string' ? r.bodyExcerpt : JSON.stringify(r.body ?? null);
  let out = excerpt;
  try {
    out = JSON.stringify(JSON.parse(excerpt), null, 2);
  } catch {
    // cut or not JSON: as it is
  }
  return r.bodyTruncated ? `${out}\n… (cut)` : out;
}

/** GET /api/operations/dead-letters answers per queue; one row per message, with its queue. */
function deadLetterRows(body: unknown): Row[] {
  const queues = listOf(body, 'queues');
  if (queues.length === 0) return listOf(body, 'messages', 'deadLetters');
  return queues.flatMap((q) => listOf(q, 'messages').map((m) => ({ ...m, queue: q.queue })));
}

function MessageTable(props: { rows: Row[]; empty: string; kind: string }) {
  if (props.rows.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <table class="compact" data-testid={`${props.kind}-table`}>
      <ColumnHeads names={['When', 'Queue', 'Message', 'Deliveries', 'Reason', 'Body']} />
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={text(r.id ?? r.messageId ?? i)}>
            <td class="small">
              {when(typeof (r.rejectedAt ?? r.enqueuedTimeUtc) === 'string' ? String(r.rejectedAt ?? r.enqueuedTimeUtc) : null)}
            </td>
            <td>
              {text(r.queue ?? null)}
              {r.functionName ? <div class="small muted">{text(r.functionName)}</div> : null}
            </td>
            <td>
              <code>{text(r.messageId ?? r.id ?? null)}</code>
            </td>
            <td>{text(r.deliveryCount ?? null)}</td>
            <td>
              {text(r.reason ?? r.deadLetterReason ?? null)}
              {r.deadLetterErrorDescription || r.errorDescription ? (
                <div class="small muted">{text(r.deadLetterErrorDescription ?? r.errorDescription)}</div>
              ) : null}
            </td>
            <td>
              <details>
                <summary>Show</summary>
                <pre class="body">{pretty(r)}</pre>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Operations() {
  const imports = useLoad(() => api<{ imports: ImportReport[] }>('imports', { limit: 20 }), []);
  const rejected = useLoad(() => api<unknown>('operations/rejected'), []);
  const dead = useLoad(() => api<unknown>('operations/dead-letters'), []);
  return (
    <div data-testid="operations-view">
      <h1>Operations</h1>
      <Section title="Imports" id="imports">
        <Forbidden loaded={imports} what="Import reports" />
        {imports.state === 'loading' && <p aria-busy="true">Loading imports…</p>}
        {imports.state === 'ok' &&
          (imports.value.imports.length === 0 ? (
            <p class="muted">No imports yet.</p>
          ) : (
            <table class="compact" data-testid="imports-table">
              <ColumnHeads names={['File', 'Finished', 'Rows', 'Accepted', 'Rejected', 'Partners']} />
              <tbody>
                {imports.value.imports.map((r) => (
                  <Fragment key={r.id}>
                    <tr>
                      <td>
                        <code>{r.file}</code>
                        {r.error ? <div class="error small">{r.error}</div> : null}
                      </td>
                      <td class="small">{when(r.finishedAt)}</td>
                      <td>{r.rows}</td>
                      <td>{r.accepted}</td>
                      <td class={r.rejectedCount ? 'risk' : ''}>{r.rejectedCount}</td>
                      <td>{r.partners.length}</td>
                    </tr>
                    {r.rejected.length > 0 && (
                      <tr class="sub">
                        <td colSpan={6}>
                          <table class="compact rejected-rows" data-testid="rejected-rows">
                            <caption>Rejected rows of {r.file}</caption>
                            <ColumnHeads names={['Line', 'Column', 'Reason']} />
                            <tbody>
                              {r.rejected.map((x, i) => (
                                <tr key={i}>
                                  <td>{x.line}</td>
                                  <td>{x.column ?? '(whole row)'}</td>
                                  <td>{x.reason}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                          {r.rejectedCount > r.rejected.length && (
                            <p class="small muted">
                              and {r.rejectedCount - r.rejected.length} more (the report keeps the first {r.rejected.length})
                            </p>
                          )}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          ))}
      </Section>
      <Section title="Rejected messages" id="rejected-messages">
        <p class="muted small">Messages that failed validation: recorded with the reason and completed, never retried.</p>
        <Forbidden loaded={rejected} what="Rejected messages" />
        {rejected.state === 'loading' && <p aria-busy="true">Loading…</p>}
        {rejected.state === 'ok' && (
          <MessageTable kind="rejected" rows={listOf(rejected.value, 'rejectedMessages', 'messages')} empty="No rejected messages." />
        )}
      </Section>
      <Section title="Dead-lettered messages" id="dead-letters">
        <p class="muted small">Messages that failed on every delivery up to the maximum delivery count.</p>
        <Forbidden loaded={dead} what="Dead-lettered messages" />
        {dead.state === 'loading' && <p aria-busy="true">Loading…</p>}
        {dead.state === 'ok' && <MessageTable kind="dead-letters" rows={deadLetterRows(dead.value)} empty="No dead-lettered messages." />}
      </Section>
    </div>
  );
}
