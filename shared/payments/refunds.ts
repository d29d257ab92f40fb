import { createHash } from 'node:crypto';
import { ORDER_STATUS_LABELS, type OrderStatus, type RefundStatus } from '../contracts/payments';
import { fenToMicro } from '../money/amount';
import type { PaymentsDeps } from './deps';
import { getDoc, inTransaction } from '../platform/database';
import { AppError } from '../platform/errors';
import { refundDebitTx, refundRestoreTx } from '../wallet/operations';
import { requirePayments } from './mark-paid';
import { ORDERS, REFUNDS, type OrderDoc, type RefundDoc } from './documents';
import type { RefundFacts } from './types';

/** Derived from the merchant's requestId and the order, so a retried request reuses the same number. */
export function outRefundNoFor(outTradeNo: string, requestId: string): string {
  return `RF${createHash('sha256').update(`${outTradeNo}\u0000${requestId}`).digest('hex').slice(0, 30)}`;
}

/** The wallet debit of a refund: the fen refunded plus the same share of the package's bonus. */
export function refundDebitMicro(order: OrderDoc, refundFen: number): number {
  const bonusShare = Math.floor((order.bonusFen * refundFen) / order.amountFen);
  return fenToMicro(refundFen + bonusShare);
}

export interface RefundResult {
  outRefundNo: string;
  status: RefundStatus;
  amountFen: number;
  orderStatus: OrderStatus;
}

/**
 * A merchant refunds (part of) a paid order. First, in ONE transaction: the refund is recorded as
 * PROCESSING, counted against the order, and its amount debited from the user's unspent balance
 * (never more than the user still has, never more than was paid and not yet refunded). Then WeChat
 * Pay is asked, with the deterministic out_refund_no; its answer, a refund notification or the timer
 * finishes the refund (SUCCESS) or restores the balance (CLOSED / ABNORMAL).
 */
export async function refundOrder(
  deps: PaymentsDeps,
  a: { outTradeNo: string; amountFen: number; reason: string; requestId: string; actor: string },
): Promise<RefundResult> {
  requirePayments(deps); // fail with CONFIG_INVALID before touching the wallet
  const outRefundNo = outRefundNoFor(a.outTradeNo, a.requestId);
  const now = deps.clock.now();

  const refund = await inTransaction(deps.db, async (tx) => {
    const existing = await tx.get<RefundDoc>(REFUNDS, outRefundNo);
    if (existing) {
      if (existing.amountFen !== a.amountFen) throw new AppError('IDEMPOTENCY_CONFLICT', '该请求编号已用于另一笔退款');
      return existing;
    }
    const order = await tx.get<OrderDoc>(ORDERS, a.outTradeNo);
    if (!order) throw new AppError('NOT_FOUND', '找不到这笔订单');
    if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED') {
      throw new AppError('ORDER_NOT_REFUNDABLE', `这笔订单${ORDER_STATUS_LABELS[order.status]}，不能退款`, { status: order.status });
    }
    const refundable = order.amountFen - order.refundedFen - order.refundingFen;
    if (a.amountFen > refundable) {
      throw new AppError('REFUND_EXCEEDS_PAID', `最多可退 ¥${(refundable / 100).toFixed(2)}`, { refundableFen: refundable });
    }
    const debitMicro = refundDebitMicro(order, a.amountFen);
    await refundDebitTx(tx, { openid: order.openid, amount: debitMicro, outRefundNo }, now);
    const doc: RefundDoc = {
      _id: outRefundNo,
      outTradeNo: order._id,
      openid: order.openid,
      channel: order.channel,
      amountFen: a.amountFen,
      debitMicro,
      reason: a.reason,
      requestId: a.requestId,
      requestedBy: a.actor,
      status: 'PROCESSING',
      createdAt: now,
      updatedAt: now,
    };
    await tx.set(REFUNDS, outRefundNo, { ...doc });
    await tx.update(ORDERS, order._id, { refundingFen: tx.inc(a.amountFen), updatedAt: now });
    return doc;
  });

  if (refund.status === 'PROCESSING') await sendRefund(deps, refund);
  return refundResult(deps, outRefundNo);
}

async function refundResult(deps: PaymentsDeps, outRefundNo: string): Promise<RefundResult> {
  const refund = (await getDoc<RefundDoc>(deps.db, REFUNDS, outRefundNo))!;
  const order = (await getDoc<OrderDoc>(deps.db, ORDERS, refund.outTradeNo))!;
  return { outRefundNo, status: refund.status, amountFen: refund.amountFen, orderStatus: order.status };
}

/** Asks WeChat Pay to refund (again, with the same number: safe) and applies an immediate outcome. */
export async function sendRefund(deps: PaymentsDeps, refund: RefundDoc): Promise<void> {
  const payments = requirePayments(deps);
  const channel = payments.channel(refund.channel);
  if (!channel) return;
  const order = (await getDoc<OrderDoc>(deps.db, ORDERS, refund.outTradeNo))!;
  let facts: RefundFacts;
  try {
    facts = await channel.refund({
      outTradeNo: refund.outTradeNo,
      outRefundNo: refund._id,
      refundFen: refund.amountFen,
      totalFen: order.amountFen,
      reason: refund.reason,
    });
  } catch (error) {
    // Unknown outcome: the refund stays PROCESSING and the timer asks WeChat Pay about it.
    deps.log.warn('refund_request_failed', {
      channel: refund.channel,
      error: error instanceof Error ? error.message.slice(0, 160) : 'unknown',
    });
    return;
  }
  await applyRefundOutcome(deps, { ...facts, outRefundNo: refund._id });
}

/**
 * Finishes a refund from a verified outcome, once: SUCCESS moves the amount from refunding to
 * refunded (and the order to PARTIALLY_REFUNDED or REFUNDED); CLOSED / ABNORMAL gives the debit back
 * to the wallet. Amount and status change in one transaction. PROCESSING changes nothing.
 */
export async function applyRefundOutcome(deps: PaymentsDeps, facts: RefundFacts): Promise<'finished' | 'restored' | 'unchanged'> {
  if (facts.status !== 'SUCCESS' && facts.status !== 'CLOSED' && facts.status !== 'ABNORMAL') return 'unchanged';
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const refund = await tx.get<RefundDoc>(REFUNDS, facts.outRefundNo);
    if (!refund) throw new AppError('NOT_FOUND', '找不到这笔退款', { outRefundNo: facts.outRefundNo });
    if (refund.status !== 'PROCESSING') return 'unchanged';
    if (facts.refundFen !== undefined && facts.refundFen !== refund.amountFen)
      throw new AppError('INVALID_INPUT', '退款金额与记录不一致', { field: 'refundFen' });
    const order = (await tx.get<OrderDoc>(ORDERS, refund.outTradeNo))!;
    if (facts.status === 'SUCCESS') {
      const refundedFen = order.refundedFen + refund.amountFen;
      await tx.update(ORDERS, order._id, {
        refundedFen,
        refundingFen: order.refundingFen - refund.amountFen,
        status: refundedFen >= order.amountFen ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
        updatedAt: now,
      });
      await tx.update(REFUNDS, refund._id, {
        status: 'SUCCESS',
        channelStatus: facts.status,
        refundId: facts.refundId ?? '',
        finishedAt: now,
        updatedAt: now,
      });
      return 'finished';
    }
    await tx.update(ORDERS, order._id, { refundingFen: order.refundingFen - refund.amountFen, updatedAt: now });
    await tx.update(REFUNDS, refund._id, { status: 'FAILED', channelStatus: facts.status, finishedAt: now, updatedAt: now });
    await refundRestoreTx(tx, { openid: refund.openid, outRefundNo: refund._id }, now);
    return 'restored';
  });
}
