/**
 * The Mini Program's compiled JavaScript on a phone-like runtime (test/phone): a bare context without
 * Node or browser globals, WeChat's module wrapper, a `wx` talking to the real local cloud. In each of
 * the phone variants (as is; a `Function` constructor that throws; one that returns a non-function;
 * no `BigInt`) the app launches, the user goes through consent → top-up (paid in the WeChat Pay
 * sandbox) → a chat with the fake model → the orders → the privacy page, and then every page of
 * app.json opens and leaves its loading state. Outcomes are read from the pages' data. The same
 * journey runs once more with the app switched to cloud mode (wx.cloud.callFunction, callHTTPFunction
 * and wx.requestPayment, all reaching the local cloud), the code path a release build takes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { build } from 'esbuild';
import type { LocalStack } from '../../local/stack';
import { compileMiniprogram } from '../phone/compile';
import { Phone, type PageHandle } from '../phone/phone';
import { PHONE_VARIANTS, type PhoneVariant } from '../phone/realm';
import { startStack } from '../support/stack';

let stack: LocalStack;
/** The compiled package; QIAO_PHONE_JS points the harness at another one (WeChat's own output). */
let js: string;
/** The same package with config.js in cloud mode. */
let cloudJs: string;

beforeAll(async () => {
  stack = await startStack();
  js = process.env.QIAO_PHONE_JS ?? compileMiniprogram();
  cloudJs = fs.mkdtempSync(`${js}-cloud-`);
  fs.cpSync(js, cloudJs, { recursive: true });
  const config = path.join(cloudJs, 'config.js');
  const text = fs.readFileSync(config, 'utf8');
  if (!/mode:\s*["']local["']/.test(text)) throw new Error('config.js: no `mode: "local"` to switch');
  fs.writeFileSync(config, text.replace(/mode:\s*["']local["']/, 'mode: "cloud"'));
});
afterAll(async () => {
  await stack.close();
  fs.rmSync(cloudJs, { recursive: true, force: true });
  if (!process.env.QIAO_PHONE_JS) fs.rmSync(js, { recursive: true, force: true });
});

/** wx.requestPayment in the sandbox: the order behind the prepay id, paid by the sandbox's payer. */
async function payInSandbox(payment: Record<string, unknown>): Promise<'ok' | 'fail'> {
  const prepayId = String(payment.package).replace(/^prepay_id=/, '');
  const order = [...stack.sandbox.state.orders.values()].find((o) => o.prepayId === prepayId);
  if (!order) return 'fail';
  const res = await fetch(`${stack.base}/sandbox/wechatpay/confirm`, {
    method: 'POST',
    body: JSON.stringify({ outTradeNo: order.outTradeNo, outcome: 'SUCCESS' }),
  });
  return res.ok ? 'ok' : 'fail';
}

const QUERIES: Record<string, (ids: { conversationId: string }) => string> = {
  'pages/legal/index': () => '?doc=privacy',
  'pages/conversation/index': ({ conversationId }) => `?id=${conversationId}`,
  'pages/topup/index': () => '?need=20000',
};

/** No page waits on 加载中… or shows an error: `state` is the pages' convention for both. */
function settled(page: PageHandle): string | undefined {
  return page.data.state;
}

async function journey(variant: PhoneVariant, mode: 'local' | 'cloud', openid: string): Promise<void> {
  const payments: unknown[] = [];
  const pay = (payment: Record<string, unknown>) => (payments.push(payment), payInSandbox(payment));
  const phone = new Phone({ js: mode === 'local' ? js : cloudJs, variant, cloud: stack.base, openid, pay });
  try {
    expect(phone.realm.leakedGlobals()).toEqual([]);

    // Launch: the chat tab asks for consent first (once per launch).
    const chat = await phone.launch();
    expect(chat.route).toBe('pages/chat/index');
    expect(phone.record.privacyListener).toBe(true);
    expect(phone.page.route).toBe('pages/consent/index');
    expect(phone.stack.map((p) => p.route)).toEqual(['pages/chat/index', 'pages/consent/index']);

    // Consent: both boxes ticked, 同意并继续 → back to the chat tab, which now loads (and is empty).
    const consent = phone.page;
    expect(consent.data.canContinue).toBe(false);
    await phone.tap(consent, 'onTogglePolicy');
    await phone.tap(consent, 'onToggleCrossBorder');
    expect(consent.data).toMatchObject({ canContinue: true, form: { policy: true, crossBorder: true } });
    await phone.tap(consent, 'onAccept');
    expect(consent.alive).toBe(false);
    expect(phone.page).toBe(chat);
    expect(chat.data).toMatchObject({ state: 'ready', conversations: [], crossBorder: true });

    // Top-up: the wallet tab → 充值 → the ¥6 package, paid in the sandbox (the local payer's dialog, confirmed).
    const wallet = await phone.tapTab('pages/wallet/index');
    expect(wallet.data).toMatchObject({ state: 'ready', canTopup: true, wallet: { balanceText: '¥0.00' } });
    await phone.tap(wallet, 'onTopup');
    const topup = phone.page;
    expect(topup.route).toBe('pages/topup/index');
    expect(topup.data.state).toBe('ready');
    expect(topup.data.packages.map((p: { id: string }) => p.id)).toEqual(['p6', 'p30', 'p98']);
    await phone.tap(topup, 'onPay', { dataset: { id: 'p6' } });
    // Locally a dialog asks and the sandbox plays the payer; in the cloud it is wx.requestPayment.
    if (mode === 'local')
      expect(phone.record.modals.at(-1)).toMatchObject({ title: '本地沙箱支付', content: '模拟微信支付 ¥6.00', confirmed: true });
    else {
      expect(phone.record.modals).toEqual([]);
      expect(payments).toEqual([expect.objectContaining({ package: expect.stringMatching(/^prepay_id=/), signType: 'RSA' })]);
    }
    if (mode === 'local') expect(payments).toEqual([]);
    expect(topup.data.screen).toEqual({ kind: 'success', balanceText: '¥6.00' });
    await phone.tap(topup, 'onDone');
    expect(phone.page).toBe(wallet);
    expect(wallet.data.wallet.balanceText).toBe('¥6.00');
    expect(wallet.data.groups.flatMap((g: { rows: unknown[] }) => g.rows)).toHaveLength(1);

    // Chat: 开始新对话 → type (the composer previews what is hidden) → 发送 → the streamed answer, charged.
    await phone.tapTab('pages/chat/index');
    await phone.tap(chat, 'onNew');
    const conversation = phone.page;
    expect(conversation.route).toBe('pages/conversation/index');
    expect(conversation.data.state).toBe('ready');
    expect(conversation.data.models.length).toBeGreaterThan(0);
    const composer = phone.component(conversation, 'composer');
    const text = '我叫张伟，手机13812345678，帮我写一句问候';
    await phone.tap(composer, 'onInput', { detail: { value: text } });
    expect(conversation.data.draft).toBe(text);
    expect(composer.data.view.count).toBe(2);
    expect(composer.data.canSend).toBe(true);
    await phone.tap(composer, 'onSend');
    const data = conversation.data;
    expect(data.sending).toBe(false);
    expect(data.conversationId).toMatch(/\S/);
    expect(data.turns).toHaveLength(1);
    const turn = data.turns[0];
    expect(turn.question.sent).toBe('我叫[PERSON_1]，手机[PHONE_1]，帮我写一句问候');
    expect(turn.answer.status).toBe('done');
    // The fake model repeats what it received; the phone shows it restored.
    expect(turn.answer.reply).toContain('我叫张伟，手机13812345678');
    expect(turn.answer.reply).not.toContain('[PERSON_1]');
    // Streamed: the HTTP function chat was called with a chunked request, and the text grew in steps.
    const via =
      mode === 'local' ? { call: 'request', stream: 'request' } : { call: 'cloud.callFunction', stream: 'cloud.callHTTPFunction' };
    expect(phone.record.requests).toContain(`${via.stream} POST /http/chat/send`);
    expect(new Set(phone.record.requests.filter((r) => r.includes(' /fn/')))).toEqual(new Set([`${via.call} POST /fn/api`]));
    expect(conversation.renders.filter((r) => r && Object.keys(r).some((k) => k.endsWith('.answer.reply'))).length).toBeGreaterThan(0);
    const balanceText = /^余额 ¥(\d+\.\d\d)$/.exec(data.balanceText);
    expect(balanceText).not.toBeNull();
    expect(Number(balanceText![1])).toBeLessThan(6);
    // The answer's Markdown, drawn by its component (marked's lexer, in the phone).
    const markdown = phone.component(conversation, 'markdown');
    phone.setProperties(markdown, { text: turn.answer.reply, streaming: false });
    expect(markdown.data.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(markdown.data.rows)).toContain('张伟');
    const conversationId = data.conversationId as string;

    // Orders: 我的 → 充值订单: the paid order.
    const me = await phone.tapTab('pages/me/index');
    expect(me.data).toMatchObject({ state: 'ready', isAdmin: false, privacyAuth: '已同意' });
    await phone.tap(me, 'onOrders');
    const orders = phone.page;
    expect(orders.route).toBe('pages/orders/index');
    expect(orders.data.state).toBe('ready');
    expect(orders.data.orders).toHaveLength(1);
    expect(orders.data.orders[0]).toMatchObject({ amountText: '¥6.00', statusText: '已支付', tone: 'success', refunds: [] });

    // Privacy: the consent as stored, and the export of the user's data (to the clipboard).
    await phone.tap(orders, 'onCopy', { dataset: { id: orders.data.orders[0].id } });
    expect(phone.record.clipboard).toBe(orders.data.orders[0].id);
    phone.record.clipboard = '';
    (phone.realm.context as any).wx.navigateBack();
    await phone.idle();
    await phone.tap(me, 'onMyData');
    const privacy = phone.page;
    expect(privacy.route).toBe('pages/privacy/index');
    expect(privacy.data).toMatchObject({ state: 'ready', accepted: true, crossBorder: true });
    expect(privacy.data.sinceText).toMatch(/^同意于 /);
    await phone.tap(privacy, 'onExport');
    expect(privacy.data.notice).toBe('你的数据（JSON）已复制到剪贴板');
    const exported = JSON.parse(phone.record.clipboard) as { exportedAt: string; data: Record<string, unknown> };
    expect(Object.keys(exported.data)).toEqual(expect.arrayContaining(['conversations', 'messages']));
    expect(JSON.stringify(exported.data.conversations)).toContain(conversationId);
    expect(JSON.stringify(exported.data.messages)).toContain('我叫[PERSON_1]');

    // Every page of app.json, opened afresh (reLaunch): none stays on 加载中… or shows an error.
    const states: Record<string, string | undefined> = {};
    const shown: Record<string, PageHandle> = {};
    for (const route of phone.appJson.pages) {
      (phone.realm.context as any).wx.reLaunch({ url: `/${route}${QUERIES[route]?.({ conversationId }) ?? ''}` });
      await phone.idle();
      expect(phone.page.route).toBe(route);
      expect(phone.stack).toHaveLength(1);
      states[route] = settled(phone.page);
      shown[route] = phone.page;
    }
    // …and each shows this user's data.
    expect(shown['pages/chat/index']!.data.conversations).toEqual([expect.objectContaining({ id: conversationId })]);
    expect(shown['pages/wallet/index']!.data.wallet.balanceText).toBe(balanceText![0].replace('余额 ', ''));
    expect(shown['pages/consent/index']!.data).toMatchObject({ phase: 'form', canContinue: false });
    const reopened = shown['pages/conversation/index']!;
    expect(reopened.data.turns.map((t: { answer: { reply: string } }) => t.answer.reply)).toEqual([turn.answer.reply]);
    // Titled by the first 30 characters of what was sent, placeholders read as chips.
    expect(reopened.title).toBe('我叫某人1，手机手机号1，帮我写一句');
    expect(shown['pages/orders/index']!.data.orders).toHaveLength(1);
    expect(shown['pages/topup/index']!.data).toMatchObject({
      needText: '继续这次对话还需 ¥0.0200',
      balanceText: balanceText![0].replace('余额 ', ''),
    });
    expect(shown['pages/legal/index']!.data.title).toBe('隐私政策');
    expect(shown['pages/legal/index']!.data.sections.length).toBeGreaterThan(3);
    expect(states).toEqual({
      'pages/chat/index': 'ready',
      'pages/wallet/index': 'ready',
      'pages/me/index': 'ready',
      'pages/consent/index': undefined,
      'pages/conversation/index': 'ready',
      'pages/orders/index': 'ready',
      'pages/privacy/index': 'ready',
      'pages/topup/index': 'ready',
      'pages/legal/index': 'ready',
    });

    expect(phone.faults).toEqual([]);
    expect(phone.realm.logs.filter((l) => l.level === 'error')).toEqual([]);
  } finally {
    phone.close();
  }
}

describe.each(PHONE_VARIANTS.map((v, i) => ({ ...v, index: i })))('the app on a phone: $name', (variant) => {
  it('runs the journey and every page against the local cloud', () => journey(variant, 'local', `phone-user-${variant.index}`), 60_000);
});

it(
  'runs the same in cloud mode: wx.cloud.callFunction, callHTTPFunction and wx.requestPayment',
  () => journey(PHONE_VARIANTS[0]!, 'cloud', 'phone-cloud-user'),
  60_000,
);

/** A copy of the compiled package with one file changed, for the checks that must fail. */
function variantOf(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(`${js}-broken-`);
  fs.cpSync(js, dir, { recursive: true });
  change(dir);
  return dir;
}

describe('what the phone catches', () => {
  /** The app bundle as it would be without shared/contracts/zod-jitless.ts and scripts/build.ts's lazy BigInt ranges. */
  let unfixed: string;
  beforeAll(async () => {
    const { outputFiles } = await build({
      entryPoints: [path.join(__dirname, '../../shared/miniprogram-bundle.ts')],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'cjs',
      target: 'es2018',
      mainFields: ['main', 'module'],
      logLevel: 'silent',
      plugins: [{ name: 'no-jitless', setup: (b) => b.onLoad({ filter: /zod-jitless\.ts$/ }, () => ({ contents: '', loader: 'ts' })) }],
    });
    unfixed = outputFiles[0]!.text;
  });

  it('without zod’s jitless, a Function that returns a non-function leaves the chat tab on 加载中… with a rejection', async () => {
    const dir = variantOf((d) => fs.writeFileSync(path.join(d, 'generated/shared.js'), unfixed));
    // jest fails a test on any unhandled rejection (the journeys rely on that too); here the rejection
    // is the expected outcome, so only the phone's own listener may see it.
    const real = vm.runInThisContext('process') as NodeJS.Process;
    const jestListeners = real.listeners('unhandledRejection');
    real.removeAllListeners('unhandledRejection');
    const phone = new Phone({ js: dir, variant: PHONE_VARIANTS[2]!, cloud: stack.base, openid: 'phone-no-jitless' });
    try {
      const chat = await phone.launch();
      // zod's probe `new Function("")` passes (an object comes back), so object schemas take the
      // compiled fast path and call that object: every reply fails to parse, load() rejects.
      expect(phone.stack.map((p) => p.route)).toEqual(['pages/chat/index']);
      expect(chat.data.state).toBe('loading');
      expect(phone.faults).toEqual([
        expect.objectContaining({ kind: 'unhandled-rejection', message: expect.stringMatching(/TypeError: .* is not a function/) }),
      ]);
    } finally {
      phone.close();
      await new Promise((r) => setTimeout(r, 100));
      for (const l of jestListeners) real.on('unhandledRejection', l as (...a: unknown[]) => void);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with zod’s BigInt ranges computed at load, a phone without BigInt never starts the app', async () => {
    const dir = variantOf((d) => fs.writeFileSync(path.join(d, 'generated/shared.js'), unfixed));
    const phone = new Phone({ js: dir, variant: PHONE_VARIANTS[3]!, cloud: stack.base, openid: 'phone-bigint' });
    try {
      await expect(phone.launch()).rejects.toThrow('BigInt is not defined');
    } finally {
      phone.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Node built-in in the app stops it at launch, as require does on the phone', async () => {
    const dir = variantOf((d) => {
      // The first page (the chat tab) imports it.
      const file = path.join(d, 'utils/consent-gate.js');
      fs.writeFileSync(file, `const os = require("os");\n${fs.readFileSync(file, 'utf8')}`);
    });
    const phone = new Phone({ js: dir, variant: PHONE_VARIANTS[0]!, cloud: stack.base, openid: 'phone-builtin' });
    try {
      await expect(phone.launch()).rejects.toThrow("module 'os' is not defined, require args is 'os'");
    } finally {
      phone.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
