import { msg, ready } from './fixtures.mjs';

// After 重新生成: the newest version shown, ‹ 2/2 › to see the earlier one.
export default async ({ page }) => {
  const first = msg({ text: '给我讲个冷笑话', sent: '给我讲个冷笑话', reply: '为什么海是蓝的？因为鱼在水里吐泡泡：blue blue blue。' });
  const second = msg({
    text: first.text,
    sent: first.sent,
    versionOf: first.messageId,
    reply: '企鹅为什么不怕冷？因为它们穿着燕尾服，随时准备参加“冷”餐会。',
    cost: 2700,
  });
  await ready(page, [{ ...first, supersededBy: second.messageId }, second]);
};
