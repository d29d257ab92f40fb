import type { apiContracts } from '../../../shared/contracts';
import type { Handlers } from '../../../shared/app/router';
import { issueStreamToken } from '../../../shared/platform/stream-token';

type SessionContracts = Pick<typeof apiContracts, 'session.get'>;

export const sessionHandlers: Handlers<SessionContracts> = {
  // The one place the openid is known for certain (callFunction), so the stream token is signed here.
  'session.get': async (_input, { caller, deps }) => ({
    openid: caller.openid,
    isAdmin: await caller.isAdmin(),
    ...issueStreamToken(deps, caller.openid),
  }),
};
