import type { walletContracts } from '../../../shared/contracts/wallet';
import type { Handlers } from '../../../shared/app/router';
import { getWallet, statement } from '../../../shared/wallet/service';

export const walletHandlers: Handlers<typeof walletContracts> = {
  'wallet.get': async (_input, { caller, deps }) => getWallet(deps, caller.openid),
  'wallet.statement': async (input, { caller, deps }) => statement(deps, caller.openid, input),
};
