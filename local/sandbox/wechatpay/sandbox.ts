import { randomBytes } from 'node:crypto';
import type * as http from 'node:http';
import { v2Sign, v2Verify } from '../../../shared/payments/crypto/v2-sign';
import { parseAuthorization, requestMessage, verifySha256Rsa } from '../../../shared/payments/crypto/v3-signature';
import { buildFlatXml, parseFlatXml } from '../../../shared/payments/crypto/xml';
import type { RouteHandler } from '../../host/server';
import type { SandboxIdentity } from './identity';
import { deliver, paymentDelivery, refundDelivery, v3RefundResource, v3Signed, v3TransactionResource } from './notifier';
import type { SandboxOrder, SandboxRefund, SandboxSettings, SandboxState } from './state';
import { v2RefundWord } from '../../../shared/payments/wechatpay-states';

export const SANDBOX_PREFIX = '/sandbox/wechatpay';

/**
 * A local WeChat Pay for development: speaks API v3 and v2 as WeChat Pay does — it checks the
 * merchant's request signatures, signs its answers, and sends signed, encrypted notifications with
 * the real retry schedule (compressed). `POST /sandbox/wechatpay/confirm` plays the payer. Never
 * deployed; nothing in shared/ depends on it.
 */
export class WechatPaySandbox {
  /** Deliveries in flight, so tests can wait for them. */
  readonly pending = new Set<Promise<number>>();

  constructor(
    readonly identity: SandboxIdentity,
    readonly state: SandboxState,
  ) {}

  route: RouteHandler = async (req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname.slice(SANDBOX_PREFIX.length) || '/';
    try {
      if (path.startsWith('/v3/')) return await this.v3(req, path, url.search, body, res);
      if (path === '/confirm' && req.method === 'POST')
        return this.send(res, 200, await this.confirm(JSON.parse(body.toString('utf8') || '{}')));
      if (path === '/settings' && req.method === 'POST') {
        Object.assign(this.state.settings, JSON.parse(body.toString('utf8') || '{}') as Partial<SandboxSettings>);
        return this.send(res, 200, this.state.settings);
      }
      if (path === '/orders' && req.method === 'GET') return this.send(res, 200, [...this.state.orders.values()]);
      if (req.method === 'POST') return this.v2(path, body, res);
      return this.send(res, 404, { code: 'NOT_FOUND', message: `no sandbox route ${path}` });
    } catch (error) {
      return this.send(res, 400, { code: 'PARAM_ERROR', message: error instanceof Error ? error.message : 'bad request' });
    }
  };

  private send(res: http.ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
    const text = status === 204 ? '' : JSON.stringify(json);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  }

  /** v3 answers are signed by "WeChat Pay" (the platform key), like the real API's. */
  private sendSigned(res: http.ServerResponse, status: number, json: unknown): void {
    const text = status === 204 ? '' : JSON.stringify(json);
    res.writeHead(status, v3Signed(this.identity, text));
    res.end(text);
  }

  // ---- the payer --------------------------------------------------------------------------

  async confirm(input: {
    outTradeNo?: string;
    outcome?: string;
    duplicates?: number;
  }): Promise<{ ok: boolean; state?: string; message?: string }> {
    const order = this.state.orders.get(String(input.outTradeNo));
    if (!order) return { ok: false, message: 'ORDER_NOT_EXIST' };
    if (input.outcome === 'CANCEL') return { ok: true, state: order.state };
    if (order.state === 'CLOSED') return { ok: false, message: 'ORDER_CLOSED' };
    if (order.state === 'NOTPAY') {
      order.state = 'SUCCESS';
      order.transactionId = this.state.nextId('4200');
      order.successTime = new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
      this.state.save();
    }
    const copies = Math.max(1, Math.min(100, Number(input.duplicates ?? 1)));
    for (let i = 0; i < copies; i++) this.track(this.notifyPayment(order));
    return { ok: true, state: order.state };
  }

  private track(p: Promise<number>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Waits until every notification in flight was accepted or given up on. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private notifyPayment(order: SandboxOrder): Promise<number> {
    if (order.api === 'cloudpay')
      return this.cloudPayCallback({
        outTradeNo: order.outTradeNo,
        resultCode: 'SUCCESS',
        returnCode: 'SUCCESS',
        totalFee: order.amountFen,
        subMchId: order.mchid,
        subOpenid: order.openid,
        transactionId: order.transactionId,
      });
    return deliver(this.state, () => paymentDelivery(this.identity, order));
  }

  /** Set by the local stack: the openid of the invocation calling cloudPay (cloudPay takes it from the context). */
  currentOpenid: () => string = () => '';

  /** Set by the local stack: invokes the cloudPayNotify function as cloudPay would. */
  cloudPayCallback: (event: Record<string, unknown>) => Promise<number> = async () => 0;

  createRefund(api: SandboxOrder['api'], order: SandboxOrder, outRefundNo: string, amountFen: number, notifyUrl: string): SandboxRefund {
    const existing = this.state.refunds.get(outRefundNo);
    if (existing) return existing; // the same out_refund_no again is the same refund
    const refunded = [...this.state.refunds.values()]
      .filter((r) => r.outTradeNo === order.outTradeNo && r.status !== 'CLOSED' && r.status !== 'ABNORMAL')
      .reduce((s, r) => s + r.amountFen, 0);
    if (refunded + amountFen > order.amountFen) throw new Error('NOT_ENOUGH: refund exceeds the paid amount');
    const refund: SandboxRefund = {
      api,
      outRefundNo,
      outTradeNo: order.outTradeNo,
      refundId: this.state.nextId('5030'),
      amountFen,
      totalFen: order.amountFen,
      status: 'PROCESSING',
      notifyUrl,
    };
    this.state.refunds.set(outRefundNo, refund);
    this.state.save();
    // The bank takes a moment; then the outcome chosen in the settings, and a notification.
    this.track(
      new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => {
        refund.status = this.state.settings.refundOutcome;
        if (refund.status === 'SUCCESS') order.state = 'REFUND';
        this.state.save();
        if (api === 'cloudpay') return this.cloudPayCallback({ outTradeNo: order.outTradeNo, outRefundNo, refundStatus: refund.status });
        return deliver(this.state, () => refundDelivery(this.identity, refund));
      }),
    );
    return refund;
  }

  // ---- API v3 -------------------------------------------------------------------------------

  private verifyMerchant(req: http.IncomingMessage, path: string, search: string, body: Buffer): string | null {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) return 'missing or malformed Authorization';
    if (auth.mchid !== this.identity.mchid) return 'unknown mchid';
    if (auth.serial_no !== this.identity.merchant.serial) return 'unknown merchant certificate serial';
    if (Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > 300) return 'request timestamp expired';
    const message = requestMessage(
      req.method ?? 'GET',
      `${path}${search}`,
      auth.timestamp ?? '',
      auth.nonce_str ?? '',
      body.toString('utf8'),
    );
    return verifySha256Rsa(message, auth.signature ?? '', this.identity.merchant.publicKey) ? null : 'signature mismatch';
  }

  private async v3(req: http.IncomingMessage, path: string, search: string, body: Buffer, res: http.ServerResponse): Promise<void> {
    const problem = this.verifyMerchant(req, path, search, body);
    if (problem) return this.send(res, 401, { code: 'SIGN_ERROR', message: problem });
    // Request bodies of many shapes; each field the sandbox reads is checked where it is read.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, any>) : {};
    let m: RegExpExecArray | null;

    if (path === '/v3/pay/transactions/jsapi' && req.method === 'POST') {
      if (json.appid !== this.identity.appid || json.mchid !== this.identity.mchid)
        return this.send(res, 400, { code: 'PARAM_ERROR', message: 'appid/mchid mismatch' });
      if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(String(json.out_trade_no)))
        return this.send(res, 400, { code: 'PARAM_ERROR', message: 'out_trade_no' });
      const existing = this.state.orders.get(json.out_trade_no);
      if (existing) return this.sendSigned(res, 200, { prepay_id: existing.prepayId });
      const order: SandboxOrder = {
        api: 'v3',
        outTradeNo: json.out_trade_no,
        appid: json.appid,
        mchid: json.mchid,
        openid: json.payer?.openid,
        amountFen: json.amount?.total,
        description: json.description,
        notifyUrl: json.notify_url,
        prepayId: this.state.nextId('wx'),
        state: 'NOTPAY',
      };
      this.state.orders.set(order.outTradeNo, order);
      this.state.save();
      return this.sendSigned(res, 200, { prepay_id: order.prepayId });
    }
    if ((m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const order = this.state.orders.get(decodeURIComponent(m[1]!));
      if (!order) return this.send(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      return this.sendSigned(res, 200, v3TransactionResource(order));
    }
    if ((m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path)) && req.method === 'POST') {
      const order = this.state.orders.get(decodeURIComponent(m[1]!));
      if (!order) return this.send(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      if (order.state === 'SUCCESS') return this.send(res, 400, { code: 'ORDERPAID', message: '订单已支付' });
      order.state = 'CLOSED';
      this.state.save();
      return this.sendSigned(res, 204, null);
    }
    if (path === '/v3/refund/domestic/refunds' && req.method === 'POST') {
      const order = this.state.orders.get(json.out_trade_no);
      if (!order || (order.state !== 'SUCCESS' && order.state !== 'REFUND'))
        return this.send(res, 400, { code: 'INVALID_REQUEST', message: '订单未支付' });
      if (json.amount?.total !== order.amountFen) return this.send(res, 400, { code: 'PARAM_ERROR', message: 'amount.total mismatch' });
      try {
        const refund = this.createRefund('v3', order, json.out_refund_no, json.amount?.refund, json.notify_url);
        return this.sendSigned(res, 200, v3RefundResource(refund, this.identity.mchid));
      } catch (error) {
        return this.send(res, 403, { code: 'NOT_ENOUGH', message: error instanceof Error ? error.message : '' });
      }
    }
    if ((m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const refund = this.state.refunds.get(decodeURIComponent(m[1]!));
      if (!refund) return this.send(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      return this.sendSigned(res, 200, v3RefundResource(refund, this.identity.mchid));
    }
    return this.send(res, 404, { code: 'NOT_FOUND', message: `no v3 route ${req.method} ${path}` });
  }

  // ---- API v2 -------------------------------------------------------------------------------

  private v2(path: string, body: Buffer, res: http.ServerResponse): void {
    const reply = (fields: Record<string, string | number>) => {
      const signed: Record<string, string | number> = {
        return_code: 'SUCCESS',
        return_msg: 'OK',
        appid: this.identity.appid,
        mch_id: this.identity.mchid,
        nonce_str: randomBytes(8).toString('hex'),
        ...fields,
      };
      signed.sign = v2Sign(signed, this.identity.v2Key, 'HMAC-SHA256');
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(buildFlatXml(signed));
    };
    let req: Record<string, string>;
    try {
      req = parseFlatXml(body.toString('utf8'));
    } catch {
      res.writeHead(200, { 'content-type': 'text/xml' });
      return void res.end(buildFlatXml({ return_code: 'FAIL', return_msg: 'XML格式错误' }));
    }
    if (!v2Verify(req, this.identity.v2Key) || req.mch_id !== this.identity.mchid) {
      res.writeHead(200, { 'content-type': 'text/xml' });
      return void res.end(buildFlatXml({ return_code: 'FAIL', return_msg: '签名错误' }));
    }
    const order = this.state.orders.get(req.out_trade_no ?? '');
    const fail = (code: string, des: string) => reply({ result_code: 'FAIL', err_code: code, err_code_des: des });
    switch (path) {
      case '/pay/unifiedorder': {
        if (order) return reply({ result_code: 'SUCCESS', prepay_id: order.prepayId, trade_type: 'JSAPI' });
        const created: SandboxOrder = {
          api: 'v2',
          outTradeNo: req.out_trade_no!,
          appid: req.appid!,
          mchid: req.mch_id!,
          openid: req.openid!,
          amountFen: Number(req.total_fee),
          description: req.body ?? '',
          notifyUrl: req.notify_url!,
          prepayId: this.state.nextId('wx'),
          state: 'NOTPAY',
        };
        this.state.orders.set(created.outTradeNo, created);
        this.state.save();
        return reply({ result_code: 'SUCCESS', prepay_id: created.prepayId, trade_type: 'JSAPI' });
      }
      case '/pay/orderquery':
        if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在');
        return reply({
          result_code: 'SUCCESS',
          out_trade_no: order.outTradeNo,
          trade_state: order.state,
          total_fee: order.amountFen,
          fee_type: 'CNY',
          openid: order.openid,
          transaction_id: order.transactionId ?? '',
          time_end: (order.successTime ?? '').replace(/[-:T]/g, '').slice(0, 14),
        });
      case '/pay/closeorder':
        if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在');
        if (order.state === 'SUCCESS') return fail('ORDERPAID', '订单已支付');
        order.state = 'CLOSED';
        this.state.save();
        return reply({ result_code: 'SUCCESS' });
      case '/secapi/pay/refund': {
        if (!order || (order.state !== 'SUCCESS' && order.state !== 'REFUND')) return fail('TRADE_STATE_ERROR', '订单状态错误');
        try {
          const refund = this.createRefund('v2', order, req.out_refund_no!, Number(req.refund_fee), req.notify_url ?? order.notifyUrl);
          return reply({
            result_code: 'SUCCESS',
            out_refund_no: refund.outRefundNo,
            refund_id: refund.refundId,
            refund_fee: refund.amountFen,
          });
        } catch {
          return fail('NOTENOUGH', '余额不足');
        }
      }
      case '/pay/refundquery': {
        const refund = this.state.refunds.get(req.out_refund_no ?? '');
        if (!refund) return fail('REFUNDNOTEXIST', '退款订单查询失败');
        const status = v2RefundWord(refund.status);
        return reply({
          result_code: 'SUCCESS',
          out_trade_no: refund.outTradeNo,
          refund_count: 1,
          out_refund_no_0: refund.outRefundNo,
          refund_id_0: refund.refundId,
          refund_fee_0: refund.amountFen,
          refund_status_0: status,
        });
      }
      default:
        res.writeHead(404, { 'content-type': 'text/xml' });
        res.end(buildFlatXml({ return_code: 'FAIL', return_msg: 'no such API' }));
    }
  }
}
