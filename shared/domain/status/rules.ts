// Lifecycle numbers Microsoft publishes, as data with their sources (pcs-rules.md §3). They belong
// with the rule catalog in spirit; they live here because only the status machine reads them and the
// catalog is versioned by scoring rules. Change them here, never as literals in the machine.
export const LIFECYCLE_RULES = {
  /**
   * Not enrolled: the current month plus this many previous full calendar months, moving at the
   * start of each month [S2][S29] (2024 wording). The 2023 wording counted five months back from the
   * same day (15 Mar–15 Aug) [S1]; we follow the current wording.
   */
  notEnrolledPreviousMonths: 5,
  /** Enrolled: the anniversary month plus this many months before it [S1]. */
  enrolledMonthsBeforeAnniversary: 5,
  /**
   * Renewal window: opens on the anniversary and lasts 30 days [S13][S14]. We count the anniversary
   * as day 1, so the last day of the window is anniversary + 29 and the lapse happens on + 30.
   */
  renewalWindowDays: 30,
  /** After a purchase or renewal the next anniversary is this many days after the payment [S14]. */
  renewalDays: 365,
  source: 'pcs-rules.md §3.2, §3.4 [S1][S2][S13][S14][S15][S29]',
  /** The ~180-day enrolled window replaced the 30-day renewal qualification period on this day [S15]. */
  effectiveFrom: '2023-09-19',
} as const;
