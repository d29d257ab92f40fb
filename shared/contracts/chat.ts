import { z } from 'zod';
import { action } from './action';
import { Cursor, Empty, IsoTime, MicroYuan } from './common';
import { MarkedPrivate, MAX_TEXT_CHARS } from './privacy';

export const CONSENT_VERSION = '2026-11';

export const ConsentView = z.object({
  currentVersion: z.string(),
  /** The privacy policy was accepted (in its current version). */
  accepted: z.boolean(),
  /** Separate consent to send anonymized conversations to models abroad (PIPL art. 39). */
  crossBorder: z.boolean(),
  acceptedAt: IsoTime.optional(),
  crossBorderAt: IsoTime.optional(),
  withdrawnAt: IsoTime.optional(),
});

export const UsageView = z.object({ input: z.number().int(), cachedInput: z.number().int(), output: z.number().int() });
/** `stopped`: the user stopped the answer; what was written is kept and charged (nothing, if nothing was written). */
export const MessageStatus = z.enum(['pending', 'streaming', 'done', 'failed', 'stopped']);

export const MessageView = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  status: MessageStatus,
  text: z.string(),
  /** Exactly what was sent abroad for this turn (the anonymized prompt). */
  sent: z.string(),
  reply: z.string(),
  model: z.string(),
  usage: UsageView.optional(),
  cost: MicroYuan.optional(),
  /**
   * The answer was cut off — at the model's output limit, or at the function's time limit — and is
   * kept and charged for what was produced, shown as cut off.
   */
  truncated: z.boolean().optional(),
  /** Answered from the response cache: the same question asked again, charged the model's cache share. */
  cacheHit: z.boolean().optional(),
  /** A regenerated answer names the message it is a new version of; the earlier one stays as it was. */
  versionOf: z.string().optional(),
  /** This answer was replaced by a regenerated one (it stays visible as a previous version). */
  supersededBy: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /**
   * Past the retention period the user's words and the restored answer are erased; what was sent and
   * what came back (both anonymized) stay, and are shown in their place.
   */
  purged: z.boolean().optional(),
  replySent: z.string().optional(),
  createdAt: IsoTime,
  finishedAt: IsoTime.optional(),
});
export type MessageView = z.infer<typeof MessageView>;

export const ModelView = z.object({
  alias: z.string(),
  displayName: z.string(),
  crossBorder: z.boolean(),
  inputPerMillion: MicroYuan,
  outputPerMillion: MicroYuan,
  /** A rough price per thousand Chinese characters of answer, for the picker. */
  perThousandCharsEstimate: MicroYuan,
  available: z.boolean(),
});

const Uuid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, '请求编号应为客户端生成的 UUID');
const ConversationId = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/);

export const chatContracts = {
  'consent.get': action(Empty, ConsentView),
  'consent.accept': action(z.object({ version: z.string().min(1).max(20), crossBorder: z.boolean() }), ConsentView),
  'consent.withdraw': action(Empty, ConsentView),
  'chat.models': action(Empty, z.object({ models: z.array(ModelView) })),
  'chat.send': action(
    z.object({
      conversationId: ConversationId.optional(),
      requestId: Uuid,
      text: z.string().trim().min(1, '请输入内容').max(MAX_TEXT_CHARS, `内容不能超过 ${MAX_TEXT_CHARS} 个字`),
      model: z.string().min(1).max(42).optional(),
      /** Answer this earlier turn again (a new attempt, charged as a new call); `text` is then the turn's own. */
      regenerateOf: Uuid.optional(),
      /** Words the user marked as private: hidden in this and every later turn of the conversation. */
      private: MarkedPrivate.optional(),
    }),
    z.object({
      conversationId: z.string(),
      messageId: z.string(),
      status: MessageStatus,
      reply: z.string(),
      sent: z.string(),
      usage: UsageView.optional(),
      cost: MicroYuan.optional(),
      truncated: z.boolean().optional(),
      cacheHit: z.boolean().optional(),
      balance: MicroYuan,
    }),
  ),
  'chat.get': action(z.object({ messageId: Uuid }), MessageView),
  /** Stops an answer being written: it ends within about two seconds, is kept and charged for what was written. */
  'chat.stop': action(z.object({ messageId: Uuid }), z.object({ messageId: z.string(), status: MessageStatus })),
  'chat.conversations': action(
    z.object({ cursor: Cursor.optional() }),
    z.object({
      conversations: z.array(
        z.object({ conversationId: z.string(), title: z.string(), model: z.string(), messageCount: z.number().int(), updatedAt: IsoTime }),
      ),
      nextCursor: z.string().nullable(),
    }),
  ),
  'chat.history': action(
    z.object({ conversationId: ConversationId, cursor: Cursor.optional() }),
    z.object({ messages: z.array(MessageView), nextCursor: z.string().nullable() }),
  ),
  'chat.delete': action(z.object({ conversationId: ConversationId }), z.object({ deleted: z.number().int() })),
  'privacy.export': action(Empty, z.object({ exportedAt: IsoTime, data: z.record(z.string(), z.unknown()) })),
  'privacy.delete': action(Empty, z.object({ conversations: z.number().int(), messages: z.number().int() })),
};
