import { z } from 'zod';
import { ENTITY_TYPES } from '../privacy/types';
import { action } from './action';

/** The longest text a user may send or preview (characters). */
export const MAX_TEXT_CHARS = 8000;

export const RedactedEntity = z.object({ type: z.enum(ENTITY_TYPES), start: z.number().int(), end: z.number().int(), placeholder: z.string() });

export const privacyContracts = {
  'privacy.preview': action(
    z.object({ text: z.string().max(MAX_TEXT_CHARS, `text must be at most ${MAX_TEXT_CHARS} characters`) }),
    z.object({ redacted: z.string(), entities: z.array(RedactedEntity) }),
  ),
};
