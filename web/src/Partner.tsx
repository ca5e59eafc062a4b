// One partner: the areas against 70, metrics, windows, history, forecast, plans, explanations, CPOR
// claims, transitions and mails. The detail comes first; every other section loads on its own and says
// why when it cannot.
import {
  api,
  ApiError,
  AREA_LABELS,
  AREAS,
  type ClaimSummary,
  type DetailArea,
  explain,
  type Explanations,
  type Forecast,
  type Mail,
  type PartnerDetail,
  type PartnerHistory,
  PASS_MARK,
  type Recommendations,
  STATUS_TEXT,
} from './api';
import { AreaBarChart, HistoryChart } from './charts';
import { ExplanationView } from './explanations';
import { type Loaded, useLoad } from './hooks';
import { href } from './route';
import { ColumnHeads, day, Section, StatusBadges, when, words } from './ui';

function Load<T>(props: { loaded: Loaded<T>; what: string; children: (value: T) => preact.ComponentChildren }) {
  if (props.loaded.state === 'loading') return <p aria-busy="true">Loading {props.what}…</p>;
  if (props.loaded.state === 'error')
    return (
      <p class={props.loaded.error instanceof ApiError && props.loaded.error.status === 404 ? 'note' : 'error'} role="status">
        {explain(props.loaded.error, props.what)}
      </p>
    );
  return <>{props.children(props.loaded.value)}</>;
}

function range(r: { start: string; end: string } | null | undefined): string {
  return r ? `${r.start} – ${r.end}` : '—';
}

function MetricBars(props: { a: DetailArea }) {
  const metrics = Object.entries(props.a.score?.metrics ?? {});
  if (metrics.length === 0) return <p class="muted">No score yet.</p>;
  return (
    <table class="metrics">
      <caption class="visually-hidden">Metrics of {AREA_LABELS[props.a.area]}: points of their maximum</caption>
      <ColumnHeads names={['Metric', 'Points', 'Value']} />
      <tbody>
        {metrics.map(([name, m]) => (
          <tr key={name}>
            <th scope="row">{words(name)}</th>
            <td>
              <div
                class="meter"
                role="meter"
                aria-valuemin={0}
                aria-valuemax={m.maxPoints}
                aria-valuenow={m.points}
                aria-label={`${words(name)}: ${m.points} of ${m.maxPoints} points`}
              >
                <span
                  style={{ width: `${m.maxPoints ? Math.min(100, (m.points / m.maxPoints) * 100) : 0}%` }}
                  class={m.points > 0 ? '' : 'zero'}
                />
              </div>
              <span class="small">
                {(m.points ?? 0).toLocaleString('en-US', { maximumFractionDigits: 1 })} / {m.maxPoints}
              </span>
            </td>
            <td class="small">
              {m.value === null || m.value === undefined ? '—' : m.value.toLocaleString('en-US', { maximumFractionDigits: 2 })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AreaCard(props: { a: DetailArea }) {
  const { a } = props;
  return (
    <article class="area-card" data-area={a.area} data-status={a.status} aria-labelledby={`area-${a.area}`}>
      <h3 id={`area-${a.area}`}>
        {AREA_LABELS[a.area]} <StatusBadges status={a.status} atRisk={a.atRisk !== null} />
      </h3>
      <p class="total-line">
        <span class="big">{a.score?.totalDisplay ?? '—'}</span> of 100 · {PASS_MARK} to qualify · {a.score?.track ?? '—'} track
        {a.score && !a.score.qualifiesToday && a.score.total >= PASS_MARK ? ' · a metric is at 0' : ''}
      </p>
      <dl class="facts">
        <div>
          <dt>Status</dt>
          <dd>
            {a.label} since {a.since}
            {a.cause ? ` (${words(a.cause)})` : ''}
          </dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd>{range(a.window)}</dd>
        </div>
        {a.anniversary && (
          <div>
            <dt>Anniversary</dt>
            <dd>
              {a.anniversary} ({a.daysUntilAnniversary ?? '—'} days)
            </dd>
          </div>
        )}
        {a.renewalWindow && (
          <div>
            <dt>Renewal window</dt>
            <dd>
              {range(a.renewalWindow)}
              {a.eligibleToRenew !== null ? ` · ${a.eligibleToRenew ? 'eligible to renew' : 'not yet eligible to renew'}` : ''}
            </dd>
          </div>
        )}
        {a.atRisk && (
          <div class="risk">
            <dt>At risk</dt>
            <dd>
              forecast for {a.atRisk.forecastAsOf}: {Number(a.atRisk.total).toFixed(1)} — {words(a.atRisk.metric)}: {a.atRisk.reason}
            </dd>
          </div>
        )}
      </dl>
      <MetricBars a={a} />
    </article>
  );
}

function HistorySection(props: { partnerId: string; detail: PartnerDetail }) {
  const history = useLoad(() => api<PartnerHistory>(`partners/${encodeURIComponent(props.partnerId)}/history`), [props.partnerId]);
  // The detail has the same six monthly maxima: show them while (or if) the history cannot load.
  const areas = history.state === 'ok' ? history.value.areas : props.detail.areas;
  const months = areas[0]?.monthlyMaxima.map((m) => m.month) ?? [];
  const series = areas.map((a) => ({ label: AREA_LABELS[a.area], values: a.monthlyMaxima.map((m) => m.maxTotal) }));
  return (
    <Section title="Six-month history (monthly maxima)" id="history">
      {history.state === 'error' && (
        <p class="note">{explain(history.error, 'the daily history')} Showing the maxima of the partner's detail.</p>
      )}
      <HistoryChart months={months} series={series} title="Monthly maximum total per area" />
    </Section>
  );
}

function ForecastSection(props: { partnerId: string }) {
  const forecast = useLoad(() => api<Forecast[]>(`partners/${encodeURIComponent(props.partnerId)}/forecast`), [props.partnerId]);
  return (
    <Section title="Forecast" id="forecast">
      <Load loaded={forecast} what="the forecast">
        {(fs) => <ForecastTable forecasts={fs} />}
      </Load>
    </Section>
  );
}

/** Each area's forecast total per forecast day, the at-risk ones flagged. */
function ForecastTable(props: { forecasts: Forecast[] }) {
  const fs = props.forecasts;
  return (
    <table class="compact">
      <caption class="visually-hidden">Forecast totals per area</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          {fs.map((f) => (
            <th scope="col" key={f.asOf}>
              {f.asOf}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {AREAS.map((a) => (
          <tr key={a}>
            <th scope="row">{AREA_LABELS[a]}</th>
            {fs.map((f) => {
              const x = f.areas[a];
              return (
                <td key={f.asOf} class={x?.flag ? 'risk' : ''}>
                  {x ? x.total.toFixed(1) : '—'} {x?.qualifiesToday ? '✓' : ''}
                  {x?.flag && (
                    <div class="small">
                      <span class="badge atRisk">At risk</span> {words(x.flag.metric)}: {x.flag.reason}
                    </div>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlanSteps(props: { plan: ReadonlyArray<{ text: string }> }) {
  return (
    <ol>
      {props.plan.map((s, i) => (
        <li key={i}>{s.text}</li>
      ))}
    </ol>
  );
}

function RecommendationsSection(props: { partnerId: string }) {
  const recs = useLoad(() => api<Recommendations>(`partners/${encodeURIComponent(props.partnerId)}/recommendations`), [props.partnerId]);
  return (
    <Section title="Recommendations" id="recommendations">
      <Load loaded={recs} what="the recommendations">
        {(r) => (
          <ul class="plans">
            {AREAS.filter((a) => r.areas[a]).map((a) => {
              const p = r.areas[a]!;
              return (
                <li key={a}>
                  <strong>{AREA_LABELS[a]}:</strong>{' '}
                  {p.qualifiesToday && (!p.plan || p.plan.length === 0) ? (
                    <span>qualifies today{p.atRisk ? ` — but at risk: ${p.atRisk.reason}` : ''}.</span>
                  ) : p.plan === null ? (
                    <span class="muted">no plan found{p.reason ? `: ${p.reason}` : ''}.</span>
                  ) : (
                    <>
                      <span>
                        {p.plan.length} step{p.plan.length === 1 ? '' : 's'} to {p.totalAfter.toFixed(1)}:
                      </span>
                      {p.plan.length <= 3 ? (
                        <PlanSteps plan={p.plan} />
                      ) : (
                        <details>
                          <summary>Show the {p.plan.length} steps</summary>
                          <PlanSteps plan={p.plan} />
                        </details>
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Load>
    </Section>
  );
}

function ExplanationsSection(props: { partnerId: string }) {
  const ex = useLoad(() => api<Explanations>(`partners/${encodeURIComponent(props.partnerId)}/explanations`), [props.partnerId]);
  return (
    <Section title="Why each metric scores what it does" id="explanations">
      <Load loaded={ex} what="the explanations">
        {(e) => <ExplanationView data={e} />}
      </Load>
    </Section>
  );
}

function ClaimsSection(props: { partnerId: string }) {
  const claims = useLoad(() => api<{ claims: ClaimSummary[] }>(`claims/${encodeURIComponent(props.partnerId)}`), [props.partnerId]);
  return (
    <Section title="CPOR claims" id="claims">
      <Load loaded={claims} what="the CPOR claims">
        {(c) =>
          c.claims.length === 0 ? (
            <p class="muted">No CPOR claims.</p>
          ) : (
            <table class="compact">
              <ColumnHeads names={['Claim', 'Customer', 'Area · activity', 'Status', 'Deadlines']} />
              <tbody>
                {c.claims.map((cl) => (
                  <tr key={cl.claimId}>
                    <td>
                      <code>{cl.claimId}</code>
                    </td>
                    <td>
                      <code>{cl.tenantId}</code>
                    </td>
                    <td>
                      {cl.solutionArea ? (AREA_LABELS[cl.solutionArea as keyof typeof AREA_LABELS] ?? cl.solutionArea) : '—'} ·{' '}
                      {cl.activity ?? '—'}
                    </td>
                    <td>
                      {words(cl.status)}
                      {cl.statusSince ? ` since ${day(cl.statusSince)}` : ''}
                    </td>
                    <td>
                      {cl.deadlines.length === 0
                        ? '—'
                        : cl.deadlines.map((d) => (
                            <div key={d.kind} class={d.passed ? 'risk small' : 'small'} title={d.rule}>
                              {words(d.kind)}: {d.lastDay}
                              {d.passed ? ' (passed)' : ''}
                            </div>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Load>
    </Section>
  );
}

function ActivitySection(props: { partnerId: string; detail: PartnerDetail }) {
  const mails = useLoad(() => api<{ mails: Mail[] }>(`partners/${encodeURIComponent(props.partnerId)}/mails`), [props.partnerId]);
  return (
    <Section title="Recent transitions and mails" id="activity">
      <h3>Transitions</h3>
      {props.detail.recentTransitions.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <table class="compact">
          <ColumnHeads names={['Day', 'Area', 'From → to', 'Why']} />
          <tbody>
            {props.detail.recentTransitions.map((t) => (
              <tr key={t.id}>
                <td>{t.day}</td>
                <td>{AREA_LABELS[t.area]}</td>
                <td>
                  {STATUS_TEXT[t.from]} → {STATUS_TEXT[t.to]}
                </td>
                <td>{words(t.cause)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Mails</h3>
      <Load loaded={mails} what="the mails">
        {(m) =>
          m.mails.length === 0 ? (
            <p class="muted">No mails.</p>
          ) : (
            <table class="compact">
              <ColumnHeads names={['Kind', 'Area', 'State', 'Subject', 'To', 'When']} />
              <tbody>
                {m.mails.map((x) => (
                  <tr key={x.notificationId}>
                    <td>{x.kind ? words(x.kind) : '—'}</td>
                    <td>{x.area ? (AREA_LABELS[x.area as keyof typeof AREA_LABELS] ?? x.area) : '—'}</td>
                    <td>
                      {words(x.state)}
                      {x.reason ? <div class="small muted">{x.reason}</div> : null}
                    </td>
                    <td>
                      {x.subject ?? '—'}
                      {x.language ? <span class="small muted"> ({x.language})</span> : null}
                    </td>
                    <td class="small">{x.recipients?.length ? x.recipients.join(', ') : '—'}</td>
                    <td class="small">{when(x.sentAt ?? x.skippedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Load>
    </Section>
  );
}

export function PartnerView(props: { partnerId: string; backToPortfolio: boolean }) {
  const detail = useLoad(() => api<PartnerDetail>(`partners/${encodeURIComponent(props.partnerId)}`), [props.partnerId]);
  if (detail.state === 'loading') return <p aria-busy="true">Loading partner {props.partnerId}…</p>;
  if (detail.state === 'error') {
    const forbidden = detail.error instanceof ApiError && detail.error.status === 403;
    return (
      <div>
        <h1>Partner {props.partnerId}</h1>
        <p class="error" role="alert" data-testid={forbidden ? 'forbidden' : 'partner-error'}>
          {forbidden ? `This key has no access to partner ${props.partnerId}.` : explain(detail.error, `partner ${props.partnerId}`)}
        </p>
        {props.backToPortfolio && <a href={href({ view: 'portfolio' })}>Back to the portfolio</a>}
      </div>
    );
  }
  const d = detail.value;
  return (
    <div data-testid="partner-view" data-partner-id={d.partnerId}>
      {props.backToPortfolio && (
        <p class="small">
          <a href={href({ view: 'portfolio' })}>← Portfolio</a>
        </p>
      )}
      <h1>
        {d.name ?? 'Partner'} <span class="muted">({d.partnerId})</span>
      </h1>
      <p class="muted small">
        Statuses for {d.statusDay} · scored as of {d.scoring.asOf} · rules {d.scoring.rulesVersion} · computed {when(d.computedAt)}
      </p>
      <Section title="Partner Capability Score per area" id="areas">
        <AreaBarChart title="Total per area" bars={d.areas.map((a) => ({ label: AREA_LABELS[a.area], total: a.score?.total ?? null }))} />
        <div class="area-grid">
          {d.areas.map((a) => (
            <AreaCard key={a.area} a={a} />
          ))}
        </div>
      </Section>
      <HistorySection partnerId={d.partnerId} detail={d} />
      <ForecastSection partnerId={d.partnerId} />
      <RecommendationsSection partnerId={d.partnerId} />
      <ExplanationsSection partnerId={d.partnerId} />
      <ClaimsSection partnerId={d.partnerId} />
      <ActivitySection partnerId={d.partnerId} detail={d} />
    </div>
  );
}
