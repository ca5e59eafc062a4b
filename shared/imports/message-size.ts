// How big one change message may be. Service Bus refuses a message over its tier's limit, and a
// refused send keeps the import cursor on the file — so every later import waits behind it. The
// importer therefore cuts a partner's batch by its serialized size as well as by its count, and a
// single change that could not fit any message is a rejected row (with the reason) instead.
//
// Data, with where it comes from:
// - Service Bus Standard tier: 256 KB per message (Premium: 100 MB; the local stand-in: 1 MB).
//   https://learn.microsoft.com/azure/service-bus-messaging/service-bus-quotas — "Message size".
//   The default is the smallest of these, so the same file imports everywhere.
// - The limit counts the whole message, not only our JSON body: broker properties, our
//   application properties (partnerId, file, …) and AMQP framing come on top. The margin keeps the
//   body well clear of that (measured overhead is a few hundred bytes; 16 KB is generous).
export const MESSAGE_SIZE = {
  maxBytes: 256 * 1024,
  marginBytes: 16 * 1024,
} as const;

/** The largest JSON body (UTF-8 bytes) a message may have under `maxBytes`. */
export function bodyBudget(maxBytes: number = MESSAGE_SIZE.maxBytes, marginBytes: number = MESSAGE_SIZE.marginBytes): number {
  return Math.max(0, maxBytes - marginBytes);
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
