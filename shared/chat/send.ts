import { createHmac } from 'node:crypto';
import { maxCostOf, costOf } from '../llm/pricing';
import { routeCompletion, type RouteResult, type RouteStep } from '../llm/router';
import { estimateMessagesTokens, estimateTokens } from '../llm/tokens';
import type { ChatMessage, Usage } from '../llm/types';
import type { ModelEntry } from '../llm/model-entry';
import type { LlmDeps } from '../llm/deps';
import { fetchAll, getDoc } from '../platform/database';
import { WALLETS, type WalletDoc } from '../wallet/documents';
import { releaseReserved, reserveError, reserveInWallet, type ReserveRequest } from '../wallet/reserve';
import { AppError, errorBodyOf } from '../platform/errors';
import { loadCustomRules } from './privacy-rules';
import { cached } from '../platform/cache';
import { emptySession, PrivacySession } from '../privacy/session';
import { filedCopiesOf, settleReserved } from '../wallet/settle-reserved';
import { requireConsentOf } from './consent';
import { CONSENTS, CONVERSATIONS, MESSAGES, type ConsentDoc, type ConversationDoc, type MessageDoc } from './documents';
import { findModel } from './model-catalogue';
import { cacheKeyOf, cacheTtlMs, hitCharge, readCached, writeCached, type ChatCacheDoc } from './response-cache';

/** Told to every model: placeholders are personal information kept at home, to be written back as they are. */
export const SYSTEM_PROMPT =
  '你是一个乐于助人的中文助手。用户消息里形如 [PHONE_1]、[PERSON_2] 的方括号占位符代表已被隐去的个人信息。' +
  '回答时如需提到这些信息，请原样保留占位符（方括号、大写字母、下划线和编号都不要改动），不要猜测、翻译或改写它们。';

/** How often the growing answer is written for an app that polls chat.get (the fallback path). */
const POLL_WRITE_MS = 1_000;
/** While a client streams, progress is written only so that the answer can be resumed after a lost connection. */
const STREAM_RESUME_WRITE_MS = 5_000;
/** How often a long answer looks whether chat.stop asked it to end (the stop takes effect within ~2 s). */
const STOP_CHECK_MS = 1_000;
const HISTORY_LIMIT = 40;

export interface SendInput {
  conversationId?: string;
  requestId: string;
  text: string;
  model?: string;
  /** Texts the user marked as private (hidden like any entity, for the rest of the conversation). */
  private?: string[];
  /** Answer this earlier message's turn again (a new attempt with a new requestId, charged as a new call). */
  regenerateOf?: string;
}

/**
 * What a streaming caller (the HTTP function `chat`) hears while the answer is written. The polling
 * path (`chat.send` + `chat.get`) passes none. A caller that goes away does not stop the answer: it
 * is still settled and stored.
 */
export interface SendHooks {
  /** The conversation and message exist: the first event of a stream. */
  onStart?(ids: { conversationId: string; messageId: string }): void;
  /** Restored text, in order, as it arrives (never a placeholder the user should not see). */
  onDelta?(text: string): void;
}

export interface SendAnswer {
  conversationId: string;
  messageId: string;
  status: MessageDoc['status'];
  reply: string;
  sent: string;
  usage?: Usage;
  cost?: number;
  /** Cut off at the model's output limit or the function's time limit (kept and charged). */
  truncated?: boolean;
  /** Answered from the response cache (no model call). */
  cacheHit?: boolean;
  balance: number;
}

function answerOf(m: MessageDoc, wallet: WalletDoc | null): SendAnswer {
  return {
    conversationId: m.conversationId,
    messageId: m._id,
    status: m.status,
    reply: m.reply ?? '',
    sent: m.sent,
    ...(m.usage ? { usage: m.usage } : {}),
    ...(m.cost !== undefined ? { cost: m.cost } : {}),
    ...(m.truncated ? { truncated: true } : {}),
    ...(m.cacheHit ? { cacheHit: true } : {}),
    balance: wallet?.balance ?? 0,
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

/** The conversation's answered turns, newest last (stopped answers count: they were shown and paid for). */
async function previousTurns(deps: LlmDeps, conversationId: string): Promise<MessageDoc[]> {
  const _ = deps.db.command;
  const done = await fetchAll<MessageDoc>(
    deps.db
      .collection(MESSAGES)
      .where({ conversationId, status: _.in(['done', 'stopped']) })
      .orderBy('createdAt', 'desc')
      .limit(HISTORY_LIMIT),
  );
  return done.reverse();
}

/** What the model is reminded of: earlier turns, without replaced versions, and before `until` when regenerating. */
function turnsOf(docs: MessageDoc[], exclude: string, until?: MessageDoc): ChatMessage[] {
  const turns: ChatMessage[] = [];
  for (const m of docs) {
    if (m._id === exclude || m.supersededBy || !m.replySent) continue;
    if (until && (m._id === until._id || new Date(m.createdAt).getTime() >= new Date(until.createdAt).getTime())) continue;
    turns.push({ role: 'user', content: m.sent }, { role: 'assistant', content: m.replySent });
  }
  return turns;
}

/** The provider sees no openid: at most an HMAC of it, and only when the merchant configured a secret. */
function userTag(deps: LlmDeps, openid: string): string | undefined {
  const secret = deps.config.userTagSecret;
  return secret ? createHmac('sha256', secret).update(openid).digest('hex').slice(0, 32) : undefined;
}

/**
 * One chat turn, in four database rounds, two of them before the model hears of it (CloudBase's
 * database is a network service; each round costs milliseconds on every answer):
 *
 * 1. read, at once: the message for this requestId (a retry returns the stored answer), the consent,
 *    the wallet, the conversation and its recent turns (configuration documents are cached);
 * 2. one conditional write of the wallet that holds the most the answer can cost, counts the rate
 *    limit and the conversation quota, and claims the requestId (reserve.ts) — a refusal there
 *    (balance, rate, quota) has stored nothing;
 * 3. at once, while the model starts: the message (streaming) and the conversation (new placeholders
 *    appended, not the whole map); the stream's first event and every later write wait for them.
 *
 * A model with the response cache enabled (`cache` in its models entry) reads its cache entry between
 * 1 and 2 — one more round, for those models only. A hit goes through the same hold and message
 * writes, then answers without the model and is settled at the model's share.
 *
 * Then the model; then 4. one round settles the real cost and stores the answer (done) side by side
 * (settle-reserved.ts; the timer finishes a settlement cut off inside it), or the hold is given back
 * and the message marked failed without its partial text (a failed answer is not kept).
 */
export async function sendChat(deps: LlmDeps, openid: string, input: SendInput, hooks: SendHooks = {}): Promise<SendAnswer> {
  const now = deps.clock.now();
  const [existing, consentDoc, walletDoc, given, turns, model, custom, original] = await Promise.all([
    getDoc<MessageDoc>(deps.db, MESSAGES, input.requestId),
    getDoc<ConsentDoc>(deps.db, CONSENTS, openid),
    getDoc<WalletDoc>(deps.db, WALLETS, openid),
    input.conversationId ? getDoc<ConversationDoc>(deps.db, CONVERSATIONS, input.conversationId) : Promise.resolve(null),
    input.conversationId ? previousTurns(deps, input.conversationId) : Promise.resolve([]),
    findModel(deps, input.model),
    cached(deps, 'privacy-rules', 30_000, () => loadCustomRules(deps)),
    input.regenerateOf ? getDoc<MessageDoc>(deps.db, MESSAGES, input.regenerateOf) : Promise.resolve(null),
  ]);
  if (existing && existing.openid !== openid) throw new AppError('IDEMPOTENCY_CONFLICT', '这条消息的编号已被使用，请重新发送');
  if (existing && existing.status !== 'failed') return answerOf(existing, walletDoc);
  if (given && given.openid !== openid) throw new AppError('NOT_FOUND', '找不到这个对话');
  if (input.conversationId && !given) throw new AppError('NOT_FOUND', '找不到这个对话');
  // Regenerating: the same turn of the same conversation, asked again with the text as it was first sent.
  if (input.regenerateOf) {
    if (!original || original.openid !== openid || original.conversationId !== input.conversationId)
      throw new AppError('NOT_FOUND', '找不到要重新生成的回答');
    if (original.text === undefined) throw new AppError('NOT_FOUND', '原问题已按隐私规则删除，无法重新生成');
    input = { ...input, text: original.text };
  }
  requireConsentOf(consentDoc, model.crossBorder);

  // A failed message retried without its conversation id stays in its conversation.
  const conversation: ConversationDoc | null =
    given ?? (existing ? await getDoc<ConversationDoc>(deps.db, CONVERSATIONS, existing.conversationId) : null);
  const conversationId = conversation?._id ?? deps.ids.uuid();
  const earlier = given ? turns : existing && conversation ? await previousTurns(deps, conversation._id) : [];
  const history = turnsOf(earlier, input.requestId, original ?? undefined);

  // Anonymize the new turn with the conversation's placeholders.
  const session = new PrivacySession(conversation?.placeholders ?? emptySession(), { custom });
  const knownBefore = session.state.entries.length;
  const { redacted } = session.redact(input.text, { marked: input.private });
  const turn: ChatMessage = { role: 'user', content: redacted };
  const messages: ChatMessage[] = [{ role: 'system', content: SYSTEM_PROMPT }, ...trimHistory(history, turn, model.contextBudget), turn];
  const steps: RouteStep[] = model.chain.flatMap((s) => {
    const provider = deps.llm.providers.get(s.provider);
    return provider ? [{ ...s, provider }] : [];
  });
  if (steps.length === 0) throw new AppError('PROVIDER_UNAVAILABLE', '这个模型还没有配置服务商');

  // 1b. The response cache, for models that enable it (an extra round for them only). A regeneration
  // asks for a different answer: it never reads the cache (its answer replaces the entry).
  const cacheKey = model.cache?.enabled ? cacheKeyOf(openid, model, messages) : undefined;
  const hit: ChatCacheDoc | null = cacheKey && !input.regenerateOf ? await readCached(deps.db, cacheKey, openid, now) : null;

  // 2. The hold, the rate limit, the conversation quota and the claim of the requestId: one write.
  const attempt = (existing?.attempt ?? 0) + 1;
  const holdId = attempt === 1 ? input.requestId : `${input.requestId}.${attempt}`;
  const held = Math.max(1, maxCostOf(estimateMessagesTokens(messages), model.maxOutputTokens, model));
  const reserve: ReserveRequest = {
    openid,
    holdId,
    amount: held,
    expiresAt: new Date(now.getTime() + deps.config.holdTtlSeconds * 1000),
    now,
    seen: walletDoc,
    rateLimitPerMinute: deps.config.rateLimitPerMinute,
    ...(conversation ? {} : { newConversation: { cap: deps.config.maxConversations } }),
  };
  const reserved = await reserveInWallet(deps.db, reserve);
  if (!reserved.ok) {
    if (reserved.why === 'duplicate') return answerOfDuplicate(deps, openid, input.requestId, conversationId, redacted);
    throw reserveError(reserved.why, reserve, await getDoc<WalletDoc>(deps.db, WALLETS, openid));
  }

  // 3. The message and the conversation, at once — written while the model starts, not before: nothing
  // reads them until the stream's first event, which waits for them, as does every later write.
  const message: MessageDoc = {
    _id: input.requestId,
    openid,
    _openid: openid,
    conversationId,
    status: 'streaming',
    attempt,
    model: model.alias,
    text: input.text,
    sent: redacted,
    ...(original ? { versionOf: original._id } : {}),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  // Beside them: which entry copies the wallet carries are filed already (dropped by the settlement).
  const filing = filedCopiesOf(deps.db, walletDoc).catch(() => [] as string[]);
  const storing = Promise.all([
    deps.db
      .collection(MESSAGES)
      .doc(message._id)
      .set({ data: withoutId(message) }),
    // The earlier version stays visible; it leaves the history the model is reminded of.
    ...(original
      ? [
          deps.db
            .collection(MESSAGES)
            .doc(original._id)
            .update({ data: { supersededBy: message._id } }),
        ]
      : []),
    conversation
      ? deps.db
          .collection(CONVERSATIONS)
          .doc(conversationId)
          .update({ data: conversationUpdate(deps, conversation, session, knownBefore, redacted, model, !existing && !original, now) })
      : deps.db
          .collection(CONVERSATIONS)
          .doc(conversationId)
          .set({
            data: {
              openid,
              _openid: openid,
              // The title comes from the anonymized text: raw text stays only where the retention purge reaches it.
              title: redacted.slice(0, 30),
              model: model.alias,
              placeholders: session.state,
              messageCount: 1,
              createdAt: now,
              updatedAt: now,
            },
          }),
  ]);
  // The model's first words may come before the writes land: they wait, so that the stream's first
  // event (naming the message, which chat.stop needs to find) comes first.
  const ending = new AbortController();
  let stored = false;
  const early: string[] = [];
  const show = (text: string) => {
    if (stored) hooks.onDelta?.(text);
    else early.push(text);
  };
  const whenStored = storing.then(
    () => {
      stored = true;
      hooks.onStart?.({ conversationId, messageId: message._id });
      for (const text of early.splice(0)) hooks.onDelta?.(text);
    },
    async (error: unknown) => {
      // Nothing to answer into: the model is told to stop, the hold goes back.
      ending.abort();
      await releaseReserved(deps.db, { openid, holdId, amount: held, now: deps.clock.now() }).catch(() => false);
      throw error;
    },
  );
  // Awaited below; until then a failure must not count as unhandled.
  whenStored.catch(() => undefined);

  let raw = '';
  let endedBy: 'stopped' | 'deadline' | undefined;
  let result: RouteResult | undefined;
  let failure: unknown;
  if (hit) {
    // A cache hit: the stored answer, restored with this conversation's placeholders, as one delta.
    raw = hit.replySent;
    result = { text: hit.replySent, usage: hit.usage, finishReason: 'stop', truncated: false, providerId: '', model: '', attempts: 0 };
    const visible = session.restore(hit.replySent);
    if (visible) show(visible);
  } else {
    // The model. The answer is restored before anyone sees it; progress is written rarely (for a client
    // that polls chat.get or comes back), never on every token.
    const restorer = session.streamRestorer();
    const progressEveryMs = hooks.onDelta ? STREAM_RESUME_WRITE_MS : POLL_WRITE_MS;
    let shown = '';
    let lastWrite = Date.now();
    let writing: Promise<unknown> = whenStored.catch(() => undefined);
    const onText = (delta: string) => {
      raw += delta;
      const visible = restorer.push(delta);
      shown += visible;
      if (visible) show(visible);
      const t = Date.now();
      if (t - lastWrite >= progressEveryMs) {
        lastWrite = t;
        const snapshot = shown;
        // Chained so they land in order; a failed progress write only delays what a polling app sees.
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
    // Two ways the call ends early and keeps what it wrote: the user's stop (chat.stop marks the message;
    // it is looked at every second while the answer is written), and the function's own time limit.
    const end = (why: 'stopped' | 'deadline') => {
      endedBy ??= why;
      ending.abort();
    };
    const deadlineTimer = setTimeout(() => end('deadline'), deps.config.chatDeadlineMs);
    // Neither timer may keep a process alive on its own (a local host shutting down, a test ending).
    deadlineTimer.unref?.();
    const stopWatch = setInterval(() => {
      void getDoc<MessageDoc>(deps.db, MESSAGES, message._id)
        .then((m) => {
          if (m?.stopRequested) end('stopped');
        })
        .catch(() => undefined);
    }, STOP_CHECK_MS);
    stopWatch.unref?.();
    const user = userTag(deps, openid);
    try {
      result = await routeCompletion(
        steps,
        { messages, maxOutputTokens: model.maxOutputTokens, ...(user ? { user } : {}) },
        {
          connectTimeoutMs: 5_000,
          // A third of the budget for the first byte, so a silent provider still leaves time for the next one.
          firstByteTimeoutMs: Math.min(15_000, Math.floor(deps.config.chatDeadlineMs / 3)),
          // The router's own deadline is a little later: the chat's timer ends the call first, keeping the text.
          deadline: Date.now() + deps.config.chatDeadlineMs + 2_000,
          signal: ending.signal,
        },
        onText,
        deps.llm.breaker,
      );
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(deadlineTimer);
      clearInterval(stopWatch);
    }
    await writing;
    const tail = restorer.end();
    if (tail) show(tail);
  }
  await whenStored;

  // Ended early with something written: kept and charged for what was written (the provider's usage
  // is gone with the call, so it is estimated from the text). Stopped before a word: nothing to charge.
  if (failure && endedBy && (raw || endedBy === 'stopped')) {
    const estimate: Usage = { input: estimateMessagesTokens(messages), cachedInput: 0, output: raw ? estimateTokens(raw) : 0 };
    result = {
      text: raw,
      usage: raw ? estimate : { input: 0, cachedInput: 0, output: 0 },
      finishReason: endedBy,
      truncated: endedBy === 'deadline',
      providerId: '',
      model: '',
      attempts: 0,
    };
  } else if (failure || !result) {
    // A failed answer is not charged and not kept: the hold goes back, the partial text goes away.
    const { code, message: text } = errorBodyOf(failure);
    const failedAt = deps.clock.now();
    await Promise.all([
      releaseReserved(deps.db, { openid, holdId, amount: held, now: failedAt }),
      deps.db
        .collection(MESSAGES)
        .doc(message._id)
        .update({
          data: {
            status: 'failed',
            reply: deps.db.command.remove(),
            error: { code, message: text },
            updatedAt: failedAt,
            finishedAt: failedAt,
          },
        }),
    ]);
    throw failure;
  }
  const final = result;
  const reply = session.restore(final.text);
  const status: MessageDoc['status'] = endedBy === 'stopped' ? 'stopped' : 'done';

  const cost = hit ? hit.cost : costOf(final.usage, model);
  // The hold is the most a call can cost; should a provider report more than estimated, the merchant absorbs the rest.
  const charged = hit ? hitCharge(model, hit, held) : Math.min(cost, held);
  if (!hit && cost > held) deps.log.warn('usage_exceeded_hold', { model: model.alias, cost, held });
  const finishedAt = deps.clock.now();
  // A full answer (done, not cut off) of a cache-enabled model is kept for the next identical turn,
  // beside the settlement; a failed cache write only costs a later hit.
  const caching =
    cacheKey && !hit && status === 'done' && !final.truncated && !endedBy
      ? writeCached(deps.db, {
          _id: cacheKey,
          openid,
          model: model.alias,
          replySent: final.text,
          usage: final.usage,
          cost,
          createdAt: finishedAt,
          expiresAt: new Date(finishedAt.getTime() + cacheTtlMs(deps.config)),
        }).catch((error: unknown) => deps.log.warn('chat_cache_write_failed', { model: model.alias, error: errorBodyOf(error).code }))
      : undefined;
  // The settlement and the answer in one round of writes beside each other (settle-reserved.ts); were
  // the process to die between them, the hold sweeper finishes the settlement from the stored answer.
  const settling = settleReserved(
    deps.db,
    { openid, holdId, held, actual: charged, expected: reserved.after, filed: await filing, ...(hit ? { reason: 'cache_hit' } : {}) },
    finishedAt,
  );
  // Charged and not stored would leave an answer the app cannot show: a failed write is tried again
  // (the timer's failInterruptedChats still finds a charged message left streaming and keeps it).
  const storingAnswer = retried<unknown>(
    () =>
      deps.db
        .collection(MESSAGES)
        .doc(message._id)
        .update({
          data: {
            status,
            reply,
            replySent: final.text,
            usage: final.usage,
            cost: charged,
            ...(final.providerId ? { providerId: final.providerId } : {}),
            ...(final.truncated ? { truncated: true } : {}),
            ...(hit ? { cacheHit: true } : {}),
            updatedAt: finishedAt,
            finishedAt,
          },
        }) as Promise<unknown>,
  );
  const [settled] = await Promise.all([settling, storingAnswer, caching]);
  return {
    conversationId,
    messageId: message._id,
    status,
    reply,
    sent: redacted,
    usage: final.usage,
    cost: charged,
    ...(final.truncated ? { truncated: true } : {}),
    ...(hit ? { cacheHit: true } : {}),
    balance: settled.balance,
  };
}

/**
 * chat.stop: asks the function writing this answer to end it (it looks every second). The answer is
 * kept as stopped and charged for what was written; an answer already finished is left as it is.
 */
export async function stopChat(
  deps: LlmDeps,
  openid: string,
  messageId: string,
): Promise<{ messageId: string; status: MessageDoc['status'] }> {
  const _ = deps.db.command;
  const m = await getDoc<MessageDoc>(deps.db, MESSAGES, messageId);
  if (!m || m.openid !== openid) throw new AppError('NOT_FOUND', '找不到这条消息');
  if (m.status === 'pending' || m.status === 'streaming') {
    await deps.db
      .collection(MESSAGES)
      .where({ _id: messageId, status: _.in(['pending', 'streaming']) })
      .update({ data: { stopRequested: true } });
  }
  return { messageId, status: m.status };
}

/** The conversation after a new turn: only the placeholders issued in it are appended. */
function conversationUpdate(
  deps: LlmDeps,
  conversation: ConversationDoc,
  session: PrivacySession,
  knownBefore: number,
  redacted: string,
  model: ModelEntry,
  newMessage: boolean,
  now: Date,
): Record<string, unknown> {
  const _ = deps.db.command;
  const added = session.state.entries.slice(knownBefore);
  return {
    ...(added.length ? { 'placeholders.entries': _.push(added), 'placeholders.counters': session.state.counters } : {}),
    ...(conversation.title ? {} : { title: redacted.slice(0, 30) }),
    ...(newMessage ? { messageCount: _.inc(1) } : {}),
    model: model.alias,
    updatedAt: now,
  };
}

/** Another request with the same requestId holds the answer: what it has stored so far. */
async function answerOfDuplicate(
  deps: LlmDeps,
  openid: string,
  requestId: string,
  conversationId: string,
  sent: string,
): Promise<SendAnswer> {
  const [message, wallet] = await Promise.all([
    getDoc<MessageDoc>(deps.db, MESSAGES, requestId),
    getDoc<WalletDoc>(deps.db, WALLETS, openid),
  ]);
  if (message && message.openid === openid) return answerOf(message, wallet);
  // Claimed a moment ago, not written yet.
  return { conversationId, messageId: requestId, status: 'pending', reply: '', sent, balance: wallet?.balance ?? 0 };
}

/** A write tried up to three times, 50 ms apart (a network database's transient failure). */
async function retried<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}
