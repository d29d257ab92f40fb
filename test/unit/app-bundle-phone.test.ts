/**
 * miniprogram/generated/shared.js on a phone: a bare JavaScript context (no Node globals, no
 * `TextEncoder`), loaded through WeChat's CommonJS-style module wrapper, in the runtimes phones have:
 * as is, with a `Function` constructor that throws or that returns a non-function (WeChat documents
 * `new Function`/`eval` as unsupported, and both are seen), and without `BigInt` (iOS < 14). In each
 * the bundle must load, check real contract inputs and outputs (in Chinese) and run the anonymizer.
 */
import * as path from 'node:path';
import { PHONE_VARIANTS, PhoneRealm } from '../phone/realm';

const MINIPROGRAM = path.join(__dirname, '../../miniprogram');

interface Schema {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string; path: unknown[] }[] } };
}
interface Session {
  redact(text: string): { redacted: string; entities: { type: string; placeholder: string }[] };
  restore(text: string): string;
}
interface Bundle {
  apiContracts: Record<string, { input: Schema; output: Schema }>;
  PrivacySession: new () => Session;
  formatYuan(micro: number): string;
}

/** The bundle through the phone harness's realm and module wrapper (test/phone/realm.ts). */
function load(variant: (typeof PHONE_VARIANTS)[number]): { bundle: Bundle; realm: PhoneRealm } {
  const realm = new PhoneRealm(MINIPROGRAM, variant);
  return { bundle: realm.load('generated/shared.js') as Bundle, realm };
}

/** A plain copy in this realm, for comparing. */
function outer<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const UUID = '0b5e6a52-2f7c-4d43-9d1e-3f0a5c8e7b21';

describe.each(PHONE_VARIANTS)('the app bundle on a phone: $name', (variant) => {
  let bundle: Bundle;
  let realm: PhoneRealm;
  afterAll(() => realm?.close());

  it('loads in a bare context through the module wrapper', () => {
    ({ bundle, realm } = load(variant));
    expect(realm.leakedGlobals()).toEqual([]);
    expect(typeof bundle.apiContracts).toBe('object');
    expect(typeof bundle.PrivacySession).toBe('function');
  });

  it('accepts valid contract inputs and outputs', () => {
    const c = bundle.apiContracts;
    const accepted = (schema: Schema, value: unknown): unknown => {
      const result = schema.safeParse(realm.json(value));
      expect(outer(result.error?.issues ?? [])).toEqual([]);
      return outer(result.data);
    };
    expect(accepted(c['privacy.preview']!.input, { text: '我是张伟，电话13812345678' })).toEqual({ text: '我是张伟，电话13812345678' });
    expect(accepted(c['chat.send']!.input, { requestId: UUID, text: '  你好  ' })).toEqual({ requestId: UUID, text: '你好' });
    expect(accepted(c['wallet.statement']!.input, { limit: 20 })).toEqual({ limit: 20 });
    expect(accepted(c['wallet.get']!.output, { balance: 12_340_000, held: 0, available: 12_340_000, extra: 1 })).toEqual({
      balance: 12_340_000,
      held: 0,
      available: 12_340_000,
    });
    expect(
      accepted(c['privacy.preview']!.output, {
        redacted: '我是[PERSON_1]',
        entities: [{ type: 'PERSON', start: 2, end: 12, placeholder: '[PERSON_1]' }],
      }),
    ).toEqual({ redacted: '我是[PERSON_1]', entities: [{ type: 'PERSON', start: 2, end: 12, placeholder: '[PERSON_1]' }] });
  });

  it('rejects invalid ones with zod’s Chinese messages and the contracts’ own', () => {
    const c = bundle.apiContracts;
    const rejected = (schema: Schema, value: unknown): { message: string; path: unknown[] }[] => {
      const result = schema.safeParse(realm.json(value));
      expect(result.success).toBe(false);
      return outer(result.error!.issues).map(({ message, path }) => ({ message, path }));
    };
    expect(rejected(c['privacy.preview']!.input, { text: 5 })).toEqual([
      { path: ['text'], message: '无效输入：期望 string，实际接收 数字' },
    ]);
    expect(rejected(c['privacy.preview']!.input, { text: '字'.repeat(8001) })).toEqual([
      { path: ['text'], message: '内容不能超过 8000 个字' },
    ]);
    expect(rejected(c['chat.send']!.input, { requestId: UUID, text: '   ' })).toEqual([{ path: ['text'], message: '请输入内容' }]);
    expect(rejected(c['chat.send']!.input, { requestId: 'not-a-uuid', text: '你好' })).toEqual([
      { path: ['requestId'], message: '请求编号应为客户端生成的 UUID' },
    ]);
    const [limit] = rejected(c['wallet.statement']!.input, { limit: 0 });
    expect(limit).toEqual({ path: ['limit'], message: expect.stringMatching(/^数值过小/) as string });
    const [balance] = rejected(c['wallet.get']!.output, { balance: 1.5, held: 0, available: 0 });
    expect(balance!.path).toEqual(['balance']);
    expect(balance!.message).toMatch(/[\u4e00-\u9fff]/);
    const [unsafe] = rejected(c['wallet.get']!.output, { balance: 2 ** 60, held: 0, available: 0 });
    expect(unsafe!.path).toEqual(['balance']);
  });

  it('runs the anonymizer preview: a name and a phone number out, and back', () => {
    const session = new bundle.PrivacySession();
    const text = '我是张伟，电话13812345678，明天下午联系我';
    const { redacted, entities } = session.redact(text);
    expect(redacted).toBe('我是[PERSON_1]，电话[PHONE_1]，明天下午联系我');
    expect(outer(entities).map((e) => [e.type, e.placeholder])).toEqual([
      ['PERSON', '[PERSON_1]'],
      ['PHONE', '[PHONE_1]'],
    ]);
    expect(session.restore('好的，[PERSON_1]，我会打 [PHONE_1]。')).toBe('好的，张伟，我会打 13812345678。');
    expect(bundle.formatYuan(12_340_000)).toMatch(/12\.34/);
  });
});
