/** Top-ups through WeChat Pay API v2 (XML, HMAC-SHA256 / MD5) on the local cloud. */
import { randomBytes } from 'node:crypto';
import { encryptV2RefundInfo, v2Sign } from '../../shared/payments/crypto/v2-sign';
import { buildFlatXml, parseFlatXml } from '../../shared/payments/crypto/xml';
import { ORDERS } from '../../shared/payments/documents';
import type { LocalStack } from '../../local/stack';
import { call, confirmPayment, ok, startStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startStack({ channel: 'v2', env: { ADMIN_OPENIDS: 'boss' } });
});
afterAll(() => stack.close());

const balanceOf = async (openid: string) => (await ok<{ balance: number }>(stack, 'api', openid, 'wallet.get')).balance;
const newOrder = (openid: string) =>
  ok<{ outTradeNo: string; payment: { signType: string } }>(stack, 'api', openid, 'topup.create', { packageId: 'p6' });

function payNotice(
  outTradeNo: string,
  openid: string,
  edit: (f: Record<string, string | number>) => void = () => undefined,
  signType: 'MD5' | 'HMAC-SHA256' = 'MD5',
) {
  const { identity } = stack.sandbox;
  const fields: Record<string, string | number> = {
    return_code: 'SUCCESS',
    result_code: 'SUCCESS',
    appid: identity.appid,
    mch_id: identity.mchid,
    nonce_str: randomBytes(8).toString('hex'),
    openid,
    trade_type: 'JSAPI',
    total_fee: 600,
    fee_type: 'CNY',
    cash_fee: 600,
    transaction_id: '4200000002',
    out_trade_no: outTradeNo,
    time_end: '20261122120000',
  };
  if (signType === 'HMAC-SHA256') fields.sign_type = 'HMAC-SHA256';
  fields.sign = v2Sign(fields, identity.v2Key, signType);
  edit(fields);
  return buildFlatXml(fields);
}

async function post(xml: string): Promise<{ status: number; code: string | undefined }> {
  const res = await fetch(`${stack.base}/http/payNotify`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
  const text = await res.text();
  return { status: res.status, code: parseFlatXml(text).return_code };
}

it('pays end to end with an HMAC-SHA256 paySign and credits once for duplicates', async () => {
  const created = await newOrder('v2-payer');
  expect(created.payment.signType).toBe('HMAC-SHA256');
  await confirmPayment(stack, created.outTradeNo, 20);
  expect(await balanceOf('v2-payer')).toBe(6_000_000);
  expect(await ok(stack, 'api', 'v2-payer', 'topup.status', { outTradeNo: created.outTradeNo })).toMatchObject({ status: 'PAID' });
});

it('takes the algorithm from sign_type when present, else from the sign length', async () => {
  const a = await newOrder('v2-md5');
  expect(await post(payNotice(a.outTradeNo, 'v2-md5'))).toEqual({ status: 200, code: 'SUCCESS' });
  const b = await newOrder('v2-hmac');
  expect(await post(payNotice(b.outTradeNo, 'v2-hmac', undefined, 'HMAC-SHA256'))).toEqual({ status: 200, code: 'SUCCESS' });
  expect(await balanceOf('v2-md5')).toBe(6_000_000);
  expect(await balanceOf('v2-hmac')).toBe(6_000_000);
});

describe('v2 notification tamper matrix: FAIL, nothing credited', () => {
  const cases: Array<[string, (f: Record<string, string | number>) => void]> = [
    ['bad signature', (f) => (f.sign = String(f.sign).replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))],
    ['changed field after signing', (f) => (f.total_fee = 1)],
    [
      'wrong appid',
      (f) => {
        f.appid = 'wx-other';
        f.sign = v2Sign(f, stack.sandbox.identity.v2Key, 'MD5');
      },
    ],
    [
      'wrong mch_id',
      (f) => {
        f.mch_id = '1999999999';
        f.sign = v2Sign(f, stack.sandbox.identity.v2Key, 'MD5');
      },
    ],
    [
      'wrong amount',
      (f) => {
        f.total_fee = 1;
        f.sign = v2Sign(f, stack.sandbox.identity.v2Key, 'MD5');
      },
    ],
    [
      'wrong currency',
      (f) => {
        f.fee_type = 'USD';
        f.sign = v2Sign(f, stack.sandbox.identity.v2Key, 'MD5');
      },
    ],
    [
      'unknown order',
      (f) => {
        f.out_trade_no = 'Q20990101unknownorder000';
        f.sign = v2Sign(f, stack.sandbox.identity.v2Key, 'MD5');
      },
    ],
    ['signed with another key', (f) => (f.sign = v2Sign(f, 'ffffffffffffffffffffffffffffffff', 'MD5'))],
    [
      'result_code FAIL',
      (f) => {
        f.result_code = 'FAIL';
        f.sign = v2Sign(f, stack.sandbox.identity.v2Key, 'MD5');
      },
    ],
    [
      'unknown sign_type',
      (f) => {
        f.sign_type = 'SHA1';
      },
    ],
  ];
  it.each(cases)('%s', async (name, edit) => {
    const openid = `v2-tamper-${name.replace(/\W/g, '')}`;
    const created = await newOrder(openid);
    const res = await post(payNotice(created.outTradeNo, openid, edit));
    expect(res.code).toBe('FAIL');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await balanceOf(openid)).toBe(0);
    expect(stack.local.store.peek(ORDERS, created.outTradeNo)).toMatchObject({ status: 'CREATED' });
  });

  it('answers malformed XML with FAIL', async () => {
    expect((await fetch(`${stack.base}/http/payNotify`, { method: 'POST', body: '<xml><return_code>' })).status).toBe(400);
  });

  it('rejects a refund notification whose req_info was not encrypted with our key', async () => {
    const info = buildFlatXml({ out_refund_no: 'RFforged', out_trade_no: 'x', refund_status: 'SUCCESS', refund_fee: 600 }, 'root');
    const xml = buildFlatXml({
      return_code: 'SUCCESS',
      appid: stack.sandbox.identity.appid,
      mch_id: stack.sandbox.identity.mchid,
      req_info: encryptV2RefundInfo(info, 'ffffffffffffffffffffffffffffffff'),
    });
    expect((await post(xml)).code).toBe('FAIL');
  });
});

it('refunds through v2 and restores the balance when the refund is closed', async () => {
  const created = await newOrder('v2-refund');
  await confirmPayment(stack, created.outTradeNo);
  stack.sandbox.state.settings.refundOutcome = 'CLOSED';
  expect(
    await call(stack, 'admin', 'boss', 'orders.refund', {
      outTradeNo: created.outTradeNo,
      amountFen: 600,
      reason: '关闭演练',
      requestId: 'v2-refund-closed',
    }),
  ).toMatchObject({ ok: true });
  await stack.sandbox.settle();
  expect(await balanceOf('v2-refund')).toBe(6_000_000);
  stack.sandbox.state.settings.refundOutcome = 'SUCCESS';
  expect(
    await call(stack, 'admin', 'boss', 'orders.refund', {
      outTradeNo: created.outTradeNo,
      amountFen: 600,
      reason: '正式退款',
      requestId: 'v2-refund-ok01',
    }),
  ).toMatchObject({ ok: true });
  await stack.sandbox.settle();
  expect(await balanceOf('v2-refund')).toBe(0);
  expect(stack.local.store.peek(ORDERS, created.outTradeNo)).toMatchObject({ status: 'REFUNDED' });
});
