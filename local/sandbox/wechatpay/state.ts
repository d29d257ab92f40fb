import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RefundState, TradeState } from '../../../shared/payments/wechatpay-states';

/** What the sandbox remembers, as WeChat Pay would: orders and refunds, persisted beside the database. */
export interface SandboxOrder {
  api: 'v3' | 'v2' | 'cloudpay';
  outTradeNo: string;
  appid: string;
  mchid: string;
  openid: string;
  amountFen: number;
  description: string;
  notifyUrl: string;
  prepayId: string;
  state: Extract<TradeState, 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'>;
  transactionId?: string;
  successTime?: string;
}

export interface SandboxRefund {
  api: 'v3' | 'v2' | 'cloudpay';
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  amountFen: number;
  totalFen: number;
  status: Exclude<RefundState, 'NOT_FOUND'>;
  notifyUrl: string;
}

export interface SandboxSettings {
  /** What refunds end as (tests use CLOSED / ABNORMAL to exercise the restore path). */
  refundOutcome: Exclude<RefundState, 'NOT_FOUND' | 'PROCESSING'>;
  /** Drop every notification: the lost-notification path. */
  dropNotifications: boolean;
  /** Multiplies WeChat Pay's retry schedule (15 s, 15 s, 30 s, …); 0.001 turns seconds into milliseconds. */
  timeScale: number;
}

export class SandboxState {
  orders = new Map<string, SandboxOrder>();
  refunds = new Map<string, SandboxRefund>();
  settings: SandboxSettings = { refundOutcome: 'SUCCESS', dropNotifications: false, timeScale: 0.001 };
  private counter = 0;

  constructor(private readonly file?: string) {
    if (file && fs.existsSync(file)) {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { orders: SandboxOrder[]; refunds: SandboxRefund[]; counter: number };
      for (const o of saved.orders) this.orders.set(o.outTradeNo, o);
      for (const r of saved.refunds) this.refunds.set(r.outRefundNo, r);
      this.counter = saved.counter;
    }
  }

  static open(dataDir: string | undefined): SandboxState {
    return new SandboxState(dataDir ? path.join(dataDir, 'sandbox-wechatpay-state.json') : undefined);
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${Date.now()}${String(this.counter).padStart(6, '0')}`;
  }

  save(): void {
    if (!this.file) return;
    fs.writeFileSync(
      this.file,
      JSON.stringify({ orders: [...this.orders.values()], refunds: [...this.refunds.values()], counter: this.counter }),
    );
  }
}
