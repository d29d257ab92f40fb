// 充值订单: several statuses, a partial refund (one done, one failed) under its order.
import { daysAgo, fakeBackend, today } from '../fake-backend.mjs';

const order = (outTradeNo, status, createdAt, extra = {}) => ({
  outTradeNo,
  title: '充值 ¥30',
  amountFen: 3000,
  bonusFen: 100,
  status,
  channel: 'v3',
  refundedFen: 0,
  createdAt,
  refunds: [],
  ...extra,
});

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, {
    'orders.list': {
      orders: [
        order('Q20261122200501A7F3', 'CREATED', today(20, 5), { title: '充值 ¥6', amountFen: 600, bonusFen: 0 }),
        order('Q20261122093000B2C1', 'PAID', today(9, 30), { paidAt: today(9, 30) }),
        order('Q20261121180000C9D8', 'PARTIALLY_REFUNDED', daysAgo(1, 18), {
          title: '充值 ¥98',
          amountFen: 9800,
          bonusFen: 500,
          refundedFen: 1000,
          refunds: [
            {
              outRefundNo: 'R20261121190000A1',
              amountFen: 1000,
              status: 'SUCCESS',
              reason: '用户申请',
              createdAt: daysAgo(1, 19),
              finishedAt: daysAgo(1, 19, 2),
            },
            { outRefundNo: 'R20261122080000B2', amountFen: 2000, status: 'FAILED', reason: '用户申请', createdAt: today(8) },
          ],
        }),
        order('Q20261118100000D4E5', 'CLOSED', daysAgo(4, 10), { title: '充值 ¥6', amountFen: 600, bonusFen: 0 }),
        order('Q20251201100000E6F7', 'REFUNDED', new Date(2025, 11, 1, 10).toISOString(), { refundedFen: 3000 }),
      ],
      nextCursor: null,
    },
  });
  await page.load();
  await sleep(20);
}
