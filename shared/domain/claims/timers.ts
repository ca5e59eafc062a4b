// The CPOR claim timers Microsoft publishes, as versioned data with their sources (pcs-rules.md §4.2).
// Change them here, never as literals in the lifecycle code.
export const CLAIM_TIMERS = {
  version: '2026-05',
  source: 'pcs-rules.md §4.2 [S20][S21][S22][S23]',
  sources: {
    statuses:
      'https://github.com/kvamseek/partner-center/blob/85eb3c40f4925934e4e7100d4a97d951aa679052/incentives-manage-customer-associations.md',
    optOut:
      'https://github.com/kvamseek/partner-center/blob/85eb3c40f4925934e4e7100d4a97d951aa679052/incentives-customer-associations-intro.md',
    createClaim: 'https://learn.microsoft.com/en-us/partner-center/incentives/submit-osa-claim',
    issues: 'https://learn.microsoft.com/en-us/partner-center/incentives/incentives-customer-association-issues',
  },
  /** Submitted: waiting for review up to this many business days [S21] (informational: Microsoft's side). */
  submittedReviewBusinessDays: 5,
  /** Under review: proof of execution validated within this many business days [S21] (informational). */
  underReviewBusinessDays: 14,
  /** Partner action required: the partner has this many business days to answer, else rejected [S21]. */
  partnerActionBusinessDays: 14,
  /** One dispute allowed, within this many (calendar) days of the rejection [S21]. */
  disputeWindowDays: 30,
  maxDisputes: 1,
  /** Reviewers answer a dispute within about this many working days [S21] (informational). */
  disputeAnswerBusinessDays: 5,
  /**
   * Customer opt-out: 5 business days after approval [S22] (2023 page); the create-claim page says the
   * customer may decline at any time [S20] — CONFLICT. Model: a decline inside the window deletes the
   * association (it never took effect); a later decline ends it on that day.
   */
  optOutBusinessDays: 5,
} as const;

/**
 * Holiday calendars for the business-day deadlines, per market (a claim's `market`, e.g. "DE"), as
 * versioned data with the timers (CLAIM_TIMERS.version): Microsoft publishes no calendar of its own, so
 * the default is none (every weekday is a business day). A deployment that needs one adds its market's
 * days here (or passes `calendars` to the functions and use cases, which take this as the default).
 */
export type HolidayCalendars = Readonly<Record<string, readonly string[]>>;
export const CLAIM_HOLIDAY_CALENDARS: HolidayCalendars = {};

/** The holidays of a claim's market (none when the market is unknown or has no calendar). */
export function holidaysFor(market: string | null | undefined, calendars: HolidayCalendars = CLAIM_HOLIDAY_CALENDARS): readonly string[] {
  if (!market) return [];
  return calendars[market.trim().toUpperCase()] ?? calendars[market] ?? [];
}
