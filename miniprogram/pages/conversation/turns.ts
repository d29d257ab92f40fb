import { sentSegments, type SentSegment } from '../../components/sent-view/labels';
import { costLabel } from './money';

export type MessageStatus = 'pending' | 'streaming' | 'done' | 'failed' | 'stopped';

/**
 * One message as the page keeps it: the server's `MessageView` (from `chat.history`, or built from a
 * send's result), plus what only the app knows — a failure that stored nothing (`INSUFFICIENT_BALANCE`
 * with its details, a lost connection) and the words the user marked private (a retry sends them again).
 */
export interface MessageRecord {
  messageId: string;
  conversationId: string;
  status: MessageStatus;
  /** The user's words; empty once the retention purge removed them (a sent text is never empty). */
  text: string;
  /** What was sent (anonymized): kept after the purge. */
  sent: string;
  reply: string;
  model: string;
  cost?: number;
  truncated?: boolean;
  cacheHit?: boolean;
  /** A regenerated answer names the message it is a new version of. */
  versionOf?: string;
  error?: { code: string; message: string; details?: unknown };
  private?: string[];
  /** Past the retention period: the anonymized answer, kept when the restored one was erased. */
  replySent?: string;
  createdAt: string;
}

/** What a failed answer offers: each one tap. */
export type FailureAction = 'retry' | 'topup' | 'topup-retry' | 'consent';

export interface AnswerView {
  id: string;
  status: MessageStatus;
  reply: string;
  /** Waiting for the first word, or writing: the typing cursor shows. */
  streaming: boolean;
  failed: boolean;
  /** The restored answer went with the retention purge. */
  purged: boolean;
  /** Then: the answer as it came back (anonymized), placeholders as chips. */
  sentPieces: SentSegment[];
  errorText: string;
  actions: Array<{ kind: FailureAction; label: string }>;
  /** 已停止 / 回答过长，已截断 / 来自缓存. */
  note: string;
  costText: string;
}

export interface TurnView {
  /** The first message of the turn (the original of every regenerated version). */
  key: string;
  /** For scroll-into-view (an id must start with a letter). */
  domId: string;
  /** `sentPieces`: what was sent with placeholders as chips (某人1), shown in place of purged text. */
  question: { text: string; sent: string; purged: boolean; sentPieces: SentSegment[] };
  answer: AnswerView;
  /** 1-based index of the version shown, of `versions`. */
  version: number;
  versions: number;
  canRegenerate: boolean;
  canCopy: boolean;
}

/** The page's choices that survive a rebuild: which version each turn shows (0-based). */
export interface TurnChoices {
  version: Record<string, number>;
}

export const AI_LABEL = '内容由AI生成';

/** A message the retention purge reached: its raw text is gone (a sent text is never empty), `sent` stays. */
export const isPurged = (m: Pick<MessageRecord, 'text' | 'sent' | 'status'>) => m.text === '' && m.status !== 'pending';

const RETRYABLE = new Set(['NETWORK', 'TIMEOUT', 'INTERNAL', 'PROVIDER_UNAVAILABLE', 'PROVIDER_REJECTED', 'RATE_LIMITED']);

function actionsFor(code: string, canResend: boolean): AnswerView['actions'] {
  if (code === 'CONSENT_REQUIRED') return [{ kind: 'consent', label: '查看说明' }];
  if (code === 'INSUFFICIENT_BALANCE')
    return canResend
      ? [
          { kind: 'topup', label: '去充值' },
          { kind: 'topup-retry', label: '充值并重试' },
        ]
      : [{ kind: 'topup', label: '去充值' }];
  return canResend && RETRYABLE.has(code) ? [{ kind: 'retry', label: '重试' }] : [];
}

function answerOf(m: MessageRecord, question: MessageRecord): AnswerView {
  const failed = m.status === 'failed';
  const streaming = m.status === 'pending' || m.status === 'streaming';
  const purged = !failed && !streaming && m.reply === '' && isPurged(m);
  const notes: string[] = [];
  if (m.status === 'stopped') notes.push('已停止');
  if (m.truncated) notes.push('回答过长，已截断');
  return {
    id: m.messageId,
    status: m.status,
    reply: purged ? '' : m.reply,
    streaming,
    failed,
    purged,
    sentPieces: purged && m.replySent ? sentSegments(m.replySent) : [],
    errorText: failed ? (m.error?.message ?? '回答失败，未扣费') : '',
    // A retry sends the turn's text again: not possible once the purge took it.
    actions: failed ? actionsFor(m.error?.code ?? 'INTERNAL', !isPurged(question)) : [],
    note: notes.join(' · '),
    costText: costLabel(m.cost),
  };
}

function byTime(a: MessageRecord, b: MessageRecord): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.messageId < b.messageId ? -1 : 1;
}

/**
 * The conversation as turns, oldest first: a question and its answer, each regenerated answer a
 * version of its original's turn (‹ 1/2 ›, the newest shown unless the user picked another). Messages
 * may come in any order and in pages; a version whose original is not loaded yet is a turn of its own
 * until it is.
 */
export function buildTurns(records: MessageRecord[], choices: TurnChoices, busy: boolean): TurnView[] {
  const byId = new Map(records.map((m) => [m.messageId, m]));
  const rootOf = (m: MessageRecord): MessageRecord => {
    let at = m;
    for (let i = 0; i < 50 && at.versionOf && byId.has(at.versionOf); i++) at = byId.get(at.versionOf)!;
    return at;
  };
  const groups = new Map<string, MessageRecord[]>();
  for (const m of [...records].sort(byTime)) {
    const root = rootOf(m).messageId;
    const group = groups.get(root);
    if (group) group.push(m);
    else groups.set(root, [m]);
  }
  const turns = [...groups.entries()].map(([key, versions]) => ({ key, versions, root: versions[0]! }));
  turns.sort((a, b) => byTime(a.root, b.root));
  return turns.map(({ key, versions, root }, i) => {
    const chosen = choices.version[key];
    const index = chosen !== undefined && chosen >= 0 && chosen < versions.length ? chosen : versions.length - 1;
    const shown = versions[index]!;
    const latest = versions[versions.length - 1]!;
    const answer = answerOf(shown, root);
    const last = i === turns.length - 1;
    return {
      key,
      domId: `t-${key}`,
      question: { text: root.text, sent: root.sent, purged: isPurged(root), sentPieces: isPurged(root) ? sentSegments(root.sent) : [] },
      answer,
      version: index + 1,
      versions: versions.length,
      canRegenerate: last && !busy && shown === latest && (latest.status === 'done' || latest.status === 'stopped') && !isPurged(root),
      canCopy: !answer.streaming && !answer.failed && answer.reply !== '',
    };
  });
}

/** The latest version of a turn: what a regeneration replaces. */
export function latestOf(records: MessageRecord[], key: string): MessageRecord | undefined {
  const turn = buildTurns(records, { version: {} }, false).find((t) => t.key === key);
  return turn ? records.find((m) => m.messageId === turn.answer.id) : undefined;
}

/** What 复制 puts on the clipboard: the answer, labelled as AI-generated wherever it is pasted. */
export function copyTextOf(reply: string): string {
  return `${reply}\n\n（${AI_LABEL}）`;
}

/** `chat.history` pages and sends, merged by message id (a newer copy of a message wins). */
export function mergeRecords(records: MessageRecord[], incoming: MessageRecord[]): MessageRecord[] {
  const byId = new Map(records.map((m) => [m.messageId, m]));
  for (const m of incoming) byId.set(m.messageId, { ...byId.get(m.messageId), ...m });
  return [...byId.values()];
}

/** A send's failure, kept on its message: the code decides the one tap that helps. */
export function failureOf(
  result:
    | { kind: 'error'; code: string; message: string; details?: unknown }
    | { kind: 'network'; message: string }
    | { kind: 'timeout'; message: string },
): NonNullable<MessageRecord['error']> {
  if (result.kind === 'network') return { code: 'NETWORK', message: `${result.message}（不会重复扣费）` };
  if (result.kind === 'timeout') return { code: 'TIMEOUT', message: '网络较慢，回答可能仍在生成。点“重试”查看结果，不会重复扣费' };
  if (result.code === 'INSUFFICIENT_BALANCE') return { code: result.code, message: '余额不足，充值后可继续', details: result.details };
  return { code: result.code, message: result.message, details: result.details };
}

/** How much a top-up must at least bring, in micro-yuan, from `INSUFFICIENT_BALANCE`'s details. */
export function shortfallOf(details: unknown): number | undefined {
  const d = details as { required?: unknown; available?: unknown } | undefined;
  if (!d || typeof d.required !== 'number' || typeof d.available !== 'number') return undefined;
  const short = Math.ceil(d.required - Math.max(0, d.available));
  return short > 0 ? short : undefined;
}
