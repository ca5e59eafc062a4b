// Applying change events to stored documents. Every fact is a last-writer-wins register keyed by
// its natural key, so applying a set of changes is order-independent and idempotent:
//   - a newer observedAt wins; an older observation than the stored one is ignored;
//   - on equal observedAt a deletion wins; two upserts (or two deletions) with the same observedAt
//     but different content resolve to the larger canonical JSON — arbitrary, but the same in
//     every order, which is what makes any shuffle end in the same documents;
//   - deletions stay as tombstones (key fields + stamp) so a late, older upsert cannot resurrect.
// Snapshot watermarks (ProfileDoc.snapshots, from applySnapshot) end facts of a kind observed before
// the watermark; passing them as `ended` drops such facts from the document as well.
//
// Trimming: scoring as of D reads months M−23 … M (M = the month before D: M−12 … M plus TTM(M−12)).
// The newest month ingested may be D's own month (partial data), so we keep `usageHorizonMonths`
// (default 25) months counting back from the newest usage month this customer has seen: newest−24 …
// newest. Older usage (upserts and tombstones) is dropped, and usage older than the horizon that
// arrives later is ignored. "Newest month seen" only grows, so trimming is order-independent too.
import { monthIndex, monthText } from '../calendar/dates.js';
import { canonicalJson } from './canonical.js';
import {
  type AssociationEntry,
  type CertificationEntry,
  type CustomerDoc,
  customerDocId,
  emptyCustomerDoc,
  emptyPersonDoc,
  emptyProfileDoc,
  type PartnerDoc,
  type PersonDoc,
  personDocId,
  type ProfileDoc,
  profileDocId,
  type Stamp,
  type UsageEntry,
  type Versioned,
} from './docs.js';
import {
  type AssociationChange,
  type ChangeEvent,
  type CustomerChange,
  entryKey,
  normalizeTimestamp,
  type SnapshotKind,
} from './events.js';
import { endFiguresBefore, mergeBizappsUsage } from './usage-figures.js';

export { buildFacts } from './facts.js';

export const DEFAULT_USAGE_HORIZON_MONTHS = 25;

export interface ApplyOptions {
  /** Months of usage kept, counting back from the newest month seen (default 25). */
  usageHorizonMonths?: number;
  /** Snapshot watermarks (the partner's ProfileDoc.snapshots): facts observed before them have ended. */
  ended?: Partial<Record<SnapshotKind, string>>;
}

export interface ApplyResult<D extends PartnerDoc = PartnerDoc> {
  doc: D;
  /** False when the change was older than what is stored, a repeat, or trimmed away. */
  changed: boolean;
}

/** Which document a change lands in. */
export function docRefFor(change: ChangeEvent): { docType: PartnerDoc['docType']; id: string; partnerId: string } {
  switch (change.fact) {
    case 'association':
    case 'customer':
    case 'usage':
      return { docType: 'customer', id: customerDocId(change.tenantId), partnerId: change.partnerId };
    case 'person':
    case 'certification':
      return { docType: 'person', id: personDocId(change.personId), partnerId: change.partnerId };
    case 'profile':
      return { docType: 'profile', id: profileDocId(), partnerId: change.partnerId };
  }
}

/** Pure: applies one change to its document (null = not stored yet); the input is not modified. */
export function applyChange(doc: PartnerDoc | null, change: ChangeEvent, options: ApplyOptions = {}): ApplyResult {
  return applyChanges(doc, [change], options);
}

/** Pure: applies several changes of the same document, cloning it once. */
export function applyChanges(doc: PartnerDoc | null, changes: readonly ChangeEvent[], options: ApplyOptions = {}): ApplyResult {
  const first = changes[0];
  if (!first) {
    if (!doc) throw new Error('applyChanges: no document and no changes');
    return { doc, changed: false };
  }
  options = withNormalizedWatermarks(options);
  // A change ignored on a document that does not exist yet returns an empty document, changed: false
  // (nothing to write).
  const target: PartnerDoc = doc ? structuredClone(doc) : emptyDocFor(first);
  let changed = false;
  for (const change of changes) {
    const r = docRefFor(change);
    if (r.partnerId !== target.partnerId || r.docType !== target.docType || r.id !== target.id) {
      throw new Error(`change ${change.fact} for ${r.partnerId}/${r.id} does not belong in ${target.partnerId}/${target.id}`);
    }
    if (applyInPlace(target, change, options)) changed = true;
  }
  if (prune(target, options)) changed = true;
  return { doc: changed ? target : (doc ?? target), changed };
}

/** Records a full snapshot's watermark on the partner's profile document. */
export function applySnapshot(
  doc: ProfileDoc | null,
  partnerId: string,
  snapshot: { kind: SnapshotKind; observedAt: string },
): ApplyResult<ProfileDoc> {
  // Watermarks are compared as strings with stored observedAt values, so normalize the same way.
  const observedAt = normalizeTimestamp(snapshot.observedAt);
  if (observedAt === null) throw new RangeError(`snapshot observedAt is not a timestamp: ${snapshot.observedAt}`);
  const current = doc ?? emptyProfileDoc(partnerId);
  const stored = current.snapshots[snapshot.kind];
  if (doc && stored !== undefined && stored >= observedAt) return { doc, changed: false };
  return { doc: { ...current, snapshots: { ...current.snapshots, [snapshot.kind]: observedAt } }, changed: true };
}

// ---------------------------------------------------------------------------------------------

function emptyDocFor(change: ChangeEvent): PartnerDoc {
  switch (change.fact) {
    case 'association':
    case 'customer':
    case 'usage':
      return emptyCustomerDoc(change.partnerId, change.tenantId);
    case 'person':
    case 'certification':
      return emptyPersonDoc(change.partnerId, change.personId);
    case 'profile':
      return emptyProfileDoc(change.partnerId);
  }
}

/** Last-writer-wins order: does `incoming` replace `stored`? */
export function supersedes(incoming: Stamp, stored: Stamp | undefined): boolean {
  if (!stored) return true;
  if (incoming.observedAt !== stored.observedAt) return incoming.observedAt > stored.observedAt;
  if (incoming.deleted !== stored.deleted) return incoming.deleted;
  return canonicalJson(incoming) > canonicalJson(stored);
}

type RegisterField = 'segment' | 'cloud' | 'name' | 'contacts' | 'preferredLanguage' | 'enrollment' | 'link';

function setRegister<D extends PartnerDoc, K extends RegisterField & keyof D>(
  holder: D,
  field: K,
  incoming: NonNullable<D[K]> & Versioned<unknown>,
): boolean {
  const registers = holder as unknown as Record<string, Versioned<unknown> | undefined>;
  if (!supersedes(incoming, registers[field])) return false;
  registers[field] = incoming;
  return true;
}

function setEntry<E extends Stamp>(map: Record<string, E>, key: string, incoming: E): boolean {
  if (!supersedes(incoming, map[key])) return false;
  map[key] = incoming;
  return true;
}

function isEnded(kind: SnapshotKind, observedAt: string, options: ApplyOptions): boolean {
  const watermark = options.ended?.[kind];
  return watermark !== undefined && observedAt < watermark;
}

function stampOf(change: ChangeEvent): Stamp {
  return { observedAt: change.observedAt, deleted: change.deleted };
}

function applyInPlace(doc: PartnerDoc, change: ChangeEvent, options: ApplyOptions): boolean {
  const stamp = stampOf(change);
  switch (change.fact) {
    case 'customer': {
      const d = doc as CustomerDoc;
      if (change.deleted) {
        const a = setRegister(d, 'segment', { ...stamp });
        const b = setRegister(d, 'cloud', { ...stamp });
        return a || b;
      }
      return setCustomerAttributes(d, change, stamp);
    }
    case 'association': {
      const d = doc as CustomerDoc;
      // Customer attributes carried on an association row (not on its deletion).
      const changed = !change.deleted && setCustomerAttributes(d, change, stamp);
      if (isEnded('association', change.observedAt, options)) return changed;
      const entry: AssociationEntry = { ...stamp, type: change.type, workload: change.workload, from: change.from };
      if (!change.deleted) {
        entry.cporActivity = change.cporActivity;
        entry.to = change.to;
      }
      return setEntry(d.associations, entryKey(change), entry) || changed;
    }
    case 'usage': {
      const d = doc as CustomerDoc;
      let changed = false;
      if (d.newestUsageMonth === null || change.month > d.newestUsageMonth) {
        d.newestUsageMonth = change.month;
        changed = true;
      }
      if (change.month < usageCutoff(d, options) || isEnded('usage', change.observedAt, options)) return changed;
      const { fact: _f, partnerId: _p, tenantId: _t, ...fields } = change;
      const entry = dropUndefined(fields) as UsageEntry;
      const key = entryKey(change);
      if (entry.kind !== 'bizapps') return setEntry(d.usage, key, entry) || changed;
      // Revenue and active users may come in separate records (usage-figures.ts).
      const merged = mergeBizappsUsage(d.usage[key], entry);
      if (merged) d.usage[key] = merged;
      return merged !== undefined || changed;
    }
    case 'person': {
      const d = doc as PersonDoc;
      if (isEnded('person', change.observedAt, options)) return false;
      const value = change.deleted ? undefined : { linkedFrom: change.linkedFrom ?? '', linkedTo: change.linkedTo };
      return setRegister(d, 'link', value ? { ...stamp, value } : { ...stamp });
    }
    case 'certification': {
      const d = doc as PersonDoc;
      if (isEnded('certification', change.observedAt, options)) return false;
      const entry: CertificationEntry = { ...stamp, name: change.name, earned: change.earned };
      if (!change.deleted) entry.expires = change.expires;
      return setEntry(d.certifications, entryKey(change), entry);
    }
    case 'profile': {
      const d = doc as ProfileDoc;
      if (change.deleted) {
        const results = [
          setRegister(d, 'name', { ...stamp }),
          setRegister(d, 'contacts', { ...stamp }),
          setRegister(d, 'preferredLanguage', { ...stamp }),
          setRegister(d, 'enrollment', { ...stamp }),
        ];
        return results.some(Boolean);
      }
      let changed = false;
      if (change.name !== undefined) changed = setRegister(d, 'name', { ...stamp, value: change.name }) || changed;
      if (change.contacts !== undefined) changed = setRegister(d, 'contacts', { ...stamp, value: change.contacts }) || changed;
      if (change.preferredLanguage !== undefined) {
        changed = setRegister(d, 'preferredLanguage', { ...stamp, value: change.preferredLanguage }) || changed;
      }
      if (change.enrollment !== undefined) changed = setRegister(d, 'enrollment', { ...stamp, value: change.enrollment }) || changed;
      return changed;
    }
  }
}

/** Sets the segment and cloud a row carries; absent ones are left as they are. */
function setCustomerAttributes(d: CustomerDoc, change: CustomerChange | AssociationChange, stamp: Stamp): boolean {
  let changed = false;
  if (change.segment !== undefined) changed = setRegister(d, 'segment', { ...stamp, value: change.segment }) || changed;
  if (change.cloud !== undefined) changed = setRegister(d, 'cloud', { ...stamp, value: change.cloud }) || changed;
  return changed;
}

function withNormalizedWatermarks(options: ApplyOptions): ApplyOptions {
  if (!options.ended) return options;
  const ended: Partial<Record<SnapshotKind, string>> = {};
  for (const [kind, at] of Object.entries(options.ended) as [SnapshotKind, string][]) {
    const normalized = normalizeTimestamp(at);
    if (normalized === null) throw new RangeError(`snapshot watermark for ${kind} is not a timestamp: ${at}`);
    ended[kind] = normalized;
  }
  return { ...options, ended };
}

function usageCutoff(doc: CustomerDoc, options: ApplyOptions): string {
  if (doc.newestUsageMonth === null) return '';
  const horizon = options.usageHorizonMonths ?? DEFAULT_USAGE_HORIZON_MONTHS;
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`usageHorizonMonths must be a whole number ≥ 1, got ${horizon}`);
  return monthText(monthIndex(doc.newestUsageMonth) - (horizon - 1));
}

/** Drops usage beyond the horizon and facts ended by snapshot watermarks. Returns whether it dropped any. */
function prune(doc: PartnerDoc, options: ApplyOptions): boolean {
  let changed = false;
  const dropWhere = <E extends Stamp>(map: Record<string, E>, test: (e: E) => boolean): void => {
    for (const [key, entry] of Object.entries(map)) {
      if (test(entry)) {
        delete map[key];
        changed = true;
      }
    }
  };
  if (doc.docType === 'customer') {
    const cutoff = usageCutoff(doc, options);
    dropWhere(doc.usage, (e) => e.month < cutoff || isEnded('usage', e.observedAt, options));
    const watermark = options.ended?.usage;
    if (watermark !== undefined) changed = endFigures(doc, watermark) || changed;
    dropWhere(doc.associations, (e) => isEnded('association', e.observedAt, options));
  } else if (doc.docType === 'person') {
    dropWhere(doc.certifications, (e) => isEnded('certification', e.observedAt, options));
    if (doc.link && isEnded('person', doc.link.observedAt, options)) {
      delete doc.link;
      changed = true;
    }
  }
  return changed;
}

/** A bizapps entry's figures observed before a usage snapshot's watermark have ended (its newest one has not). */
function endFigures(doc: CustomerDoc, watermark: string): boolean {
  let changed = false;
  for (const [key, entry] of Object.entries(doc.usage)) {
    if (entry.figureAt === undefined) continue;
    const kept = endFiguresBefore(entry, watermark);
    if (kept && canonicalJson(kept) === canonicalJson(entry)) continue;
    if (kept) doc.usage[key] = kept;
    else delete doc.usage[key];
    changed = true;
  }
  return changed;
}

function dropUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
