export interface MailMessage {
  to: string | readonly string[];
  subject: string;
  text: string;
  html?: string;
  /**
   * Stable id of this mail (for example the notification id). Used as Message-ID / operation id so a resend
   * is recognisable downstream; exactly-once sending is the caller's job (record what was sent).
   */
  idempotencyKey: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  /**
   * Set when this mailer sends nothing by configuration (MAIL_TRANSPORT=off): notifications are recorded as
   * skipped with this reason instead of being sent.
   */
  readonly skipReason?: string;
}
