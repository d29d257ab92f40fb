import type { privacyContracts } from '../../../shared/contracts/privacy';
import { loadCustomRules } from '../../../shared/chat/privacy-rules';
import { PrivacySession } from '../../../shared/privacy/session';
import type { Handlers } from '../../../shared/app/router';

export const privacyHandlers: Handlers<typeof privacyContracts> = {
  // What would be hidden, before sending: nothing is stored and nothing is charged.
  'privacy.preview': async ({ text, private: marked }, { deps }) =>
    new PrivacySession(undefined, { custom: await loadCustomRules(deps) }).redact(text, { marked }),
};
