// A plan's facts as change events (shared/domain/changes/events.ts), so a partner can apply a plan
// through the same path as any change (POST /api/changes, the demo). A person with a `linkedFrom` is a
// new link (a person event); certifications, associations and usage become their own events; a
// customer's segment a customer event.
//
// Merging a plan appends usage records, and the contract combines records of one month (amounts and
// users sum, seats take the largest); a usage change event, however, replaces the stored record of the
// same key (last observation wins). So a usage event carries the combined record: the partner's
// existing record of that key plus what the plan adds.
import type { PartnerFacts, UsageRecord } from '../facts/types.js';
import type { FactsDelta } from './types.js';

export type PlanChangeEvent = Record<string, unknown> & { fact: string; partnerId: string; observedAt: string };

type RawUsage = Record<string, unknown>;

function usageKey(tenantId: string, u: RawUsage): string {
  const name = u.kind === 'azure' ? u.service : u.workload;
  const offer = u.kind === 'azure' ? (u.offer ?? 'standard') : null;
  return JSON.stringify([
    tenantId,
    u.kind,
    u.month,
    String(name ?? '')
      .trim()
      .toLowerCase(),
    offer,
    u.association,
    u.cporActivity ?? null,
  ]);
}

function combine(existing: RawUsage | undefined, added: RawUsage): RawUsage {
  if (!existing) return added;
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  switch (added.kind) {
    case 'azure':
      return { ...added, acrUsd: num(existing.acrUsd) + num(added.acrUsd) };
    case 'm365':
      return {
        ...added,
        paidSeats: Math.max(num(existing.paidSeats), num(added.paidSeats)),
        activeUsers: num(existing.activeUsers) + num(added.activeUsers),
      };
    default:
      return {
        ...added,
        revenueUsd: num(existing.revenueUsd) + num(added.revenueUsd),
        activeUsers: num(existing.activeUsers) + num(added.activeUsers),
      };
  }
}

export function planChanges(facts: PartnerFacts, deltas: readonly FactsDelta[], observedAt: string): PlanChangeEvent[] {
  const common = { partnerId: facts.partnerId, observedAt };
  const usage = new Map<string, RawUsage>();
  for (const c of facts.customers)
    for (const u of c.usage) usage.set(usageKey(c.tenantId, u as UsageRecord & RawUsage), u as UsageRecord & RawUsage);
  const out: PlanChangeEvent[] = [];
  for (const delta of deltas) {
    for (const person of delta.people ?? []) {
      if (person.linkedFrom !== undefined) {
        out.push({ fact: 'person', ...common, personId: person.id, linkedFrom: person.linkedFrom, linkedTo: person.linkedTo ?? null });
      }
      for (const c of person.certifications) {
        out.push({ fact: 'certification', ...common, personId: person.id, name: c.name, earned: c.earned, expires: c.expires });
      }
    }
    for (const customer of delta.customers ?? []) {
      const { tenantId, segment, cloud } = customer;
      if (segment !== undefined || cloud !== undefined) {
        out.push({ fact: 'customer', ...common, tenantId, ...(segment ? { segment } : {}), ...(cloud ? { cloud } : {}) });
      }
      for (const a of customer.associations ?? []) out.push({ fact: 'association', ...common, tenantId, ...a });
      for (const u of customer.usage ?? []) {
        const key = usageKey(tenantId, u);
        const record = combine(usage.get(key), u);
        usage.set(key, record);
        out.push({ fact: 'usage', ...common, tenantId, ...record });
      }
    }
  }
  return out;
}
