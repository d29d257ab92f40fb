import { previewSegments, sendAndFollow, streamAndFollow, throttled } from '../../../miniprogram/pages/conversation/model';
import { balanceLabel, costLabel } from '../../../miniprogram/pages/conversation/money';
import {
  EXAMPLE_PROMPTS,
  initialModel,
  isNearBottom,
  nextBottomAnchor,
  readableTitle,
  rememberModel,
  type Storage,
} from '../../../miniprogram/pages/conversation/prefs';
import {
  buildTurns,
  copyTextOf,
  failureOf,
  latestOf,
  mergeRecords,
  shortfallOf,
  type MessageRecord,
} from '../../../miniprogram/pages/conversation/turns';
import { createApi } from '../../../miniprogram/api/client';

let n = 0;
function rec(over: Partial<MessageRecord> = {}): MessageRecord {
  n += 1;
  return {
    messageId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    conversationId: 'conv-0001',
    status: 'done',
    text: `问题${n}`,
    sent: `问题${n}`,
    reply: `回答${n}`,
    model: 'general',
    cost: 3100,
    createdAt: `2026-11-22T12:${String(n).padStart(2, '0')}:00.000Z`,
    ...over,
  };
}
const none = { version: {} };

describe('the live preview', () => {
  it('highlights what will be hidden before sending', () => {
    expect(previewSegments('我叫张伟，手机13812345678')).toEqual([
      { text: '我叫', hidden: false, label: '' },
      { text: '张伟', hidden: true, label: '[PERSON_1]' },
      { text: '，手机', hidden: false, label: '' },
      { text: '13812345678', hidden: true, label: '[PHONE_1]' },
    ]);
  });

  it('the example prompts show what is hidden: a name and a phone number, an address', () => {
    const hidden = (text: string) => previewSegments(text).filter((s) => s.hidden);
    expect(EXAMPLE_PROMPTS.length).toBeGreaterThanOrEqual(3);
    expect(EXAMPLE_PROMPTS.length).toBeLessThanOrEqual(4);
    expect(hidden(EXAMPLE_PROMPTS[0]!.text).map((s) => s.label.replace(/_\d+\]$/, ''))).toEqual(
      expect.arrayContaining(['[PERSON', '[PHONE']),
    );
    expect(hidden(EXAMPLE_PROMPTS[1]!.text).map((s) => s.label)).toEqual(expect.arrayContaining([expect.stringMatching(/ADDRESS/)]));
  });
});

describe('the money rule (until utils/format has it)', () => {
  it('shows a message cost to 4 decimals, toward zero, or 不足 ¥0.0001', () => {
    expect(costLabel(3100)).toBe('¥0.0031');
    expect(costLabel(3199)).toBe('¥0.0031');
    expect(costLabel(1_234_500)).toBe('¥1.2345');
    expect(costLabel(99)).toBe('不足 ¥0.0001');
    expect(costLabel(1)).toBe('不足 ¥0.0001');
    expect(costLabel(0)).toBe('未扣费');
    expect(costLabel(undefined)).toBe('');
  });
  it('shows a balance to 2 decimals, never more than there is', () => {
    expect(balanceLabel(996_900)).toBe('¥0.99');
    expect(balanceLabel(12_349_999)).toBe('¥12.34');
    expect(balanceLabel(1_234_000_000)).toBe('¥1,234.00');
    expect(balanceLabel(0)).toBe('¥0.00');
  });
});

describe('turns', () => {
  it('orders messages oldest first, whatever order they come in', () => {
    const a = rec();
    const b = rec();
    const turns = buildTurns([b, a], none, false);
    expect(turns.map((t) => t.question.text)).toEqual([a.text, b.text]);
    expect(turns[1]).toMatchObject({ domId: `t-${b.messageId}`, version: 1, versions: 1, canCopy: true, canRegenerate: true });
    // Only the last turn can be regenerated, and not while something is being answered.
    expect(turns[0]!.canRegenerate).toBe(false);
    expect(buildTurns([a, b], none, true)[1]!.canRegenerate).toBe(false);
    expect(turns[1]!.answer).toMatchObject({ reply: b.reply, costText: '¥0.0031', streaming: false, failed: false });
  });

  it('groups regenerated answers as versions of their turn, the newest shown unless one is chosen', () => {
    const a = rec({ reply: '第一版' });
    const b = rec({ versionOf: a.messageId, reply: '第二版', text: a.text });
    const c = rec({ versionOf: b.messageId, reply: '第三版', text: a.text });
    const turns = buildTurns([c, a, b], none, false);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ key: a.messageId, version: 3, versions: 3, canRegenerate: true, answer: { reply: '第三版' } });
    const first = buildTurns([a, b, c], { version: { [a.messageId]: 0 } }, false)[0]!;
    expect(first).toMatchObject({ version: 1, answer: { reply: '第一版', id: a.messageId } });
    // Regenerating is offered on the newest version only.
    expect(first.canRegenerate).toBe(false);
    expect(latestOf([a, b, c], a.messageId)?.messageId).toBe(c.messageId);
  });

  it('a version whose original is in an older page not loaded yet is a turn of its own until it is', () => {
    const a = rec();
    const b = rec({ versionOf: a.messageId });
    expect(buildTurns([b], none, false).map((t) => t.key)).toEqual([b.messageId]);
    expect(buildTurns(mergeRecords([b], [a]), none, false).map((t) => [t.key, t.versions])).toEqual([[a.messageId, 2]]);
  });

  it('shows a purged message as deleted under the privacy rules, with what was sent', () => {
    const m = rec({ text: '', reply: '', sent: '我叫[PERSON_1]，手机[PHONE_1]' });
    const [turn] = buildTurns([m], none, false);
    expect(turn!.question).toMatchObject({ text: '', sent: '我叫[PERSON_1]，手机[PHONE_1]', purged: true });
    expect(turn!.question.sentPieces.map((p) => (p.chip ? p.chip + (p.after ?? '') : p.text))).toEqual([
      '我叫',
      '某人1，',
      '手机',
      '手机号1',
    ]);
    expect(turn!.answer).toMatchObject({ purged: true, reply: '', sentPieces: [] });
    expect(turn!.canRegenerate).toBe(false);
    // With the anonymized answer the server kept: shown with its placeholders as chips.
    const [kept] = buildTurns([{ ...m, replySent: '好的，[PERSON_1]。' }], none, false);
    expect(kept!.answer.sentPieces.map((p) => (p.chip ? p.chip + (p.after ?? '') : p.text))).toEqual(['好的，', '某人1。']);
    expect(turn!.canCopy).toBe(false);
  });

  it('gives each failure its one tap; a purged question cannot be sent again', () => {
    const failed = (code: string, over: Partial<MessageRecord> = {}) =>
      buildTurns([rec({ status: 'failed', reply: '', error: { code, message: 'x' }, ...over })], none, false)[0]!.answer.actions.map(
        (a) => a.kind,
      );
    expect(failed('INSUFFICIENT_BALANCE')).toEqual(['topup', 'topup-retry']);
    expect(failed('CONSENT_REQUIRED')).toEqual(['consent']);
    for (const code of ['NETWORK', 'TIMEOUT', 'PROVIDER_UNAVAILABLE', 'PROVIDER_REJECTED', 'INTERNAL', 'RATE_LIMITED'])
      expect(failed(code)).toEqual(['retry']);
    expect(failed('CONTENT_FILTERED')).toEqual([]);
    expect(failed('PROVIDER_UNAVAILABLE', { text: '' })).toEqual([]);
    expect(failed('INSUFFICIENT_BALANCE', { text: '' })).toEqual(['topup']);
  });

  it('marks streaming, stopped and cut-off answers', () => {
    expect(buildTurns([rec({ status: 'pending', reply: '' })], none, true)[0]!.answer).toMatchObject({ streaming: true });
    expect(buildTurns([rec({ status: 'streaming', reply: '一半' })], none, true)[0]).toMatchObject({
      canCopy: false,
      answer: { streaming: true, reply: '一半' },
    });
    expect(buildTurns([rec({ status: 'stopped', truncated: false })], none, false)[0]!.answer.note).toBe('已停止');
    expect(buildTurns([rec({ truncated: true })], none, false)[0]!.answer.note).toBe('回答过长，已截断');
  });

  it('copies an answer with its AI label', () => {
    expect(copyTextOf('你好')).toBe('你好\n\n（内容由AI生成）');
  });

  it('keeps a failure with its code, and the shortfall for the top-up', () => {
    expect(failureOf({ kind: 'network', message: '网络不太好' })).toMatchObject({ code: 'NETWORK' });
    expect(failureOf({ kind: 'timeout', message: 't' })).toMatchObject({ code: 'TIMEOUT' });
    const short = failureOf({ kind: 'error', code: 'INSUFFICIENT_BALANCE', message: 'x', details: { required: 5000, available: 1200 } });
    expect(short).toMatchObject({ code: 'INSUFFICIENT_BALANCE', message: '余额不足，充值后可继续' });
    expect(shortfallOf(short.details)).toBe(3800);
    expect(shortfallOf({ required: 5000, available: -100 })).toBe(5000);
    expect(shortfallOf(undefined)).toBeUndefined();
    expect(shortfallOf({ required: 10, available: 20 })).toBeUndefined();
  });
});

describe('preferences', () => {
  const memory = (): Storage & { map: Map<string, string> } => {
    const map = new Map<string, string>();
    return { map, get: (k) => map.get(k) ?? '', set: (k, v) => void map.set(k, v) };
  };

  it('remembers the model per conversation, and the last choice for new ones', () => {
    const s = memory();
    const available = ['general', 'domestic', 'fast'];
    expect(initialModel(s, available, '')).toBe(0);
    expect(initialModel(s, available, 'conv-0001', 'fast')).toBe(2);
    rememberModel(s, 'conv-0001', 'domestic');
    expect(s.map.get('qiao.model.conv-0001')).toBe('domestic');
    expect(initialModel(s, available, 'conv-0001', 'fast')).toBe(1);
    // A new conversation starts with the last choice.
    expect(initialModel(s, available, '')).toBe(1);
    // A remembered model that is no longer available is passed over.
    expect(initialModel(s, ['general', 'fast'], 'conv-0001')).toBe(0);
  });

  it('reads placeholders in the title as their chips read (某人1)', () => {
    expect(readableTitle('帮[PERSON_1]写请假条，电话[PHONE_2]')).toBe('帮某人1写请假条，电话手机号2');
    expect(readableTitle('')).toBe('新对话');
    expect(readableTitle('我叫[PERSON_1]，手机 [PHO')).toBe('我叫某人1，手机');
    expect(readableTitle('[WHAT_1]的事')).toBe('隐私信息1的事');
  });

  it('knows when the reader is at the latest, and always has a new bottom anchor', () => {
    expect(isNearBottom({ scrollTop: 1000, scrollHeight: 1500 }, 480)).toBe(true);
    expect(isNearBottom({ scrollTop: 200, scrollHeight: 1500 }, 480)).toBe(false);
    expect(nextBottomAnchor('')).toBe('bottom-a');
    expect(nextBottomAnchor('bottom-a')).toBe('bottom-b');
    expect(nextBottomAnchor('bottom-b')).toBe('bottom-a');
  });
});

describe('redrawing at a bounded rate', () => {
  it('applies the first value at once and the latest of the rest when the interval is over', () => {
    jest.useFakeTimers();
    try {
      let now = 0;
      const seen: string[] = [];
      const t = throttled((v: string) => seen.push(v), 90, { now: () => now });
      t.push('a');
      t.push('ab');
      t.push('abc');
      expect(seen).toEqual(['a']);
      now = 90;
      jest.advanceTimersByTime(90);
      expect(seen).toEqual(['a', 'abc']);
      t.push('abcd');
      t.cancel();
      jest.advanceTimersByTime(200);
      expect(seen).toEqual(['a', 'abc']);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('following a message', () => {
  const base = { conversationId: 'c', messageId: '00000000-0000-4000-8000-000000000009', sent: 's', balance: 1 };

  it('keeps following an answer still being written (a duplicate of an in-flight request) until it is done', async () => {
    let polls = 0;
    let sends = 0;
    const api = createApi(async (_fn, data) => {
      if (data.action === 'chat.send') {
        sends += 1;
        return {
          kind: 'reply',
          body: {
            ok: true,
            data: sends === 1 ? { ...base, status: 'streaming', reply: '一半' } : { ...base, status: 'done', reply: '全部', cost: 5 },
          },
        };
      }
      polls += 1;
      const message = {
        messageId: base.messageId,
        conversationId: 'c',
        status: polls < 3 ? 'streaming' : 'done',
        text: 't',
        sent: 's',
        reply: polls < 3 ? '一半' : '全部',
        model: 'general',
        createdAt: '2026-11-22T12:00:00.000Z',
      };
      return { kind: 'reply', body: { ok: true, data: message } };
    });
    const seen: string[] = [];
    const res = await sendAndFollow(api, { requestId: base.messageId, text: 't' }, (r) => seen.push(r), { sleep: async () => undefined });
    expect(res).toMatchObject({ ok: true, data: { status: 'done', reply: '全部' } });
    expect(seen).toContain('一半');
  });

  it('takes a stopped answer as final: no second send, no following', async () => {
    const calls: string[] = [];
    const api = createApi(async (_fn, data) => {
      calls.push(data.action);
      return { kind: 'reply', body: { ok: false, error: { code: 'INTERNAL', message: 'x' } } };
    });
    const started: string[] = [];
    const stream = async (
      _input: unknown,
      h: { onStart?(ids: { conversationId: string; messageId: string }): void; onDelta?(t: string): void },
    ) => {
      h.onStart?.({ conversationId: 'c', messageId: base.messageId });
      h.onDelta?.('写了一半');
      return { ok: true as const, data: { ...base, status: 'stopped' as const, reply: '写了一半', cost: 10 } };
    };
    const res = await streamAndFollow(
      api,
      stream,
      { requestId: base.messageId, text: 't', regenerateOf: '00000000-0000-4000-8000-000000000001', private: ['张伟'] },
      () => undefined,
      { sleep: async () => undefined },
      (ids) => started.push(ids.conversationId),
    );
    expect(res).toMatchObject({ ok: true, data: { status: 'stopped' } });
    expect(calls).toEqual([]);
    expect(started).toEqual(['c']);
  });

  it('sends regenerateOf and the marked words with the message', async () => {
    const payloads: unknown[] = [];
    const api = createApi(async (_fn, data) => {
      payloads.push(data.payload);
      return { kind: 'reply', body: { ok: true, data: { ...base, status: 'done', reply: 'r', cost: 1 } } };
    });
    await sendAndFollow(
      api,
      {
        requestId: base.messageId,
        text: 't',
        conversationId: 'conv-0001',
        regenerateOf: '00000000-0000-4000-8000-000000000001',
        private: ['张伟'],
      },
      () => undefined,
      { sleep: async () => undefined },
    );
    expect(payloads[0]).toEqual({
      requestId: base.messageId,
      text: 't',
      conversationId: 'conv-0001',
      regenerateOf: '00000000-0000-4000-8000-000000000001',
      private: ['张伟'],
    });
  });
});
