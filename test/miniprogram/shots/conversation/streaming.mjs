import { msg, ready } from './fixtures.mjs';

// Mid-answer: the typing cursor, 停止 in the composer, no actions yet.
export default async ({ page }) => {
  await ready(page, [
    msg({ text: '复利是什么？', sent: '复利是什么？', reply: '复利就是“利滚利”。' }),
    msg({
      text: '举个存钱的例子',
      sent: '举个存钱的例子',
      status: 'streaming',
      reply: '假设你存入 **10,000 元**，年利率 3%：\n\n- 第一年末：10,300 元\n- 第二年末：10,609 元',
      cost: undefined,
    }),
  ]);
  page.setData({ sending: true, turns: page.turnsNow(true) });
};
