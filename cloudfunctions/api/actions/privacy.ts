import type { privacyContracts } from '../../../shared/contracts/privacy';
import { previewRedaction } from '../../../shared/chat/preview';
import type { Handlers } from '../../../shared/app/router';

export const privacyHandlers: Handlers<typeof privacyContracts> = {
  // What would be hidden, before sending, numbered as the conversation numbers it: nothing is stored
  // and nothing is charged.
  'privacy.preview': async (input, { caller, deps }) => previewRedaction(deps, caller.openid, input),
};
