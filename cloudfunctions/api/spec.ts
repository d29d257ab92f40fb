import { apiContracts, type ApiContracts } from '../../shared/contracts';
import type { CallableSpec, Handlers } from '../../shared/app/router';
import { sessionHandlers } from './actions/session';
import { chatHandlers } from './actions/chat';
import { privacyHandlers } from './actions/privacy';
import { topupHandlers } from './actions/topup';
import { walletHandlers } from './actions/wallet';

const handlers: Handlers<ApiContracts> = {
  ...sessionHandlers,
  ...walletHandlers,
  ...topupHandlers,
  ...privacyHandlers,
  ...chatHandlers,
};

/** `api`: the actions any signed-in user may call. */
export const apiSpec: CallableSpec<ApiContracts> = { name: 'api', contracts: apiContracts, handlers, adminOnly: false };
