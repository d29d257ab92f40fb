import { bannerFor, previewSegments } from '../../../miniprogram/pages/conversation/model';
import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

const models = {
  models: [
    {
      alias: 'general',
      displayName: '通用模型',
      crossBorder: true,
      inputPerMillion: 2_000_000,
      outputPerMillion: 8_000_000,
      perThousandCharsEstimate: 10_000,
      available: true,
    },
  ],
};
const answer = (requestId: string) => ({
  conversationId: 'conv-0001',
  messageId: requestId,
  status: 'done',
  reply: '好的，张伟',
  sent: '我叫[PERSON_1]',
  usage: { input: 10, cachedInput: 0, output: 5 },
  cost: 3100,
  balance: 996_900,
});

describe('conversation model', () => {
  it('highlights what will be hidden before sending', () => {
    expect(previewSegments('我叫张伟，手机13812345678')).toEqual([
      { text: '我叫', hidden: false, label: '' },
      { text: '张伟', hidden: true, label: '[PERSON_1]' },
      { text: '，手机', hidden: false, label: '' },
      { text: '13812345678', hidden: true, label: '[PHONE_1]' },
    ]);
  });
  it('turns each failure into one helpful action', () => {
    expect(bannerFor({ ok: false, kind: 'error', code: 'INSUFFICIENT_BALANCE', message: 'x' })).toMatchObject({ action: 'wallet' });
    expect(bannerFor({ ok: false, kind: 'error', code: 'CONSENT_REQUIRED', message: 'x' })).toMatchObject({ action: 'consent' });
    expect(bannerFor({ ok: false, kind: 'error', code: 'RATE_LIMITED', message: '太频繁' })).toEqual({ text: '太频繁' });
    expect(bannerFor({ ok: false, kind: 'error', code: 'PROVIDER_UNAVAILABLE', message: 'x' })).toMatchObject({ action: 'retry' });
    expect(bannerFor({ ok: false, kind: 'network', message: 'x' })).toMatchObject({ action: 'retry' });
  });
});

describe('conversation page', () => {
  it('renders an empty conversation with the model picker and its price', async () => {
    fakeApi({ 'chat.models': ok(models) });
    const { root } = renderPage('pages/conversation/index');
    await settle();
    expect(root.dom!.textContent).toContain('问点什么吧');
    expect(root.dom!.textContent).toContain('通用模型 · 海外 · 约 ¥0.01/千字');
  });

  it('loads the history of an existing conversation, oldest first', async () => {
    const msg = (id: string, text: string) => ({
      messageId: id,
      conversationId: 'conv-0001',
      status: 'done',
      text,
      sent: text,
      reply: `回答${text}`,
      model: 'general',
      cost: 10,
      createdAt: '2026-11-22T12:00:00.000Z',
    });
    fakeApi({
      'chat.models': ok(models),
      'chat.history': ok({
        messages: [msg('00000000-0000-4000-8000-000000000002', '第二'), msg('00000000-0000-4000-8000-000000000001', '第一')],
        nextCursor: null,
      }),
    });
    const { root } = renderPage('pages/conversation/index', { id: 'conv-0001' });
    await settle();
    const text = root.dom!.textContent!;
    expect(text.indexOf('第一')).toBeLessThan(text.indexOf('第二'));
    expect(text).toContain('回答第一');
  });

  it('sends a message, shows the answer, its cost, the balance and what was sent', async () => {
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.send': (p: { requestId: string }) => ok(answer(p.requestId)),
      'chat.get': err('NOT_FOUND'),
    });
    const { root, instance } = renderPage('pages/conversation/index');
    await settle();
    instance.setData({ draft: '我叫张伟' });
    await (instance as unknown as { onSend(): Promise<void> }).onSend();
    const send = calls.find((c) => c.action === 'chat.send')!;
    expect(send.payload).toMatchObject({ text: '我叫张伟', model: 'general' });
    expect((send.payload as { requestId: string }).requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const text = root.dom!.textContent!;
    expect(text).toContain('好的，张伟');
    expect(text).toContain('花费 ¥0.0031');
    expect(text).toContain('余额 ¥0.9969');
    root.querySelector('.meta')!.dispatchEvent('tap');
    await settle();
    expect(root.dom!.textContent).toContain('实际发往境外：我叫[PERSON_1]');
  });

  it('streams the answer when the base library can, without chat.send, redrawing at a bounded rate', async () => {
    const { encodeStreamEvent } = await import('../../../shared/contracts/chat-stream');
    wxm.canIUse.mockImplementation(() => true);
    try {
      const calls = fakeApi({
        'chat.models': ok(models),
        'session.get': ok({
          openid: 'o',
          isAdmin: false,
          streamToken: 't',
          streamTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
        }),
      });
      const pieces = ['好的', '，', '张伟'];
      wxm.request.mockImplementation((o: any) => {
        let listener: (r: { data: ArrayBuffer }) => void = () => undefined;
        setTimeout(async () => {
          const send = (text: string) => {
            const b = Buffer.from(text);
            listener({ data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
          };
          send(encodeStreamEvent({ event: 'start', data: { conversationId: 'conv-0001', messageId: o.data.requestId } }));
          for (const text of pieces) send(encodeStreamEvent({ event: 'delta', data: { text } }));
          await new Promise((r) => setTimeout(r, 5));
          send(encodeStreamEvent({ event: 'done', data: answer(o.data.requestId) as never }));
          o.success({ statusCode: 200, data: new ArrayBuffer(0) });
        }, 0);
        return { onChunkReceived: (l: typeof listener) => (listener = l) };
      });
      const { root, instance } = renderPage('pages/conversation/index');
      await settle();
      instance.setData({ draft: '我叫张伟' });
      const setData = jest.spyOn(instance, 'setData');
      await (instance as unknown as { onSend(): Promise<void> }).onSend();
      expect(wxm.request.mock.calls.at(-1)![0]).toMatchObject({ url: 'http://127.0.0.1:8787/http/chat/send', enableChunked: true });
      expect(calls.map((c) => c.action)).not.toContain('chat.send');
      const text = root.dom!.textContent!;
      expect(text).toContain('好的，张伟');
      expect(text).toContain('花费 ¥0.0031');
      // Three deltas inside one redraw interval: the first is drawn at once, the rest with the final answer.
      expect(setData.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      wxm.canIUse.mockImplementation(() => false);
      wxm.request.mockReset();
    }
  });

  it('retries a failed message with the same requestId', async () => {
    let fail = true;
    const calls = fakeApi({
      'chat.models': ok(models),
      'chat.get': err('NOT_FOUND'),
      'chat.send': (p: { requestId: string }) =>
        fail ? err('PROVIDER_UNAVAILABLE', '模型服务暂时不可用，请稍后重试（未扣费）') : ok(answer(p.requestId)),
    });
    const { root, instance } = renderPage('pages/conversation/index');
    await settle();
    instance.setData({ draft: '你好' });
    await (instance as unknown as { onSend(): Promise<void> }).onSend();
    expect(root.dom!.textContent).toContain('未扣费');
    fail = false;
    root.querySelector('.banner')!.dispatchEvent('tap');
    await settle(10);
    const sends = calls.filter((c) => c.action === 'chat.send').map((c) => (c.payload as { requestId: string }).requestId);
    expect(sends).toHaveLength(2);
    expect(sends[1]).toBe(sends[0]);
    expect(root.dom!.textContent).toContain('好的，张伟');
  });

  it('offers the wallet on INSUFFICIENT_BALANCE and the consent page on CONSENT_REQUIRED', async () => {
    fakeApi({ 'chat.models': ok(models), 'chat.get': err('NOT_FOUND'), 'chat.send': err('INSUFFICIENT_BALANCE', '余额不足') });
    const a = renderPage('pages/conversation/index');
    await settle();
    a.instance.setData({ draft: '你好' });
    await (a.instance as unknown as { onSend(): Promise<void> }).onSend();
    expect(a.root.dom!.textContent).toContain('去充值');
    a.root.querySelector('.banner')!.dispatchEvent('tap');
    await settle();
    expect(wxm.switchTab).toHaveBeenLastCalledWith({ url: '/pages/wallet/index' });
    fakeApi({ 'chat.models': ok(models), 'chat.get': err('NOT_FOUND'), 'chat.send': err('CONSENT_REQUIRED', '请先同意') });
    const b = renderPage('pages/conversation/index');
    await settle();
    b.instance.setData({ draft: '你好' });
    await (b.instance as unknown as { onSend(): Promise<void> }).onSend();
    b.root.querySelector('.banner')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
  });

  it('shows an error state when models cannot be loaded', async () => {
    fakeApi({ 'chat.models': { kind: 'timeout' } });
    const { root } = renderPage('pages/conversation/index');
    await settle();
    expect(root.dom!.textContent).toContain('请求超时');
  });
});

describe('following a message', () => {
  it('keeps following an answer still being written (a duplicate of an in-flight request) until it is done', async () => {
    const { sendAndFollow } = await import('../../../miniprogram/pages/conversation/model');
    const { createApi } = await import('../../../miniprogram/api/client');
    let polls = 0;
    let sends = 0;
    const base = { conversationId: 'c', messageId: '00000000-0000-4000-8000-000000000009', sent: 's', balance: 1 };
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
});
