// The sample exports of one partner as its stored documents (profile, customers, people), folded with
// the pure applyChanges: what computePartner reads, without a store.
import { applyChanges, docRefFor } from '../../../shared/domain/changes/apply.js';
import { type CustomerDoc, type PartnerDoc, type PersonDoc, type ProfileDoc } from '../../../shared/domain/changes/docs.js';
import { type ChangeEvent } from '../../../shared/domain/changes/events.js';
import { sampleChanges } from './fakes.js';

export interface PartnerDocs {
  profile: ProfileDoc | null;
  customers: CustomerDoc[];
  people: PersonDoc[];
}

export async function sampleDocs(partnerId: string): Promise<PartnerDocs> {
  const groups = new Map<string, ChangeEvent[]>();
  for (const c of await sampleChanges([partnerId])) {
    const id = docRefFor(c).id;
    groups.set(id, [...(groups.get(id) ?? []), c]);
  }
  const docs: PartnerDoc[] = [...groups.values()].map((changes) => applyChanges(null, changes).doc);
  return {
    profile: (docs.find((d) => d.docType === 'profile') as ProfileDoc | undefined) ?? null,
    customers: docs.filter((d): d is CustomerDoc => d.docType === 'customer'),
    people: docs.filter((d): d is PersonDoc => d.docType === 'person'),
  };
}
