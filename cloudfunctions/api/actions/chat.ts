import type { chatContracts } from '../../../shared/contracts/chat';
import { acceptConsent, getConsent, withdrawConsent } from '../../../shared/chat/consent';
import { deleteMyData, exportMyData } from '../../../shared/chat/user-data';
import { conversationHistory, deleteConversation, getMessage, listConversations } from '../../../shared/chat/history';
import { isAvailable, loadModels } from '../../../shared/chat/model-catalogue';
import { sendChat, stopChat } from '../../../shared/chat/send';
import { costOf } from '../../../shared/llm/pricing';
import type { Handlers } from '../../../shared/app/router';

export const chatHandlers: Handlers<typeof chatContracts> = {
  'consent.get': async (_i, { caller, deps }) => getConsent(deps, caller.openid),
  'consent.accept': async ({ version, crossBorder }, { caller, deps }) => acceptConsent(deps, caller.openid, version, crossBorder),
  'consent.withdraw': async (_i, { caller, deps }) => withdrawConsent(deps, caller.openid),
  'chat.models': async (_i, { deps }) => ({
    models: (await loadModels(deps)).map((m) => ({
      alias: m.alias,
      displayName: m.displayName,
      crossBorder: m.crossBorder,
      inputPerMillion: m.inputPerMillion,
      outputPerMillion: m.outputPerMillion,
      // About one token per Chinese character: a 1,000-character question and answer.
      perThousandCharsEstimate: costOf({ input: 1000, cachedInput: 0, output: 1000 }, m),
      available: isAvailable(deps, m),
    })),
  }),
  'chat.send': async (input, { caller, deps }) => sendChat(deps, caller.openid, input),
  'chat.get': async ({ messageId }, { caller, deps }) => getMessage(deps, caller.openid, messageId),
  'chat.stop': async ({ messageId }, { caller, deps }) => stopChat(deps, caller.openid, messageId),
  'chat.conversations': async ({ cursor }, { caller, deps }) => listConversations(deps, caller.openid, cursor),
  'chat.history': async ({ conversationId, cursor }, { caller, deps }) => conversationHistory(deps, caller.openid, conversationId, cursor),
  'chat.delete': async ({ conversationId }, { caller, deps }) => deleteConversation(deps, caller.openid, conversationId),
  'privacy.export': async (_i, { caller, deps }) => exportMyData(deps, caller.openid),
  'privacy.delete': async (_i, { caller, deps }) => deleteMyData(deps, caller.openid),
};
