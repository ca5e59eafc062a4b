// Attribution of a usage record to the partner (contract "Input": associations). A record counts only
// when an association of its type is active during its month; CPOR associations may narrow by workload
// and activity. Returns the record's CPOR activities as a bit mask, or NOT_ATTRIBUTED.
import { monthIndex } from '../calendar/dates.js';
import type { Customer, UsageRecord } from '../facts/types.js';
import { ACTIVITY_BITS, ASSOCIATION_BITS } from '../rules/compiled.js';
import type { NameKeys } from '../rules/names.js';

export const NOT_ATTRIBUTED = -1;
const CPOR = ASSOCIATION_BITS.CPOR;
const NO_END = Number.POSITIVE_INFINITY;

export interface PreparedAssociation {
  bit: number;
  fromMonth: number;
  toMonth: number;
  workloadKey: string | null;
  activityBit: number;
}

/** null: associations omitted, every record counts. */
export function prepareAssociations(customer: Customer, keys: NameKeys): PreparedAssociation[] | null {
  if (customer.associations === null) return null;
  return customer.associations.map((a) => {
    const isCpor = a.type === 'CPOR';
    return {
      bit: ASSOCIATION_BITS[a.type],
      // from ≤ last day of month ⇔ from's month ≤ month; to ≥ first day ⇔ to's month ≥ month.
      fromMonth: monthIndex(a.from),
      toMonth: a.to === null ? NO_END : monthIndex(a.to),
      workloadKey: isCpor && a.workload ? keys.key(a.workload) : null,
      activityBit: isCpor && a.cporActivity ? ACTIVITY_BITS[a.cporActivity] : 0,
    };
  });
}

export function recordName(record: UsageRecord): string {
  return record.kind === 'azure' ? record.service : record.workload;
}

/**
 * The record's CPOR activities (its own, else those of the associations it matched; 0 when none),
 * or NOT_ATTRIBUTED when no association of its type is active in its month.
 */
export function attribute(record: UsageRecord, month: number, associations: PreparedAssociation[] | null, keys: NameKeys): number {
  const bit = ASSOCIATION_BITS[record.association];
  const isCpor = bit === CPOR;
  const ownActivity = isCpor && record.cporActivity ? ACTIVITY_BITS[record.cporActivity] : 0;
  if (associations === null) return ownActivity;
  let matched = false;
  let activities = 0;
  let recordKey: string | undefined;
  for (const a of associations) {
    if (a.bit !== bit || a.fromMonth > month || a.toMonth < month) continue;
    if (isCpor) {
      if (a.workloadKey !== null) {
        recordKey ??= keys.key(recordName(record));
        if (a.workloadKey !== recordKey) continue;
      }
      if (ownActivity !== 0 && a.activityBit !== 0 && a.activityBit !== ownActivity) continue;
    }
    matched = true;
    activities |= a.activityBit;
  }
  if (!matched) return NOT_ATTRIBUTED;
  return ownActivity !== 0 ? ownActivity : activities;
}

/** Why a record did not attribute (explanations only): inactive vs no association of its type at all. */
export function attributionFailure(
  record: UsageRecord,
  associations: PreparedAssociation[],
): 'association-inactive' | 'association-not-eligible' {
  const bit = ASSOCIATION_BITS[record.association];
  return associations.some((a) => a.bit === bit) ? 'association-inactive' : 'association-not-eligible';
}
