/**
 * Top-ups through WeChat Pay API v3, end to end on the local cloud: the real functions, the real
 * SDK over the local database, the sandbox playing WeChat Pay over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { encryptAesGcm } from '../../shared/payments/crypto/aes-gcm';
import { v3Signed, v3TransactionResource } from '../../local/sandbox/wechatpay/notifier';
import type { SandboxOrder } from '../../local/sandbox/wechatpay/state';
import type { LocalStack } from '../../local/stack';
import { LEDGER } from '../../shared/wallet/documents';
import { ORDERS } from '../../shared/payments/documents';
import { call, confirmPayment, ok, startStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_OPENIDS: 'boss' } });
});
afterAll(() => stack.close());

type Created = { outTradeNo: string; amountFen: number; payment: { package: string; signType: string; paySign: string } };
const balanceOf = async (openid: string) => (await ok<{ balance: number }>(stack, 'api', openid, 'wallet.get')).balance;
const topupEntries = (openid: string) => stack.local.store.all(LEDGER).filter((e) => e.openid === openid && e.kind === 'topup').length;

async function postNotification(body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${stack.base}/http/payNotify`, { method: 'POST', headers, body });
  return res.status;
}

/** A notification exactly as the sandbox would send it, with `edit` applied to the decrypted resource. */
function notification(
  order: SandboxOrder,
  edit: (r: Record<string, any>) => void = () => undefined,
  opts: { algorithm?: string; event?: string } = {},
) {
  const resource = v3TransactionResource({
    ...order,
    state: 'SUCCESS',
    transactionId: '4200000001',
    successTime: new Date().toISOString(),
  });
  edit(resource);
  const encrypted = encryptAesGcm(stack.sandbox.identity.apiV3Key, JSON.stringify(resource), 'transaction');
  const body = JSON.stringify({
    id: randomBytes(8).toString('hex'),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: opts.event ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: opts.algorithm ?? 'AEAD_AES_256_GCM', ...encrypted },
  });
  return { body, headers: v3Signed(stack.sandbox.identity, body) };
}

async function newOrder(openid: string, packageId = 'p6'): Promise<{ created: Created; sandboxOrder: SandboxOrder }> {
  const created = await ok<Created>(stack, 'api', openid, 'topup.create', { packageId });
  return { created, sandboxOrder: stack.sandbox.state.orders.get(created.outTradeNo)! };
}

describe('top-up', () => {
  it('lists the seeded packages and prices an order from them, never from the client', async () => {
    const { packages } = await ok<{ packages: Array<{ id: string; amountFen: number }> }>(stack, 'api', 'u1', 'topup.packages');
    expect(packages.map((p) => [p.id, p.amountFen])).toEqual([
      ['p6', 600],
      ['p30', 3000],
      ['p98', 9800],
    ]);
    const res = await call(stack, 'api', 'u1', 'topup.create', { packageId: 'p6', amountFen: 1 });
    expect(res).toMatchObject({ ok: true, data: { amountFen: 600 } });
    expect(await call(stack, 'api', 'u1', 'topup.create', { packageId: 'p0' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('pays through the sandbox and credits the wallet once, package bonus included', async () => {
    const { created } = await newOrder('payer', 'p30');
    expect(created.outTradeNo).toMatch(/^[0-9A-Za-z_-]{6,32}$/);
    expect(created.payment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect(await ok(stack, 'api', 'payer', 'topup.status', { outTradeNo: created.outTradeNo })).toMatchObject({ status: 'CREATED' });
    await confirmPayment(stack, created.outTradeNo);
    expect(await ok(stack, 'api', 'payer', 'topup.status', { outTradeNo: created.outTradeNo })).toMatchObject({
      status: 'PAID',
      amountFen: 3000,
    });
    expect(await balanceOf('payer')).toBe(31_000_000);
  });

  it('credits once when 50 copies of the notification arrive at the same time', async () => {
    const { created } = await newOrder('dup');
    await confirmPayment(stack, created.outTradeNo, 50);
    expect(await balanceOf('dup')).toBe(6_000_000);
    expect(topupEntries('dup')).toBe(1);
  });

  it('recovers a lost notification when the app asks for the status', async () => {
    const { created } = await newOrder('lost');
    stack.sandbox.state.settings.dropNotifications = true;
    await confirmPayment(stack, created.outTradeNo);
    stack.sandbox.state.settings.dropNotifications = false;
    expect(await balanceOf('lost')).toBe(0);
    expect(await ok(stack, 'api', 'lost', 'topup.status', { outTradeNo: created.outTradeNo })).toMatchObject({ status: 'PAID' });
    expect(await balanceOf('lost')).toBe(6_000_000);
  });

  it('shows a user only their own orders', async () => {
    const { created } = await newOrder('owner');
    expect(await call(stack, 'api', 'intruder', 'topup.status', { outTradeNo: created.outTradeNo })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const mine = await ok<{ orders: Array<{ outTradeNo: string }> }>(stack, 'api', 'owner', 'orders.list', {});
    expect(mine.orders.map((o) => o.outTradeNo)).toContain(created.outTradeNo);
    const theirs = await ok<{ orders: unknown[] }>(stack, 'api', 'intruder', 'orders.list', {});
    expect(theirs.orders).toEqual([]);
  });
});

describe('v3 notification tamper matrix: rejected, nothing credited', () => {
  const now = () => Math.floor(Date.now() / 1000);
  type Case = [string, (o: SandboxOrder) => { body: string; headers: Record<string, string> }, number];
  const cases: Case[] = [
    [
      'bad signature',
      (o) => {
        const n = notification(o);
        n.headers['wechatpay-signature'] = n.headers['wechatpay-signature']!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
        return n;
      },
      401,
    ],
    [
      'flipped body byte',
      (o) => {
        const n = notification(o);
        return { ...n, body: n.body.replace('"encrypt-resource"', '"encrypt-resourcf"') };
      },
      401,
    ],
    [
      'old timestamp',
      (o) => {
        const n = notification(o);
        const body = n.body;
        return { body, headers: { ...v3SignedAt(body, now() - 301) } };
      },
      401,
    ],
    [
      'future timestamp',
      (o) => {
        const n = notification(o);
        const body = n.body;
        return { body, headers: { ...v3SignedAt(body, now() + 301) } };
      },
      401,
    ],
    [
      'SIGNTEST probe',
      (o) => {
        const n = notification(o);
        n.headers['wechatpay-signature'] = 'WECHATPAY/SIGNTEST/' + n.headers['wechatpay-signature'];
        return n;
      },
      401,
    ],
    [
      'unknown serial',
      (o) => {
        const n = notification(o);
        n.headers['wechatpay-serial'] = 'PUB_KEY_ID_0000000000000000000000000000000000';
        return n;
      },
      401,
    ],
    [
      'missing headers',
      (o) => ({ body: notification(o).body, headers: { 'content-type': 'application/json', 'wechatpay-serial': 'x' } }),
      401,
    ],
    ['wrong algorithm', (o) => notification(o, undefined, { algorithm: 'AEAD_AES_128_GCM' }), 400],
    [
      'bad ciphertext/tag',
      (o) => {
        const n = notification(o);
        const parsed = JSON.parse(n.body);
        parsed.resource.ciphertext = Buffer.from('0'.repeat(40)).toString('base64');
        const body = JSON.stringify(parsed);
        return { body, headers: v3Signed(stack.sandbox.identity, body) };
      },
      400,
    ],
    ['wrong appid', (o) => notification(o, (r) => (r.appid = 'wx-someone-else')), 400],
    ['wrong mchid', (o) => notification(o, (r) => (r.mchid = '1999999999')), 400],
    ['wrong amount', (o) => notification(o, (r) => (r.amount.total = 1)), 400],
    ['wrong currency', (o) => notification(o, (r) => (r.amount.currency = 'USD')), 400],
    ['another payer', (o) => notification(o, (r) => (r.payer.openid = 'someone-else')), 400],
    ['unknown order', (o) => notification(o, (r) => (r.out_trade_no = 'Q20990101unknown000000000')), 400],
  ];

  function v3SignedAt(body: string, seconds: number): Record<string, string> {
    return v3Signed(stack.sandbox.identity, body, new Date(seconds * 1000));
  }

  it.each(cases)('%s', async (name, make, status) => {
    const openid = `tamper-${name.replace(/\W/g, '')}`;
    const { sandboxOrder } = await newOrder(openid);
    const n = make(sandboxOrder);
    expect(await postNotification(n.body, n.headers)).toBe(status);
    expect(await balanceOf(openid)).toBe(0);
    expect(stack.local.store.peek(ORDERS, sandboxOrder.outTradeNo)).toMatchObject({ status: 'CREATED' });
  });

  it('rejects a notification for an order made through another channel', async () => {
    const { sandboxOrder } = await newOrder('other-channel');
    await stack.local.engine.send('database.modifyDocument', {
      collectionName: ORDERS,
      queryType: 'DOC',
      query: JSON.stringify({ _id: sandboxOrder.outTradeNo }),
      data: JSON.stringify({ $set: { channel: 'v2' } }),
      merge: true,
      multi: false,
      upsert: false,
    });
    const n = notification(sandboxOrder);
    expect(await postNotification(n.body, n.headers)).toBe(400);
    expect(await balanceOf('other-channel')).toBe(0);
  });

  it('accepts the untampered notification built the same way (the matrix is not vacuous)', async () => {
    const { sandboxOrder } = await newOrder('control');
    const n = notification(sandboxOrder);
    expect(await postNotification(n.body, n.headers)).toBe(204);
    expect(await balanceOf('control')).toBe(6_000_000);
    expect(await postNotification(n.body, n.headers)).toBe(204); // a replay is acknowledged, not credited
    expect(await balanceOf('control')).toBe(6_000_000);
  });
});

describe('refunds', () => {
  async function paidOrder(openid: string, packageId = 'p30'): Promise<string> {
    const { created } = await newOrder(openid, packageId);
    await confirmPayment(stack, created.outTradeNo);
    return created.outTradeNo;
  }
  const refund = (payload: Record<string, unknown>) =>
    call<{ ok: boolean; data?: any; error?: any }>(stack, 'admin', 'boss', 'orders.refund', payload);

  it('refunds part, then the rest; the balance is debited with its share of the bonus', async () => {
    const no = await paidOrder('r-partial');
    expect(await balanceOf('r-partial')).toBe(31_000_000);
    const first = await refund({ outTradeNo: no, amountFen: 1000, reason: '部分退款', requestId: 'refund-part-1' });
    expect(first).toMatchObject({ ok: true, data: { status: 'PROCESSING', amountFen: 1000 } });
    await stack.sandbox.settle();
    expect(stack.local.store.peek(ORDERS, no)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedFen: 1000, refundingFen: 0 });
    // ¥10 of ¥30 refunded: ¥10 plus a third of the ¥1 bonus (33 fen) leaves the wallet.
    expect(await balanceOf('r-partial')).toBe(31_000_000 - 10_330_000);
    const second = await refund({ outTradeNo: no, amountFen: 2000, reason: '余款退款', requestId: 'refund-part-2' });
    expect(second.ok).toBe(true);
    await stack.sandbox.settle();
    expect(stack.local.store.peek(ORDERS, no)).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
    expect(await balanceOf('r-partial')).toBe(31_000_000 - 10_330_000 - 20_660_000);
    expect(await refund({ outTradeNo: no, amountFen: 1, reason: '再退', requestId: 'refund-part-3' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_REFUNDABLE' },
    });
  });

  it('reuses the out_refund_no on a retry and refunds once', async () => {
    const no = await paidOrder('r-retry', 'p6');
    const payload = { outTradeNo: no, amountFen: 600, reason: '用户申请', requestId: 'refund-retry-1' };
    const [a, b] = await Promise.all([refund(payload), refund(payload)]);
    expect(a.data.outRefundNo).toBe(b.data.outRefundNo);
    await stack.sandbox.settle();
    expect(stack.sandbox.state.refunds.has(a.data.outRefundNo)).toBe(true);
    expect([...stack.sandbox.state.refunds.values()].filter((r) => r.outTradeNo === no)).toHaveLength(1);
    expect(await balanceOf('r-retry')).toBe(0);
    expect(await refund({ ...payload, amountFen: 500 })).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_CONFLICT' } });
  });

  it('never refunds more than the user has left, nor more than was paid', async () => {
    const no = await paidOrder('r-spent', 'p6');
    await ok(stack, 'admin', 'boss', 'users.adjust', {
      openid: 'r-spent',
      amount: -5_000_000,
      reason: '模拟已消费',
      requestId: 'spent-0001',
    });
    expect(await refund({ outTradeNo: no, amountFen: 600, reason: '全额', requestId: 'refund-spent-1' })).toMatchObject({
      ok: false,
      error: { code: 'REFUND_EXCEEDS_BALANCE' },
    });
    expect(await refund({ outTradeNo: no, amountFen: 601, reason: '超额', requestId: 'refund-spent-2' })).toMatchObject({
      ok: false,
      error: { code: 'REFUND_EXCEEDS_PAID' },
    });
    expect(await balanceOf('r-spent')).toBe(1_000_000);
  });

  it('restores the balance when WeChat Pay reports the refund failed', async () => {
    const no = await paidOrder('r-fail', 'p6');
    stack.sandbox.state.settings.refundOutcome = 'ABNORMAL';
    const res = await refund({ outTradeNo: no, amountFen: 600, reason: '退款失败演练', requestId: 'refund-fail-1' });
    expect(res.ok).toBe(true);
    expect(await balanceOf('r-fail')).toBe(0);
    await stack.sandbox.settle();
    stack.sandbox.state.settings.refundOutcome = 'SUCCESS';
    expect(await balanceOf('r-fail')).toBe(6_000_000);
    expect(stack.local.store.peek(ORDERS, no)).toMatchObject({ status: 'PAID', refundedFen: 0, refundingFen: 0 });
  });

  it('is for merchants only', async () => {
    const no = await paidOrder('r-self', 'p6');
    expect(
      await call(stack, 'admin', 'r-self', 'orders.refund', {
        outTradeNo: no,
        amountFen: 600,
        reason: '自己退',
        requestId: 'refund-self-1',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('timer', () => {
  it('closes an expired unpaid order at WeChat Pay first, then here', async () => {
    const { created } = await newOrder('expired');
    const past = new Date(Date.now() - 60 * 60_000);
    await stack.local.engine.send('database.modifyDocument', {
      collectionName: ORDERS,
      queryType: 'DOC',
      query: JSON.stringify({ _id: created.outTradeNo }),
      data: JSON.stringify({ $set: { expiresAt: { $date: past.toISOString() }, createdAt: { $date: past.toISOString() } } }),
      merge: true,
      multi: false,
      upsert: false,
    });
    const report = (await (await fetch(`${stack.base}/timer/cron`, { method: 'POST' })).json()) as { ok: boolean };
    expect(report.ok).toBe(true);
    expect(stack.sandbox.state.orders.get(created.outTradeNo)!.state).toBe('CLOSED');
    expect(stack.local.store.peek(ORDERS, created.outTradeNo)).toMatchObject({ status: 'CLOSED' });
    await confirmPayment(stack, created.outTradeNo);
    expect(await balanceOf('expired')).toBe(0);
  });
});

describe('the sandbox and the channel check each other', () => {
  it('the sandbox refuses a request that is not signed by the merchant key', async () => {
    const res = await fetch(
      `${stack.base}/sandbox/wechatpay/v3/pay/transactions/out-trade-no/Q123456?mchid=${stack.sandbox.identity.mchid}`,
      {
        headers: {
          authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${stack.sandbox.identity.mchid}",nonce_str="n",timestamp="${Math.floor(Date.now() / 1000)}",serial_no="${stack.sandbox.identity.merchant.serial}",signature="AAAA"`,
        },
      },
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'SIGN_ERROR' });
  });

  it('the channel refuses an answer not signed by WeChat Pay', async () => {
    const { generateKeyPairSync, createPublicKey } = await import('node:crypto');
    const { createV3Channel } = await import('../../shared/payments/channels/v3');
    const { loadPaymentsConfig } = await import('../../shared/payments/config');
    const { nodeHttpClient } = await import('../../shared/platform/http-client');
    const { systemClock } = await import('../../shared/platform/clock');
    const { randomIds } = await import('../../shared/platform/ids');
    const config = loadPaymentsConfig(process.env);
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const channel = createV3Channel(
      config,
      {
        ...config.v3!,
        verifiers: new Map([
          [stack.sandbox.identity.platform.publicKeyId, createPublicKey(stranger.export({ type: 'spki', format: 'pem' }))],
        ]),
      },
      nodeHttpClient,
      systemClock,
      randomIds,
    );
    const { created } = await newOrder('verify-response');
    await expect(channel.query(created.outTradeNo)).rejects.toThrow(/response signature rejected/);
  });
});
