import { z } from 'zod';
import { action } from './action';
import { Empty } from './common';

export const sessionContracts = {
  'session.get': action(Empty, z.object({ openid: z.string(), isAdmin: z.boolean() })),
};
