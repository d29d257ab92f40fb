import { z } from 'zod';
import { action } from './action';
import { Empty } from './common';
import { sessionContracts } from './session';
import { chatContracts } from './chat';
import { paymentAdminContracts, paymentContracts } from './payments';
import { privacyContracts } from './privacy';
import { walletAdminContracts, walletContracts } from './wallet';

export * from './action';
export * from './common';
export * from './envelope';
export * from './errors';
export * from './chat';
export * from './chat-stream';
export * from './payments';
export * from './privacy';
export * from './wallet';

/** Actions of the `api` function (any signed-in user). */
export const apiContracts = {
  ...sessionContracts,
  ...walletContracts,
  ...paymentContracts,
  ...privacyContracts,
  ...chatContracts,
};

/** Actions of the `admin` function (merchants only; the role is checked on every call). */
export const adminContracts = {
  ping: action(Empty, z.object({ pong: z.literal(true), at: z.string() })),
  ...walletAdminContracts,
  ...paymentAdminContracts,
};

export type ApiContracts = typeof apiContracts;
export type AdminContracts = typeof adminContracts;
