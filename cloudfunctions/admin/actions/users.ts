import type { walletAdminContracts } from '../../../shared/contracts/wallet';
import type { Handlers } from '../../../shared/app/router';
import { viewOf } from '../../../shared/wallet/documents';
import { wallet } from '../../../shared/wallet/service';

export const usersHandlers: Handlers<typeof walletAdminContracts> = {
  // The acting merchant is the caller the platform names; the audit record says who did it.
  'users.adjust': async (input, { caller, deps }) =>
    viewOf(
      await wallet.adjust(deps, {
        openid: input.openid,
        amount: input.amount,
        reason: input.reason,
        actor: caller.openid,
        requestId: input.requestId,
      }),
    ),
};
