// Seat bands and active shares, read from the compiled catalog.
import type { CompiledRange } from '../rules/compiled.js';

/** The fewest seats inside the band (null when the band has no lower end). */
export function bandMinimum(band: CompiledRange): number | null {
  const above = band.above === undefined ? null : Math.floor(band.above) + 1;
  const from = band.from === undefined ? null : Math.ceil(band.from);
  if (above === null) return from;
  return from === null ? above : Math.max(above, from);
}

/** Active users to add so that users / seatSum ≥ shareN / shareD (0 when already there). */
export function ratioUsersNeeded(users: number, seatSum: number, shareN: number, shareD: number): number {
  if (seatSum <= 0) return 0;
  return Math.max(0, Math.ceil((shareN * seatSum) / shareD - users - 1e-9));
}
