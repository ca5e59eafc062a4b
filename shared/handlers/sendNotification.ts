import type { InvocationContext } from '@azure/functions';
import { OPERATIONS_PK, type Clock, type DocumentStore, type Mailer } from '../ports/index.js';
import { describeIssues, notificationSchema } from './messages.js';
import { createIfAbsent } from './processPartnerChange.js';
import { rejectMessage } from './rejections.js';

/**
 * notifications → one mail. A sent-marker in `operations` (pk notifications-sent) keyed by notificationId
 * stops a redelivered message from mailing twice. A crash between sending and writing the marker can still
 * send twice (at-least-once); the Message-ID derived from the notification id lets a reader spot the repeat.
 */
export function sendNotificationHandler(deps: { store: DocumentStore; mailer: Mailer; clock: Clock }) {
  return async (message: unknown, context: InvocationContext): Promise<void> => {
    const parsed = notificationSchema.safeParse(message);
    if (!parsed.success) {
      await rejectMessage(deps, context, message, describeIssues(parsed.error));
      return;
    }
    const n = parsed.data;
    const operations = deps.store.collection('operations');
    const markerId = `notification-${n.notificationId}`.replace(/[/\\?#]/g, '_');
    if (await operations.read(markerId, OPERATIONS_PK.notificationsSent)) {
      context.log(`notification ${n.notificationId} was already sent`);
      return;
    }
    const { messageId } = await deps.mailer.send({
      to: n.to,
      subject: n.subject,
      text: n.text,
      ...(n.html !== undefined ? { html: n.html } : {}),
      idempotencyKey: n.notificationId,
    });
    await createIfAbsent(operations, {
      id: markerId,
      pk: OPERATIONS_PK.notificationsSent,
      type: 'notification-sent',
      notificationId: n.notificationId,
      mailMessageId: messageId,
      sentAt: deps.clock.now().toISOString(),
    });
    context.log(`sent notification ${n.notificationId} as ${messageId}`);
  };
}
