import type { apiContracts } from '../../../shared/contracts';
import type { Handlers } from '../../../shared/app/router';

type SessionContracts = Pick<typeof apiContracts, 'session.get'>;

export const sessionHandlers: Handlers<SessionContracts> = {
  'session.get': async (_input, { caller }) => ({ openid: caller.openid, isAdmin: await caller.isAdmin() }),
};
