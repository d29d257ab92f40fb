import type { MessageView } from '../contracts/chat';
import type { MessageDoc } from './documents';

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

export function messageView(m: MessageDoc): MessageView {
  return {
    messageId: m._id,
    conversationId: m.conversationId,
    status: m.status,
    text: m.text ?? '',
    sent: m.sent,
    reply: m.reply ?? '',
    model: m.model,
    ...(m.usage ? { usage: m.usage } : {}),
    ...(m.cost !== undefined ? { cost: m.cost } : {}),
    ...(m.truncated ? { truncated: true } : {}),
    ...(m.cacheHit ? { cacheHit: true } : {}),
    ...(m.versionOf ? { versionOf: m.versionOf } : {}),
    ...(m.supersededBy ? { supersededBy: m.supersededBy } : {}),
    ...(m.error ? { error: m.error } : {}),
    // Only once purged: until then the restored reply is the answer, and the anonymized one adds nothing.
    ...(m.purgedAt ? { purged: true, replySent: m.replySent ?? '' } : {}),
    createdAt: iso(m.createdAt)!,
    ...(m.finishedAt ? { finishedAt: iso(m.finishedAt) } : {}),
  };
}
