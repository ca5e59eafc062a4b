// One line per plan action, worded from its structured `detail` in the mail's language (never from the
// English `text`, which is for logs and the API).
import type { PlanAction } from '../../domain/guidance/types.js';
import { ASSOCIATION_NAMES } from './areas.js';
import { formatMonth, formatPlural, formatUsd } from './format.js';
import { fill, plain } from './text.js';
import type { Wording } from './wording.js';

export function actionLine(action: PlanAction, wording: Wording, locale: string): string {
  const metric = wording.metricNames[action.metric];
  const d = action.detail;
  if (d.kind === 'certification') {
    const template = d.newPerson ? wording.plan.certificationNewPerson : wording.plan.certification;
    return fill(template, { metric, certification: plain(d.certification), personId: plain(d.personId) });
  }
  const amount =
    d.unit === 'usd'
      ? formatUsd(d.amount, locale)
      : formatPlural(d.amount, d.unit === 'activeUsers' ? wording.units.activeUsers : wording.units.paidSeats, locale);
  return fill(wording.plan[d.kind], {
    metric,
    tenantId: plain(d.tenantId),
    association: ASSOCIATION_NAMES[d.association],
    name: plain(d.name),
    amount,
    month: formatMonth(d.month, locale),
  });
}
