import { msg, ready } from './fixtures.mjs';

// A provider failure kept on its message with its own 重试 (what is typed next is a new request).
export default async ({ page }) =>
  ready(page, [
    msg({ text: '帮我总结这篇文章', sent: '帮我总结这篇文章', reply: '好的，这篇文章讲了三件事……' }),
    msg({
      text: '再翻译成英文',
      sent: '再翻译成英文',
      status: 'failed',
      reply: '',
      cost: undefined,
      error: { code: 'PROVIDER_UNAVAILABLE', message: '模型服务暂时不可用，请稍后重试（未扣费）' },
    }),
  ]);
