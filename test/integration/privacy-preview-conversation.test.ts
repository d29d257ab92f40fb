import { localCloud } from '../support/cloud';
import { callFunction, startHost, type RunningHost } from '../support/host';

const { db, store } = localCloud();
let host: RunningHost;
beforeAll(async () => {
  host = await startHost();
  await db
    .collection('conversations')
    .doc('conv-preview-1')
    .set({
      data: {
        openid: 'alice',
        _openid: 'alice',
        title: '[PERSON_1]的问题',
        model: 'general',
        placeholders: {
          entries: [{ type: 'PERSON', original: '张伟', key: '张伟', placeholder: '[PERSON_1]' }],
          counters: { PERSON: 1 },
        },
        messageCount: 2,
        createdAt: new Date('2026-11-22T12:00:00Z'),
        updatedAt: new Date('2026-11-22T12:00:00Z'),
      },
    });
});
afterAll(() => host.close());

const preview = (payload: object, openid = 'alice') => callFunction(host.base, 'api', { action: 'privacy.preview', payload }, openid);

describe('api privacy.preview in a conversation', () => {
  it('numbers placeholders as the conversation does, and stores nothing', async () => {
    const before = JSON.stringify(store.all('conversations'));
    const res = await preview({ text: '我叫李娜，张伟是我同事', conversationId: 'conv-preview-1' });
    expect(res.json).toMatchObject({ ok: true, data: { redacted: '我叫[PERSON_2]，[PERSON_1]是我同事' } });
    expect(JSON.stringify(store.all('conversations'))).toBe(before);
  });

  it('numbers marked words after the ones the conversation has', async () => {
    const res = await preview({ text: '暗号是青龙，张伟知道', private: ['青龙'], conversationId: 'conv-preview-1' });
    expect(res.json).toMatchObject({ ok: true, data: { redacted: '暗号是[PRIVATE_1]，[PERSON_1]知道' } });
  });

  it("never reads another user's conversation", async () => {
    expect((await preview({ text: '张伟', conversationId: 'conv-preview-1' }, 'bob')).json).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await preview({ text: '张伟', conversationId: 'conv-missing-1' })).json).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await preview({ text: '张伟', conversationId: 'bad id!' })).json).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
