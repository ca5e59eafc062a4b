// Claims-based security ($cbs). Before attaching any entity link the SDK sends `put-token` with a
// SAS token for the entity's audience and waits for a correlated 200. The stand-in has no auth to
// enforce, so every well-formed put-token is accepted; other operations are refused.
import { type AmqpMessage, buildReply } from './encoding.js';

export const CBS_ADDRESS = '$cbs';

export function handleCbsRequest(request: AmqpMessage, log: (line: string) => void): AmqpMessage {
  const properties = (request.application_properties ?? {}) as Record<string, unknown>;
  if (properties.operation !== 'put-token') {
    return buildReply(request, {
      code: 501,
      description: `The Service Bus stand-in's $cbs node only supports put-token, not '${String(properties.operation)}'.`,
      condition: 'amqp:not-implemented',
    });
  }
  log(`cbs: put-token for ${String(properties.name)}`);
  return buildReply(request, { code: 200, description: 'OK' });
}
