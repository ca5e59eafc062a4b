// Message bodies of the three queues. Skeleton shapes: later issues (the pipeline, notifications) widen them.
import { z } from 'zod';

const partnerId = z
  .string({ error: 'partnerId is required (a string)' })
  .trim()
  .min(1, 'partnerId must not be empty')
  .max(64, 'partnerId must be at most 64 characters')
  .regex(/^[^/\\?#\s]+$/, 'partnerId must not contain / \\ ? # or spaces');

/** A change for one partner (the skeleton keeps any other fields as the change payload). */
export const partnerChangeSchema = z.looseObject({
  partnerId,
  changeId: z.string().trim().min(1).max(48).regex(/^[A-Za-z0-9._:-]+$/, 'changeId: letters, digits, . _ : - only').optional(),
});
export type PartnerChange = z.infer<typeof partnerChangeSchema>;

/** Re-score one partner as of a day. */
export const partnerRecomputeSchema = z.object({
  partnerId,
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be a date YYYY-MM-DD'),
  reason: z.string().optional(),
});
export type PartnerRecompute = z.infer<typeof partnerRecomputeSchema>;

/** One mail to send. */
export const notificationSchema = z.object({
  notificationId: z.string().trim().min(1).max(200),
  to: z.union([z.email(), z.array(z.email()).min(1)]),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string().optional(),
});
export type Notification = z.infer<typeof notificationSchema>;

/** "field: why; field: why" from a zod error, for rejection records and 400 answers. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}
