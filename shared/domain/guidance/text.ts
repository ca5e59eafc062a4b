// English sentences for plan actions (one sentence each). Mails word the structured `detail` in the
// partner's language; this text is the English fallback and what `pcs gap` prints.
import type { MetricName } from '../scoring/types.js';
import type { UsageUnit } from './types.js';

export const METRIC_LABELS: Record<MetricName, string> = {
  netCustomerAdds: 'net customer adds',
  intermediateCertifications: 'intermediate certifications',
  advancedCertifications: 'advanced certifications',
  usageGrowth: 'usage growth',
  deployments: 'deployments',
};

export function certificationText(person: { id: string; isNew: boolean }, certification: string): string {
  const who = person.isNew ? `one more person (a new hire, ${person.id})` : `one more person (${person.id} or a new hire)`;
  return `Certify ${who} as ${certification}`;
}

export function amountText(amount: number, unit: UsageUnit): string {
  if (unit === 'usd') return `${formatNumber(amount, 2)} USD`;
  return `${formatNumber(amount, 0)} ${unit === 'paidSeats' ? 'paid seats' : 'active users'}`;
}

/** 1234.5 → "1,234.5" (toLocaleString is too slow for the thousands of candidates a search words). */
function formatNumber(value: number, digits: number): string {
  let fixed = value.toFixed(digits);
  if (fixed.includes('.')) fixed = fixed.replace(/0+$/, '').replace(/\.$/, '');
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** " (net customer adds +10 points, usage growth +2.5 points)": what the action adds, once known. */
export function withEffects(text: string, step: string | null, effects: ReadonlyArray<{ metric: MetricName; points: number }>): string {
  const parts = effects.map(
    ({ metric, points }, i) => `${METRIC_LABELS[metric]}${i === 0 && step ? `, ${step}` : ''} ${sign(round1(points))} points`,
  );
  return `${text} (${parts.join(', ')})`;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const sign = (n: number) => (n >= 0 ? `+${n}` : `${n}`);
