import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import type { Clock } from '../ports/clock.js';
import type { HealthProbe } from '../ports/health.js';

export interface DependencyHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
  /** What the probe said besides ok (e.g. mail off). */
  note?: string;
}

const PROBE_TIMEOUT_MS = 5_000;

async function timed(probe: HealthProbe): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const note = await Promise.race([
      probe.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...(typeof note === 'string' ? { note } : {}) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** GET /api/health: every dependency checked in parallel; 200 when all answer, 503 otherwise. */
export function healthHandler(deps: { probes: readonly HealthProbe[]; clock: Clock }) {
  return async (_request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const results = await Promise.all(deps.probes.map(async (p) => [p.name, await timed(p)] as const));
    const checks = Object.fromEntries(results);
    const ok = results.every(([, r]) => r.ok);
    if (!ok)
      context.warn(
        `health: ${results
          .filter(([, r]) => !r.ok)
          .map(([n, r]) => `${n}: ${r.error}`)
          .join('; ')}`,
      );
    return {
      status: ok ? 200 : 503,
      jsonBody: { status: ok ? 'ok' : 'unhealthy', checkedAt: deps.clock.now().toISOString(), checks },
      headers: { 'cache-control': 'no-store' },
    };
  };
}
