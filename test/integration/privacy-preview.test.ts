import { localCloud } from '../support/cloud';
import { callFunction, startHost, type RunningHost } from '../support/host';

const { db, store } = localCloud();
let host: RunningHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(() => host.close());

describe('api privacy.preview', () => {
  it('shows what will be hidden, stores nothing and charges nothing', async () => {
    const before = JSON.stringify(store.collectionNames().map((c) => store.all(c)));
    const res = await callFunction(
      host.base,
      'api',
      { action: 'privacy.preview', payload: { text: '我叫张伟，手机13812345678' } },
      'alice',
    );
    expect(res.json).toEqual({
      ok: true,
      data: {
        redacted: '我叫[PERSON_1]，手机[PHONE_1]',
        entities: [
          { type: 'PERSON', start: 2, end: 4, placeholder: '[PERSON_1]' },
          { type: 'PHONE', start: 7, end: 18, placeholder: '[PHONE_1]' },
        ],
      },
    });
    expect(JSON.stringify(store.collectionNames().map((c) => store.all(c)))).toBe(before);
  });

  it('applies the merchant rules from the config document', async () => {
    await db
      .collection('config')
      .doc('privacy-rules')
      .set({ data: { terms: ['蓝鲸项目'], patterns: ['HT-\\d{6}'] } });
    const res = await callFunction(
      host.base,
      'api',
      { action: 'privacy.preview', payload: { text: '蓝鲸项目合同 HT-123456 的进度' } },
      'alice',
    );
    expect(res.json).toMatchObject({ ok: true, data: { redacted: '[CUSTOM_1]合同 [CUSTOM_2] 的进度' } });
  });

  it('hides the words the user marked, like any other entity', async () => {
    const res = await callFunction(
      host.base,
      'api',
      { action: 'privacy.preview', payload: { text: '老地方见，暗号是青龙', private: ['老地方', '青龙'] } },
      'alice',
    );
    expect(res.json).toMatchObject({ ok: true, data: { redacted: '[PRIVATE_1]见，暗号是[PRIVATE_2]' } });
  });

  it('refuses text over 8,000 characters with INVALID_INPUT', async () => {
    const res = await callFunction(host.base, 'api', { action: 'privacy.preview', payload: { text: '字'.repeat(8001) } }, 'alice');
    expect(res.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await callFunction(host.base, 'api', { action: 'privacy.preview', payload: { text: 42 } }, 'alice')).json).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
