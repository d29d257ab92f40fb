import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeStreamEvent, type StreamEvent } from '../../../shared/contracts/chat-stream';
import type { RenderedPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';
import { renderConversation } from './conversation-support';

// What the page uses beyond the shared wx mock.
const extraWx = {
  setNavigationBarTitle: jest.fn(),
  createSelectorQuery: jest.fn(() => {
    const q = {
      in: () => q,
      select: () => q,
      boundingClientRect: (cb: (r: { height: number }) => void) => {
        cb({ height: 500 });
        return q;
      },
      exec: () => undefined,
    };
    return q;
  }),
};
Object.assign((globalThis as unknown as { wx: object }).wx, extraWx);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const model = (alias: string, displayName: string, crossBorder: boolean) => ({
  alias,
  displayName,
  crossBorder,
  inputPerMillion: 2_000_000,
  outputPerMillion: 8_000_000,
  perThousandCharsEstimate: 10_000,
  available: true,
});
const models = { models: [model('general', '通用模型', true), model('domestic', '国内模型', false)] };
const answer = (requestId: string, over: Record<string, unknown> = {}) => ({
  conversationId: 'conv-0001',
  messageId: requestId,
  status: 'done',
  reply: '好的，张伟',
  sent: '我叫[PERSON_1]',
  usage: { input: 10, cachedInput: 0, output: 5 },
  cost: 3100,
  balance: 996_900,
  ...over,
});
let seq = 0;
const msg = (over: Record<string, unknown> = {}) => {
  seq += 1;
  return {
    messageId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    conversationId: 'conv-0001',
    status: 'done',
    text: `问题${seq}`,
    sent: `问题${seq}`,
    reply: `回答${seq}`,
    model: 'general',
    cost: 3100,
    createdAt: `2026-11-22T12:${String(seq).padStart(2, '0')}:00.000Z`,
    ...over,
  };
};

type Page = RenderedPage['instance'] & {
  onShareAppMessage(): unknown;
  onSend(e?: { detail: { text: string; private?: Array<{ start: number; end: number }> } }): Promise<void>;
  onScroll(e: { detail: { scrollTop: number; scrollHeight: number } }): void;
  onReady(): void;
  onScrollToUpper(): Promise<void>;
  onPickModel(e: { detail: { value: string } }): void;
};
const page = (r: RenderedPage) => r.instance as Page;
const text = (r: RenderedPage) => r.root.dom!.textContent!;
const sends = (calls: Array<{ action: string; payload: unknown }>) =>
  calls.filter((c) => c.action === 'chat.send').map((c) => c.payload as { requestId: string; text: string; regenerateOf?: string });

/** The composer component inside the page, and its events as the page receives them. */
function composer(r: RenderedPage) {
  const child = r.root.querySelector('#composer')!;
  const instance = child.instance as unknown as { triggerEvent(name: string, detail: unknown): void; data: Record<string, unknown> };
  return {
    send: (t: string, marked: Array<{ start: number; end: number }> = []) => instance.triggerEvent('send', { text: t, private: marked }),
    stop: () => instance.triggerEvent('stop', {}),
    type: (value: string) => instance.triggerEvent('input', { value }),
    data: () => instance.data,
  };
}
const tap = (r: RenderedPage, selector: string) => r.root.querySelector(selector)!.dispatchEvent('tap');
const tapAll = (r: RenderedPage, selector: string) => r.root.querySelectorAll(selector);

/** A streaming `wx.request` (the local cloud's /http/chat/send): `script` writes the events. */
function streamWith(script: (send: (e: StreamEvent) => void, payload: { requestId: string }) => Promise<void>) {
  wxm.canIUse.mockImplementation(() => true);
  wxm.request.mockImplementation((o: any) => {
    let listener: (r: { data: ArrayBuffer }) => void = () => undefined;
    setTimeout(async () => {
      const send = (e: StreamEvent) => {
        const b = Buffer.from(encodeStreamEvent(e));
        listener({ data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
      };
      await script(send, o.data);
      o.success({ statusCode: 200, data: new ArrayBuffer(0) });
    }, 0);
    return { onChunkReceived: (l: typeof listener) => (listener = l) };
  });
}
const session = ok({ openid: 'o', isAdmin: false, streamToken: 't', streamTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString() });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  wxm.canIUse.mockImplementation(() => false);
  wxm.request.mockReset();
  wxm.getStorageSync.mockImplementation(() => '');
  jest.clearAllMocks();
});

describe('conversation page: states', () => {
  it('shows loading, then an empty chat with example prompts and the model picker as a control', async () => {
    fakeApi({ 'chat.models': ok(models) });
    const r = renderConversation();
    expect(text(r)).toContain('加载中');
    await settle();
    expect(text(r)).toContain('问点什么吧');
    expect(text(r)).toContain('姓名、手机号');
    expect(tapAll(r, '.example')).toHaveLength(4);
    expect(r.root.querySelector('.model-pill')!.dom!.textContent).toMatch(/通用模型\s*海外\s*▾/);
    expect(text(r)).toContain('约 ¥0.0100/千字');
    // A tap fills the composer's draft, to edit or send.
    tap(r, '.example');
    await settle();
    expect(composer(r).data().draft).toContain('13812345678');
  });

  it('shows an error state when models cannot be loaded, and loads again on 重试', async () => {
    fakeApi({ 'chat.models': { kind: 'timeout' } });
    const r = renderConversation();
    await settle();
    expect(text(r)).toContain('请求超时');
    fakeApi({ 'chat.models': ok(models) });
    tap(r, '.state__action');
    await settle();
    expect(text(r)).toContain('问点什么吧');
  });

  it('loads the history oldest first, answers as Markdown labelled as AI-generated, with their cost; titled by the conversation', async () => {
    const first = msg({ text: '我叫张伟', sent: '我叫[PERSON_1]', reply: '**你好**，张伟' });
    const second = msg({ text: '第二', reply: '回答第二', cost: 50 });
    fakeApi({ 'chat.models': ok(models), 'chat.history': ok({ messages: [second, first], nextCursor: null }) });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    const t = text(r);
    expect(t.indexOf('我叫张伟')).toBeLessThan(t.indexOf('第二'));
    expect(r.root.querySelectorAll('.answer-md')).toHaveLength(2);
    // Rendered, not raw: the bold is drawn, the asterisks are gone.
    expect(t).toContain('你好，张伟');
    expect(t).not.toContain('**');
    expect(tapAll(r, '.ai-label')).toHaveLength(2);
    expect(t).toContain('内容由AI生成');
    expect(t).toContain('¥0.0031');
    expect(t).toContain('不足 ¥0.0001');
    expect(extraWx.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: '我叫某人1' });
  });

  it('takes the title from the list when the first question is further back, or from the query', async () => {
    fakeApi({
      'chat.models': ok(models),
      'chat.history': ok({ messages: [msg()], nextCursor: 'c1' }),
      'chat.conversations': ok({
        conversations: [
          {
            conversationId: 'conv-0001',
            title: '给[PERSON_1]的信',
            model: 'general',
            messageCount: 30,
            updatedAt: '2026-11-22T12:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    });
    renderConversation({ id: 'conv-0001' });
    await settle();
    expect(extraWx.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: '给某人1的信' });
    fakeApi({ 'chat.models': ok(models), 'chat.history': ok({ messages: [msg()], nextCursor: null }) });
    renderConversation({ id: 'conv-0001', title: encodeURIComponent('帮我写请假条') });
    await settle();
    expect(extraWx.setNavigationBarTitle).toHaveBeenCalledWith({ title: '帮我写请假条' });
  });

  it('shows messages past the retention period as deleted under the privacy rules, with the anonymized text that was sent', async () => {
    const purged = msg({ text: '', reply: '', sent: '我叫[PERSON_1]，手机[PHONE_1]', purged: true, replySent: '记住了，[PERSON_1]' });
    fakeApi({ 'chat.models': ok(models), 'chat.history': ok({ messages: [purged], nextCursor: null }) });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    const t = text(r);
    expect(t).toContain('原文已按隐私规则删除');
    // What was sent, placeholders as readable chips.
    expect(t).toContain('我叫某人1，手机手机号1');
    expect(t).toContain('回答原文已按隐私规则删除');
    expect(t).toContain('记住了，某人1');
    expect(r.root.querySelectorAll('.answer-md')).toHaveLength(0);
    // Nothing to copy, nothing to regenerate.
    expect(tapAll(r, '.action')).toHaveLength(0);
  });

  it('shares the app, never the conversation', async () => {
    fakeApi({ 'chat.models': ok(models), 'chat.history': ok({ messages: [msg({ text: '秘密' })], nextCursor: null }) });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    expect(page(r).onShareAppMessage()).toEqual({ title: '桥 · AI 问答', path: '/pages/chat/index' });
  });
});

describe('conversation page: sending', () => {
  it('sends what was typed, shows the answer, its cost, the balance (2 decimals) and what was sent', async () => {
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.send': (p: { requestId: string }) => ok(answer(p.requestId)),
      'chat.get': err('NOT_FOUND'),
    });
    const r = renderConversation();
    await settle();
    composer(r).send('我叫张伟', [{ start: 2, end: 4 }]);
    await settle(10);
    const [send] = sends(calls);
    expect(send).toMatchObject({ text: '我叫张伟', model: 'general', private: ['张伟'] });
    expect(send!.requestId).toMatch(UUID);
    const t = text(r);
    expect(t).toContain('好的，张伟');
    expect(t).toContain('¥0.0031');
    expect(t).toContain('余额 ¥0.99');
    expect(page(r).data.conversationId).toBe('conv-0001');
    // The new conversation remembers its model, and is titled by its anonymized first question.
    expect(wxm.setStorageSync).toHaveBeenCalledWith('qiao.model.conv-0001', 'general');
    expect(extraWx.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: '我叫某人1' });
    tap(r, '.link');
    await settle();
    const sheet = r.root.querySelector('#sent-view')!;
    expect((sheet.instance as unknown as { data: { show: boolean; sent: string } }).data).toMatchObject({
      show: true,
      sent: '我叫[PERSON_1]',
    });
  });

  it('after a failed send, 发送 sends the new text as a new request; 重试 on the failed message re-sends its own text and requestId', async () => {
    let fail = true;
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.get': err('NOT_FOUND'),
      'chat.send': (p: { requestId: string; text: string }) =>
        fail && p.text === '你好'
          ? err('PROVIDER_UNAVAILABLE', '模型服务暂时不可用，请稍后重试（未扣费）')
          : ok(answer(p.requestId, { reply: `答：${p.text}` })),
    });
    const r = renderConversation();
    await settle();
    composer(r).send('你好');
    await settle(10);
    expect(text(r)).toContain('未扣费');
    expect(r.root.querySelector('.failed__action')!.dom!.textContent).toBe('重试');

    composer(r).send('换个问题');
    await settle(10);
    const [failed, next] = sends(calls);
    expect(next).toMatchObject({ text: '换个问题' });
    expect(next!.requestId).not.toBe(failed!.requestId);
    expect(text(r)).toContain('答：换个问题');
    // The failed message is still there with its own 重试.
    expect(text(r)).toContain('未扣费');

    fail = false;
    tap(r, '.failed__action');
    await settle(10);
    const retried = sends(calls)[2]!;
    expect(retried).toMatchObject({ text: '你好', requestId: failed!.requestId });
    expect(text(r)).toContain('答：你好');
    expect(tapAll(r, '.failed__action')).toHaveLength(0);
  });

  it('short of money: 去充值 opens the top-up page (navigateTo, never switchTab), keeps the conversation and offers a one-tap 重试', async () => {
    let balance = 0;
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.get': err('NOT_FOUND'),
      'chat.send': (p: { requestId: string }) =>
        balance === 0
          ? err('INSUFFICIENT_BALANCE', '余额不足：需要 ¥0.005，可用 ¥0.001', { required: 5000, available: 1000 })
          : ok(answer(p.requestId, { balance })),
    });
    const r = renderConversation();
    await settle();
    composer(r).send('你好');
    await settle(10);
    expect(text(r)).toContain('余额不足');
    const actions = tapAll(r, '.failed__action').map((a) => a.dom!.textContent);
    expect(actions).toEqual(['去充值', '充值并重试']);
    tap(r, '.failed__action');
    await settle();
    expect(wxm.switchTab).not.toHaveBeenCalled();
    const opened = wxm.navigateTo.mock.calls.at(-1)![0] as { url: string; events: { toppedUp(d: unknown): void } };
    expect(opened.url).toBe('/pages/topup/index?need=4000');
    balance = 6_000_000;
    opened.events.toppedUp({ balance });
    await settle();
    expect(text(r)).toContain('充值成功，余额 ¥6.00');
    expect(sends(calls)).toHaveLength(1);
    tap(r, '.notice__action');
    await settle(10);
    const [first, retry] = sends(calls);
    expect(retry!.requestId).toBe(first!.requestId);
    expect(text(r)).toContain('好的，张伟');
    expect(text(r)).not.toContain('充值成功');
  });

  it('充值并重试 retries by itself once the top-up page reports success', async () => {
    let balance = 0;
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.get': err('NOT_FOUND'),
      'chat.send': (p: { requestId: string }) =>
        balance === 0 ? err('INSUFFICIENT_BALANCE', '余额不足', { required: 5000, available: 0 }) : ok(answer(p.requestId, { balance })),
    });
    const r = renderConversation();
    await settle();
    composer(r).send('你好');
    await settle(10);
    tapAll(r, '.failed__action')[1]!.dispatchEvent('tap');
    await settle();
    const opened = wxm.navigateTo.mock.calls.at(-1)![0] as { url: string; events: { toppedUp(d: unknown): void } };
    expect(opened.url).toBe('/pages/topup/index?need=5000');
    balance = 3_000_000;
    opened.events.toppedUp({ balance });
    await settle(10);
    const [first, retry] = sends(calls);
    expect(retry!.requestId).toBe(first!.requestId);
    expect(text(r)).toContain('余额 ¥3.00');
  });

  it('opens the consent page on CONSENT_REQUIRED', async () => {
    fakeApi({ 'chat.models': ok(models), 'chat.get': err('NOT_FOUND'), 'chat.send': err('CONSENT_REQUIRED', '请先同意个人信息出境') });
    const r = renderConversation();
    await settle();
    composer(r).send('你好');
    await settle(10);
    tap(r, '.failed__action');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
  });
});

describe('conversation page: streaming', () => {
  it('streams the answer with a typing cursor, redrawing at a bounded rate, then the final answer', async () => {
    let midway = '';
    let cursorShown = false;
    const calls = fakeApi({ 'chat.models': ok(models), 'session.get': session });
    const pieces = ['好的', '，', '张伟'];
    // eslint-disable-next-line prefer-const -- the stream script reads it; the page is rendered after.
    let r!: RenderedPage;
    streamWith(async (send, p) => {
      send({ event: 'start', data: { conversationId: 'conv-0001', messageId: p.requestId } });
      for (const t of pieces) send({ event: 'delta', data: { text: t } });
      await wait(5);
      midway = text(r);
      cursorShown = !!r.root.querySelector('.answer-md')!.querySelector('.md-cursor');
      send({ event: 'done', data: answer(p.requestId) as never });
    });
    r = renderConversation();
    await settle();
    const setData = jest.spyOn(r.instance, 'setData');
    await page(r).onSend({ detail: { text: '我叫张伟', private: [] } });
    expect(calls.map((c) => c.action)).not.toContain('chat.send');
    // Three deltas inside one redraw interval: the first is drawn at once, the rest with the final answer.
    const redraws = setData.mock.calls.filter(([d]) => Object.keys(d).some((k) => k.endsWith('answer.reply')));
    expect(redraws.length).toBeLessThanOrEqual(1);
    expect(midway).toContain('好的');
    expect(cursorShown).toBe(true);
    expect(text(r)).toContain('好的，张伟');
    expect(r.root.querySelector('.answer-md')!.querySelector('.md-cursor')).toBeFalsy();
    expect(text(r)).toContain('¥0.0031');
  });

  it('停止 asks the server to stop; the answer is kept as stopped', async () => {
    const calls = fakeApi({
      'chat.models': ok(models),
      'session.get': session,
      'chat.stop': (p: { messageId: string }) => ok({ messageId: p.messageId, status: 'streaming' }),
    });
    let stopAsked = false;
    streamWith(async (send, p) => {
      send({ event: 'start', data: { conversationId: 'conv-0001', messageId: p.requestId } });
      send({ event: 'delta', data: { text: '写了一半' } });
      for (let i = 0; i < 50 && !stopAsked; i++) await wait(5);
      send({ event: 'done', data: answer(p.requestId, { status: 'stopped', reply: '写了一半', cost: 800 }) as never });
    });
    const r = renderConversation();
    await settle();
    const sending = page(r).onSend({ detail: { text: '写一篇长文' } });
    await wait(20);
    expect(page(r).data.sending).toBe(true);
    expect((composer(r).data() as { sending: boolean }).sending).toBe(true);
    composer(r).stop();
    await settle();
    const stop = calls.find((c) => c.action === 'chat.stop')!;
    stopAsked = true;
    await sending;
    expect((stop.payload as { messageId: string }).messageId).toMatch(UUID);
    expect(text(r)).toContain('写了一半');
    expect(text(r)).toContain('已停止');
    expect(page(r).data.sending).toBe(false);
  });

  it('follows the stream only while the reader is at the latest; 回到最新 brings them back', async () => {
    // eslint-disable-next-line prefer-const -- the stream script reads it; the page is rendered after.
    let r!: RenderedPage;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const scrolls: string[] = [];
    fakeApi({ 'chat.models': ok(models), 'session.get': session });
    streamWith(async (send, p) => {
      send({ event: 'start', data: { conversationId: 'conv-0001', messageId: p.requestId } });
      send({ event: 'delta', data: { text: '第一段' } });
      await wait(120);
      scrolls.push(String(page(r).data.scrollInto));
      // The reader scrolls up while the answer is written.
      page(r).onScroll({ detail: { scrollTop: 0, scrollHeight: 2000 } });
      await settle();
      scrolls.push(String(page(r).data.scrollInto));
      send({ event: 'delta', data: { text: '第二段' } });
      await wait(120);
      send({ event: 'delta', data: { text: '第三段' } });
      await wait(120);
      scrolls.push(String(page(r).data.scrollInto));
      await gate;
      send({ event: 'done', data: answer(p.requestId, { reply: '第一段第二段第三段' }) as never });
    });
    r = renderConversation();
    await settle();
    page(r).onReady();
    const sending = page(r).onSend({ detail: { text: '写长一点' } });
    await wait(500);
    expect(text(r)).toContain('回到最新');
    // While scrolled up, the stream does not move the view.
    expect(scrolls[2]).toBe(scrolls[1]);
    tap(r, '.latest-pill');
    await settle();
    expect(text(r)).not.toContain('回到最新');
    expect(page(r).data.scrollInto).not.toBe(scrolls[2]);
    release();
    await sending;
  });
});

describe('conversation page: per message', () => {
  it('copies an answer with the AI label', async () => {
    const m = msg({ reply: '答案' });
    fakeApi({ 'chat.models': ok(models), 'chat.history': ok({ messages: [m], nextCursor: null }) });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    const copy = tapAll(r, '.action').find((a) => a.dom!.textContent === '复制')!;
    copy.dispatchEvent('tap');
    await settle();
    expect(wxm.setClipboardData).toHaveBeenLastCalledWith(expect.objectContaining({ data: '答案\n\n（内容由AI生成）' }));
  });

  it('重新生成 asks again as a new request (regenerateOf), and keeps the earlier answer as a version (‹ 1/2 ›)', async () => {
    const m = msg({ text: '讲个笑话', reply: '第一版笑话' });
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.history': ok({ messages: [m], nextCursor: null }),
      'chat.get': err('NOT_FOUND'),
      'chat.send': (p: { requestId: string }) => ok(answer(p.requestId, { reply: '第二版笑话', sent: '讲个笑话' })),
    });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    tapAll(r, '.action')
      .find((a) => a.dom!.textContent === '重新生成')!
      .dispatchEvent('tap');
    await settle(10);
    const [send] = sends(calls);
    expect(send).toMatchObject({ text: '讲个笑话', regenerateOf: m.messageId, conversationId: 'conv-0001' });
    expect(send!.requestId).not.toBe(m.messageId);
    expect(text(r)).toContain('第二版笑话');
    expect(r.root.querySelector('.versions')!.dom!.textContent).toContain('2/2');
    tapAll(r, '.versions__step')[0]!.dispatchEvent('tap');
    await settle();
    expect(text(r)).toContain('第一版笑话');
    expect(text(r)).not.toContain('第二版笑话');
    expect(r.root.querySelector('.versions')!.dom!.textContent).toContain('1/2');
    tapAll(r, '.versions__step')[1]!.dispatchEvent('tap');
    await settle();
    expect(text(r)).toContain('第二版笑话');
  });

  it('shows the versions of a regenerated answer from the history', async () => {
    const a = msg({ reply: '旧的回答' });
    const b = msg({ text: a.text, reply: '新的回答', versionOf: a.messageId });
    fakeApi({
      'chat.models': ok(models),
      'chat.history': ok({ messages: [{ ...b }, { ...a, supersededBy: b.messageId }], nextCursor: null }),
    });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    expect(text(r)).toContain('新的回答');
    expect(text(r)).not.toContain('旧的回答');
    expect(tapAll(r, '.turn')).toHaveLength(1);
  });
});

describe('conversation page: long conversations and the model', () => {
  it('loads older messages when scrolled to the top, keeping the reader’s place', async () => {
    const older = [msg({ text: '最早的问题' }), msg({ text: '较早的问题' })];
    const newer = [msg({ text: '较新的问题' }), msg({ text: '最新的问题' })];
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.history': (p: { cursor?: string }) =>
        p.cursor === 'c1'
          ? ok({ messages: [...older].reverse(), nextCursor: null })
          : ok({ messages: [...newer].reverse(), nextCursor: 'c1' }),
      'chat.conversations': ok({ conversations: [], nextCursor: null }),
    });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    expect(text(r)).not.toContain('最早的问题');
    expect(text(r)).toContain('滑到顶部加载更早的消息');
    await page(r).onScrollToUpper();
    await settle();
    expect(calls.filter((c) => c.action === 'chat.history').map((c) => c.payload)).toEqual([
      { conversationId: 'conv-0001' },
      { conversationId: 'conv-0001', cursor: 'c1' },
    ]);
    const t = text(r);
    expect(t.indexOf('最早的问题')).toBeLessThan(t.indexOf('较新的问题'));
    expect(page(r).data.scrollInto).toBe(`t-${newer[0]!.messageId}`);
    expect(t).not.toContain('滑到顶部加载更早的消息');
    // Nothing further back: no more calls.
    await page(r).onScrollToUpper();
    expect(calls.filter((c) => c.action === 'chat.history')).toHaveLength(2);
    // Titled by the first question (as it was sent) once it is loaded.
    expect(extraWx.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: older[0]!.sent });
  });

  it('says when older messages could not be loaded, and tries again on a tap', async () => {
    let failing = true;
    fakeApi({
      'chat.models': ok(models),
      'chat.conversations': ok({ conversations: [], nextCursor: null }),
      'chat.history': (p: { cursor?: string }) =>
        p.cursor
          ? failing
            ? { kind: 'network', message: 'x' }
            : ok({ messages: [msg({ text: '更早' })], nextCursor: null })
          : ok({ messages: [msg()], nextCursor: 'c1' }),
    });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    await page(r).onScrollToUpper();
    await settle();
    expect(text(r)).toContain('点此重试');
    failing = false;
    tap(r, '.older--action');
    await settle(10);
    expect(text(r)).toContain('更早');
  });

  it('remembers the model per conversation and opens with it', async () => {
    wxm.getStorageSync.mockImplementation(((key: string) => (key === 'qiao.model.conv-0001' ? 'domestic' : '')) as never);
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.history': ok({ messages: [msg()], nextCursor: null }),
      'chat.get': err('NOT_FOUND'),
      'chat.send': (p: { requestId: string }) => ok(answer(p.requestId)),
    });
    const r = renderConversation({ id: 'conv-0001' });
    await settle();
    expect(r.root.querySelector('.model-pill')!.dom!.textContent).toContain('国内模型');
    page(r).onPickModel({ detail: { value: '0' } });
    await settle();
    expect(wxm.setStorageSync).toHaveBeenCalledWith('qiao.model.conv-0001', 'general');
    expect(wxm.setStorageSync).toHaveBeenCalledWith('qiao.model.last', 'general');
    composer(r).send('你好');
    await settle(10);
    expect(sends(calls)[0]).toMatchObject({ model: 'general', conversationId: 'conv-0001' });
  });

  it('a new conversation starts with the last choice', async () => {
    wxm.getStorageSync.mockImplementation(((key: string) => (key === 'qiao.model.last' ? 'domestic' : '')) as never);
    fakeApi({ 'chat.models': ok(models) });
    const r = renderConversation();
    await settle();
    expect(r.root.querySelector('.model-pill')!.dom!.textContent).toContain('国内模型');
  });
});

describe('conversation page: iOS-safe styles', () => {
  const dir = path.resolve(__dirname, '../../../miniprogram/pages/conversation');
  it('uses no flex gap and no word-break: break-all; the composer sits above the safe area with a fixed textarea', () => {
    const wxss = fs.readFileSync(path.join(dir, 'index.wxss'), 'utf8');
    expect(wxss).not.toMatch(/(^|[;\s{])gap\s*:/m);
    expect(wxss).not.toMatch(/break-all/);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as { usingComponents: Record<string, string> };
    expect(json.usingComponents.composer).toBe('/components/composer/index');
    const composerWxml = fs.readFileSync(path.resolve(dir, '../../components/composer/index.wxml'), 'utf8');
    expect(composerWxml).toMatch(/fixed="\{\{true\}\}"/);
    const composerWxss = fs.readFileSync(path.resolve(dir, '../../components/composer/index.wxss'), 'utf8');
    expect(composerWxss).toContain('env(safe-area-inset-bottom)');
  });
});
