// Reading a partner for display (demo, API): the state document, the designation view and the scores.
import { type DesignationView, designationView } from '../domain/status/view.js';
import { PartnerRepository, type PartnerStore } from './partner-repository.js';
import type { PartnerStateDoc } from './state-doc.js';

export interface PartnerView {
  state: PartnerStateDoc;
  /** Status, windows, monthly maxima, anniversary per area (as of the state's last day). */
  designations: DesignationView;
}

/** One point read; undefined when the partner was never recomputed. */
export async function readPartnerView(partners: PartnerStore, partnerId: string): Promise<PartnerView | undefined> {
  const state = await new PartnerRepository(partners).readState(partnerId);
  if (!state) return undefined;
  return { state: state.doc, designations: designationView(state.doc.designations) };
}
