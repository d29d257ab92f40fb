import { markdownAnswer, msg, ready } from './fixtures.mjs';

// A conversation with Markdown answers, their AI label, cost and actions.
export default async ({ page }) =>
  ready(
    page,
    [
      msg({
        text: '帮我写一封请假邮件：我叫张伟，手机 13812345678，11月24日到26日回老家。',
        sent: '帮我写一封请假邮件：我叫[PERSON_1]，手机 [PHONE_1]，11月24日到26日回老家。',
        reply: markdownAnswer,
        cost: 3100,
      }),
      msg({
        text: '再短一点',
        sent: '再短一点',
        reply: '王经理您好：我想在 **11月24日至26日** 请假三天回老家，工作已交接。谢谢！',
        cost: 42,
      }),
    ],
    null,
    { balanceText: '余额 ¥12.34' },
  );
