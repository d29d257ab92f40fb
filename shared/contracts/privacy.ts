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
  'CUSTOM',
] as const;

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
    z.object({ text: z.string().max(MAX_TEXT_CHARS, `内容不能超过 ${MAX_TEXT_CHARS} 个字`) }),
    z.object({ redacted: z.string(), entities: z.array(RedactedEntity) }),
  ),
};
