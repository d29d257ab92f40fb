import { getDoc } from '../platform/database';
import { AppError } from '../platform/errors';
import type { PlatformDeps } from '../platform/context';
import { emptySession, PrivacySession, type Redaction } from '../privacy/session';
import { CONVERSATIONS, type ConversationDoc } from './documents';
import { loadCustomRules } from './privacy-rules';

/**
 * What `chat.send` would hide in this text, numbered as that conversation numbers it (a name already
 * seen is [PERSON_1] again, a new one the next number). Nothing is stored: the session is a copy.
 */
export async function previewRedaction(
  deps: PlatformDeps,
  openid: string,
  input: { text: string; private?: string[]; conversationId?: string },
): Promise<Redaction> {
  const [custom, conversation] = await Promise.all([
    loadCustomRules(deps),
    input.conversationId ? getDoc<ConversationDoc>(deps.db, CONVERSATIONS, input.conversationId) : Promise.resolve(null),
  ]);
  if (input.conversationId && (!conversation || conversation.openid !== openid)) throw new AppError('NOT_FOUND', '找不到这个对话');
  return new PrivacySession(conversation?.placeholders ?? emptySession(), { custom }).redact(input.text, { marked: input.private });
}
