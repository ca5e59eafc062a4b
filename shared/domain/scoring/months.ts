// The months a score looks at (contract "Months"): M is the month before as-of's month; figures are
// kept for the 24-month window M−23 … M, which covers TTM(M) and TTM(M−12).
import { monthIndex, MONTHS_PER_YEAR } from '../calendar/dates.js';

export const WINDOW = 2 * MONTHS_PER_YEAR;

export interface ScoringMonths {
  /** Month index of M. */
  m: number;
  /** Month index of the window's first month (M−23). */
  first: number;
  /** Window positions of M, M−1, M−12, M−13 and the first month of TTM(M). */
  atM: number;
  atM1: number;
  atM12: number;
  atM13: number;
  ttmStart: number;
}

export function scoringMonths(asOf: string): ScoringMonths {
  const m = monthIndex(asOf) - 1;
  const atM = WINDOW - 1;
  return {
    m,
    first: m - atM,
    atM,
    atM1: atM - 1,
    atM12: atM - MONTHS_PER_YEAR,
    atM13: atM - MONTHS_PER_YEAR - 1,
    ttmStart: atM - MONTHS_PER_YEAR + 1,
  };
}
