import { createHmac } from 'node:crypto';
import { maxCostOf, costOf } from '../llm/pricing';
import { routeCompletion, type RouteStep } from '../llm/router';
import { estimateMessagesTokens } from '../llm/tokens';
import type { ChatMessage, Usage } from '../llm/types';
import type { ModelEntry } from '../llm/model-entry';
import type { LlmDeps } from '../llm/deps';
import { fetchAll, getDoc, inTransaction } from '../platform/database';
import { AppError, errorBodyOf } from '../platform/errors';
import { loadCustomRules } from './privacy-rules';
import { cached } from '../platform/cache';
import { emptySession, PrivacySession } from '../privacy/session';
import { getWallet } from '../wallet/service';
import { holdTx, releaseTx, settleTx } from '../wallet/operations';
import { requireConsent } from './consent';
import { CONVERSATIONS, MESSAGES, type ConversationDoc, type MessageDoc } from './documents';
import { findModel } from './model-catalogue';
import { takeRateLimit } from './rate-limit';

/** Told to every model: placeholders are personal information kept at home, to be written back as they are. */
export const SYSTEM_PROMPT =
  '你是一个乐于助人的中文助手。用户消息里形如 [PHONE_1]、[PERSON_2] 的方括号占位符代表已被隐去的个人信息。' +
  '回答时如需提到这些信息，请原样保留占位符（方括号、大写字母、下划线和编号都不要改动），不要猜测、翻译或改写它们。';

/** How often the growing answer is written to the message document while it streams. */
const STREAM_WRITE_INTERVAL_MS = 400;
const HISTORY_LIMIT = 40;

export interface SendInput {
  conversationId?: string;
  requestId: string;
  text: string;
  model?: string;
}

export interface SendAnswer {
  conversationId: string;
  messageId: string;
  status: MessageDoc['status'];
  reply: string;
  sent: string;
  usage?: Usage;
  cost?: number;
  balance: number;
}

async function answerOf(deps: LlmDeps, m: MessageDoc): Promise<SendAnswer> {
  const wallet = await getWallet(deps, m.openid);
  return {
    conversationId: m.conversationId,
    messageId: m._id,
    status: m.status,
    reply: m.reply ?? '',
    sent: m.sent,
    ...(m.usage ? { usage: m.usage } : {}),
    ...(m.cost !== undefined ? { cost: m.cost } : {}),
    balance: wallet.balance,
  };
}

/** Most recent turns first, as many as fit the model's context budget with the new turn. */
export function trimHistory(history: ChatMessage[], turn: ChatMessage, budget: number): ChatMessage[] {
  const kept: ChatMessage[] = [];
  let used = estimateMessagesTokens([{ role: 'system', content: SYSTEM_PROMPT }, turn]);
  for (let i = history.length - 1; i >= 0; i--) {
    const cost = estimateMessagesTokens([history[i]!]);
    if (used + cost > budget) break;
    used += cost;
    kept.unshift(history[i]!);
  }
  // Never start with an assistant turn whose question was cut away.
  while (kept[0]?.role === 'assistant') kept.shift();
  return kept;
}

type Claim = { kind: 'existing'; message: MessageDoc } | { kind: 'claimed'; message: MessageDoc; conversation: ConversationDoc };

/**
 * Claims the requestId in one transaction: a new message (and conversation) is created as pending,
 * a failed one is taken for another attempt, anything else is returned as it stands. Concurrent
 * duplicates therefore reach the model once.
 */
async function claim(deps: LlmDeps, openid: string, input: SendInput, model: ModelEntry): Promise<Claim> {
  const now = deps.clock.now();
  const conversationId = input.conversationId ?? deps.ids.uuid();
  return inTransaction(deps.db, async (tx) => {
    const existing = await tx.get<MessageDoc>(MESSAGES, input.requestId);
    if (existing && existing.openid !== openid) throw new AppError('IDEMPOTENCY_CONFLICT', '这条消息的编号已被使用，请重新发送');
    if (existing && existing.status !== 'failed') return { kind: 'existing', message: existing };
    let conversation = await tx.get<ConversationDoc>(CONVERSATIONS, existing?.conversationId ?? conversationId);
    if (conversation && conversation.openid !== openid) throw new AppError('NOT_FOUND', '找不到这个对话');
    if (!conversation) {
      if (input.conversationId) throw new AppError('NOT_FOUND', '找不到这个对话');
      // The title is set from the anonymized text once it exists: raw text stays only where retention purges it.
      conversation = {
        _id: conversationId,
        openid,
        _openid: openid,
        title: '',
        model: model.alias,
        placeholders: emptySession(),
        messageCount: 0,
        createdAt: now,
        updatedAt: now,
      };
      await tx.set(CONVERSATIONS, conversation._id, { ...conversation });
    }
    const message: MessageDoc = {
      _id: input.requestId,
      openid,
      _openid: openid,
      conversationId: conversation._id,
      status: 'pending',
      attempt: (existing?.attempt ?? 0) + 1,
      model: model.alias,
      text: input.text,
      sent: '',
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await tx.set(MESSAGES, message._id, { ...message });
    return { kind: 'claimed', message, conversation };
  });
}

async function previousTurns(deps: LlmDeps, conversationId: string, exclude: string): Promise<ChatMessage[]> {
  const done = await fetchAll<MessageDoc>(
    deps.db.collection(MESSAGES).where({ conversationId, status: 'done' }).orderBy('createdAt', 'desc').limit(HISTORY_LIMIT),
  );
  const turns: ChatMessage[] = [];
  for (const m of done.reverse()) {
    if (m._id === exclude) continue;
    turns.push({ role: 'user', content: m.sent }, { role: 'assistant', content: m.replySent ?? '' });
  }
  return turns;
}

/** The provider sees no openid: at most an HMAC of it, and only when the merchant configured a secret. */
function userTag(deps: LlmDeps, openid: string): string | undefined {
  const secret = deps.config.userTagSecret;
  return secret ? createHmac('sha256', secret).update(openid).digest('hex').slice(0, 32) : undefined;
}

/**
 * One chat turn: consent → rate limit → claim the requestId → anonymize → trim history → hold the most
 * it can cost → call the model (streaming the restored answer into the message) → settle the real
 * cost and mark the message done in one transaction. A failed call releases the whole hold (and marks
 * the message failed) in one transaction; nothing billable is stored.
 */
export async function sendChat(deps: LlmDeps, openid: string, input: SendInput): Promise<SendAnswer> {
  const existing = await getDoc<MessageDoc>(deps.db, MESSAGES, input.requestId);
  if (existing && existing.openid === openid && existing.status !== 'failed') return answerOf(deps, existing);

  const model = await findModel(deps, input.model);
  await requireConsent(deps, openid, model.crossBorder);
  await takeRateLimit(deps, openid);

  const claimed = await claim(deps, openid, input, model);
  if (claimed.kind === 'existing') return answerOf(deps, claimed.message);
  const { message, conversation } = claimed;
  const holdId = message.attempt === 1 ? message._id : `${message._id}.${message.attempt}`;

  const fail = async (error: unknown, held: boolean): Promise<never> => {
    const { code, message: text } = errorBodyOf(error);
    const now = deps.clock.now();
    await inTransaction(deps.db, async (tx) => {
      if (held) await releaseTx(tx, { openid, requestId: holdId }, now);
      await tx.update(MESSAGES, message._id, { status: 'failed', error: { code, message: text }, updatedAt: now, finishedAt: now });
    });
    throw error;
  };

  // Anonymize the new turn with the conversation's placeholders, and keep them for the next turns.
  const session = new PrivacySession(conversation.placeholders, {
    custom: await cached(deps, 'privacy-rules', 30_000, () => loadCustomRules(deps)),
  });
  const { redacted } = session.redact(input.text);
  const turn: ChatMessage = { role: 'user', content: redacted };
  // A new conversation has no history to read.
  const history =
    conversation.messageCount === 0 ? [] : trimHistory(await previousTurns(deps, conversation._id, message._id), turn, model.contextBudget);
  const messages: ChatMessage[] = [{ role: 'system', content: SYSTEM_PROMPT }, ...history, turn];

  const steps: RouteStep[] = model.chain.flatMap((s) => {
    const provider = deps.llm.providers.get(s.provider);
    return provider ? [{ ...s, provider }] : [];
  });
  if (steps.length === 0) {
    await deps.db
      .collection(CONVERSATIONS)
      .doc(conversation._id)
      .update({ data: { placeholders: session.state, updatedAt: deps.clock.now() } });
    return fail(new AppError('PROVIDER_UNAVAILABLE', '这个模型还没有配置服务商'), false);
  }

  const maxCost = maxCostOf(estimateMessagesTokens(messages), model.maxOutputTokens, model);
  try {
    const now = deps.clock.now();
    await inTransaction(deps.db, async (tx) => {
      await holdTx(
        tx,
        { openid, amount: Math.max(1, maxCost), requestId: holdId, expiresAt: new Date(now.getTime() + deps.config.holdTtlSeconds * 1000) },
        now,
      );
      await tx.update(MESSAGES, message._id, { status: 'streaming', sent: redacted, updatedAt: now });
      // The placeholders issued for this turn are kept for the next ones.
      await tx.update(CONVERSATIONS, conversation._id, {
        placeholders: session.state,
        updatedAt: now,
        ...(conversation.title ? {} : { title: redacted.slice(0, 30) }),
      });
    });
  } catch (error) {
    return fail(error, false);
  }

  // Stream: restore placeholders before anything is written, write at a bounded rate.
  const restorer = session.streamRestorer();
  let shown = '';
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const onText = (delta: string) => {
    shown += restorer.push(delta);
    const t = Date.now();
    if (t - lastWrite >= STREAM_WRITE_INTERVAL_MS) {
      lastWrite = t;
      const snapshot = shown;
      // Writes are chained so they land in order; a failed progress write only delays what the app sees.
      writing = writing
        .then(async () => {
          await deps.db
            .collection(MESSAGES)
            .doc(message._id)
            .update({ data: { reply: snapshot, updatedAt: deps.clock.now() } });
        })
        .catch(() => undefined);
    }
  };

  const user = userTag(deps, openid);
  let result;
  try {
    result = await routeCompletion(
      steps,
      { messages, maxOutputTokens: model.maxOutputTokens, ...(user ? { user } : {}) },
      // A third of the budget for the first byte, so a silent provider still leaves time for the next one.
      {
        connectTimeoutMs: 5_000,
        firstByteTimeoutMs: Math.min(15_000, Math.floor(deps.config.chatDeadlineMs / 3)),
        deadline: Date.now() + deps.config.chatDeadlineMs,
      },
      onText,
      deps.llm.breaker,
    );
  } catch (error) {
    await writing;
    return fail(error, true);
  }
  await writing;
  const reply = session.restore(result.text);

  const cost = costOf(result.usage, model);
  const held = Math.max(1, maxCost);
  // The hold is the most a call can cost; should a provider report more than estimated, the merchant absorbs the rest.
  const charged = Math.min(cost, held);
  if (cost > held) deps.log.warn('usage_exceeded_hold', { model: model.alias, cost, held });
  const finishedAt = deps.clock.now();
  const settled = await inTransaction(deps.db, async (tx) => {
    const after = await settleTx(tx, { openid, requestId: holdId, actual: charged }, finishedAt);
    await tx.update(MESSAGES, message._id, {
      status: 'done',
      reply,
      replySent: result.text,
      usage: result.usage,
      cost: charged,
      providerId: result.providerId,
      ...(result.truncated ? { truncated: true } : {}),
      updatedAt: finishedAt,
      finishedAt,
    });
    await tx.update(CONVERSATIONS, conversation._id, { messageCount: tx.inc(1), updatedAt: finishedAt, model: model.alias });
    return after;
  });
  return {
    conversationId: conversation._id,
    messageId: message._id,
    status: 'done',
    reply,
    sent: redacted,
    usage: result.usage,
    cost: charged,
    balance: settled.balance,
  };
}
