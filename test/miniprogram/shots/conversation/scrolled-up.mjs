import { msg, ready } from './fixtures.mjs';

// A long conversation, read from above while the answer is written: 回到最新, and more above.
export default async ({ page }) => {
  const messages = Array.from({ length: 6 }, (_, i) =>
    msg({
      text: `第 ${i + 1} 个问题：帮我解释一下这个概念`,
      sent: `第 ${i + 1} 个问题：帮我解释一下这个概念`,
      reply: `这是第 ${i + 1} 个回答。它分几点说明：\n\n1. 先讲定义\n2. 再举例子\n3. 最后总结`,
    }),
  );
  await ready(page, messages, 'cursor-1');
  page.setData({ atBottom: false });
};
