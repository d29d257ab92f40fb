import type { PlatformDeps } from '../platform/context';
import { fetchAll, getDoc } from '../platform/database';
import { keysetWhere, nextCursor } from '../platform/keyset';
import { WALLETS } from '../wallet/documents';
import { AppError } from '../platform/errors';
import { CONVERSATIONS, MESSAGES, type ConversationDoc, type MessageDoc } from './documents';
import { messageView } from './views';

const PAGE = 20;

/** The caller's own message, as it stands (the app polls it while the answer streams). */
export async function getMessage(deps: PlatformDeps, openid: string, messageId: string) {
  const m = await getDoc<MessageDoc>(deps.db, MESSAGES, messageId);
  if (!m || m.openid !== openid) throw new AppError('NOT_FOUND', '找不到这条消息');
  return messageView(m);
}

export async function listConversations(deps: PlatformDeps, openid: string, cursor?: string) {
  const _ = deps.db.command;
  const where = keysetWhere(_, { openid }, 'updatedAt', cursor);
  const docs = await fetchAll<ConversationDoc>(
    deps.db.collection(CONVERSATIONS).where(where).orderBy('updatedAt', 'desc').orderBy('_id', 'desc').limit(PAGE),
  );
  return {
    conversations: docs.map((d) => ({
      conversationId: d._id,
      title: d.title,
      model: d.model,
      messageCount: d.messageCount,
      updatedAt: new Date(d.updatedAt).toISOString(),
    })),
    nextCursor: nextCursor(docs, 'updatedAt', PAGE),
  };
}

async function ownConversation(deps: PlatformDeps, openid: string, conversationId: string): Promise<ConversationDoc> {
  const c = await getDoc<ConversationDoc>(deps.db, CONVERSATIONS, conversationId);
  if (!c || c.openid !== openid) throw new AppError('NOT_FOUND', '找不到这个对话');
  return c;
}

/** Newest first. */
export async function conversationHistory(deps: PlatformDeps, openid: string, conversationId: string, cursor?: string) {
  await ownConversation(deps, openid, conversationId);
  const _ = deps.db.command;
  const where = keysetWhere(_, { conversationId, openid }, 'createdAt', cursor);
  const docs = await fetchAll<MessageDoc>(
    deps.db.collection(MESSAGES).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(PAGE),
  );
  return { messages: docs.map(messageView), nextCursor: nextCursor(docs, 'createdAt', PAGE) };
}

/** Deletes a conversation, its messages and its placeholder map. The ledger keeps its entries (no text in them). */
export async function deleteConversation(deps: PlatformDeps, openid: string, conversationId: string): Promise<{ deleted: number }> {
  await ownConversation(deps, openid, conversationId);
  const res = (await deps.db.collection(MESSAGES).where({ conversationId, openid }).remove()) as { stats?: { removed?: number } };
  await deps.db.collection(CONVERSATIONS).doc(conversationId).remove();
  // One place freed under the conversation quota (counted in the wallet, see wallet/reserve.ts).
  const _ = deps.db.command;
  await deps.db
    .collection(WALLETS)
    .where({ _id: openid, conversations: _.gt(0) })
    .update({ data: { conversations: _.inc(-1) } });
  return { deleted: res.stats?.removed ?? 0 };
}
