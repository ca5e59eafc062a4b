// Why no plan exists: which metric no candidate action could lift, with the contract's reason where
// the rules make it unreachable by actions dated month M.
import { AZURE_AREAS } from '../facts/types.js';
import { BASELINE, F, figureAt } from '../scoring/partner-usage.js';
import type { MetricName } from '../scoring/types.js';
import type { GenContext } from './draft.js';
import { certificationToEarn } from './facts-edit.js';
import { METRIC_LABELS } from './text.js';

export function stuckReason(ctx: GenContext): string {
  const e = ctx.evaluation;
  if (e.zeroMetrics.length === 0) {
    return `no action found that raises the total above ${round(e.total)} (every metric that is not at its maximum is out of reach)`;
  }
  return e.zeroMetrics.map((m) => `${METRIC_LABELS[m]} (${m}) cannot be made > 0: ${metricHint(ctx, m)}`).join('; ');
}

function metricHint(ctx: GenContext, metric: MetricName): string {
  const { area, rules, asOf } = ctx.world;
  if (
    (metric === 'advancedCertifications' || metric === 'intermediateCertifications') &&
    (area === 'businessApplications' || area === 'modernWork')
  ) {
    const list = rules[area][metric].certifications;
    if (certificationToEarn(list, rules, asOf) === null)
      return `no certification on its list counts when earned on ${asOf} (all are retired)`;
  }
  const track = ctx.evaluation.result.track;
  if (metric === 'usageGrowth' && area === 'businessApplications') {
    const scale = rules.businessApplications.customerSuccess.scale;
    let base = 0;
    for (const t of ctx.usage.tenants) {
      const mcv = t.bizScaledMcv;
      if (mcv) for (let i = BASELINE; i < mcv.length; i += 2) base += mcv[i] ?? 0;
    }
    const min = rules.businessApplications.usageGrowth.minBaseScaledMcv[track];
    if (base < min) {
      return `the ${track} track needs a monthly consumption value of at least ${min / scale} in M-12 and it is ${base / scale}; actions add usage in month M only`;
    }
  }
  if (metric === 'usageGrowth' && (AZURE_AREAS as readonly string[]).includes(area)) {
    let base = 0;
    for (const t of ctx.usage.tenants) base += figureAt(t.figures, F.azureAcr, ctx.usage.months.atM12);
    if (base < 0) return `the M-12 ACR base is negative (credits), so more ACR in M lowers the growth`;
  }
  return 'no candidate action (from the rule catalog and these facts) lifts it';
}

const round = (n: number) => Math.round(n * 100) / 100;
