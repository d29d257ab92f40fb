import { z } from 'zod';
import { action } from './action';

/** What the anonymizer finds (placeholder types). */
export const ENTITY_TYPES = [
  'ID_CARD',
  'PHONE',
  'EMAIL',
  'BANK_CARD',
  'USCC',
  'PASSPORT',
  'PLATE',
  'IP',
  'WECHAT_ID',
  'QQ',
  'PERSON',
  'ADDRESS',
  /** A merchant's own term or pattern. */
  'CUSTOM',
  /** Text the user marked as private themselves. */
  'PRIVATE',
  /** The backstop: a long run of digits no detector claimed (hidden rather than risked). */
  'NUMBER',
] as const;

/** What the user may mark as private in one request: hidden like any other entity for the conversation. */
export const MarkedPrivate = z
  .array(z.string().trim().min(1, '标记的内容不能为空').max(100, '标记的内容不能超过 100 个字'))
  .max(20, '最多标记 20 处');

/** The longest text a user may send or preview (characters). */
export const MAX_TEXT_CHARS = 8000;

export const RedactedEntity = z.object({
  type: z.enum(ENTITY_TYPES),
  start: z.number().int(),
  end: z.number().int(),
  placeholder: z.string(),
});

export const privacyContracts = {
  'privacy.preview': action(
    z.object({
      text: z.string().max(MAX_TEXT_CHARS, `内容不能超过 ${MAX_TEXT_CHARS} 个字`),
      private: MarkedPrivate.optional(),
      /** The conversation the text will be sent in: the preview uses its placeholders (某人1 stays 某人1). */
      conversationId: z
        .string()
        .regex(/^[0-9A-Za-z_-]{8,64}$/)
        .optional(),
    }),
    z.object({ redacted: z.string(), entities: z.array(RedactedEntity) }),
  ),
};
