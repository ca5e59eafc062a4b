// What the scorer needs from the status machine: the enrollment as the scoring contract's facts carry
// it (`enrollment.areas`, `enrollment.azureTrack`).
import { AREAS, type Enrollment, type Track } from '../facts/types.js';
import { holdsAzureArea } from './machine.js';
import type { DesignationState } from './types.js';

/**
 * The Azure track to score on: the track frozen for the enrollment year when the partner holds an
 * Azure area (pcs-rules §3.4 [S5]); null when it holds none, so the scorer classifies (and then
 * `classifiedToday` is what it gets anyway). `classifiedToday` is only a fallback for a state
 * written before a freeze could happen; the machine freezes on the day an Azure area is enrolled.
 */
export function frozenAzureTrack(state: DesignationState | null, classifiedToday: Track): Track | null {
  const e = state?.enrollment;
  if (!state || !e) return null;
  if (!holdsAzureArea(state)) return null;
  return e.azureTrack ?? classifiedToday;
}

/**
 * `facts.enrollment` for the scorer, as of `state.lastDay`. Apply a newly arrived enrollment fact
 * (advanceDesignations) before scoring if its named track must count the same day.
 */
export function enrollmentForScoring(state: DesignationState | null, classifiedToday: Track): Enrollment | null {
  if (!state || !state.enrollment) return null;
  const areas = AREAS.filter((area) => state.areas[area].enrollment !== null);
  if (areas.length === 0) return null;
  return { anniversary: state.enrollment.anniversary, areas, azureTrack: frozenAzureTrack(state, classifiedToday) };
}
