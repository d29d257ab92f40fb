import { z } from 'zod';
import { action } from './action';
import { Empty, IsoTime } from './common';

export const sessionContracts = {
  'session.get': action(
    Empty,
    z.object({
      openid: z.string(),
      isAdmin: z.boolean(),
      /** For `Authorization: Bearer …` to the HTTP function `chat` (streaming); absent when streaming is not configured. */
      streamToken: z.string().optional(),
      streamTokenExpiresAt: IsoTime.optional(),
    }),
  ),
};
