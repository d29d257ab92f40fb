import { needText, packagesView, parseNeed, refreshResult, screenOf, successScreen } from '../../../miniprogram/pages/topup/model';

describe('top-up page model', () => {
  it('reads ?need= as a positive number of micro-yuan, or nothing', () => {
    expect(parseNeed('3100')).toBe(3100);
    for (const bad of [undefined, '', '0', '-5', '1.5', 'abc', '1e9', '9'.repeat(16)]) expect(parseNeed(bad)).toBeNull();
  });

  it('says what the conversation needs, as a cost', () => {
    expect(needText(3_100)).toBe('继续这次对话还需 ¥0.0031');
    expect(needText(50)).toBe('继续这次对话还需 不足 ¥0.0001');
    expect(needText(null)).toBe('');
  });

  it('shows packages with price, bonus and what arrives', () => {
    expect(
      packagesView({
        packages: [
          { id: 'p6', title: '充值 ¥6', amountFen: 600 },
          { id: 'p30', title: '充值 ¥30', amountFen: 3000, bonusFen: 100 },
        ],
      }),
    ).toEqual([
      { id: 'p6', priceText: '¥6.00', bonusText: '', totalText: '到账 ¥6.00' },
      { id: 'p30', priceText: '¥30.00', bonusText: '送 ¥1.00', totalText: '到账 ¥31.00' },
    ]);
  });

  it('turns each outcome into its result screen', () => {
    expect(screenOf({ kind: 'cancelled' })).toEqual({ kind: 'cancelled' });
    expect(screenOf({ kind: 'failed', message: '支付未配置' })).toEqual({ kind: 'failed', message: '支付未配置' });
    expect(screenOf({ kind: 'pending', outTradeNo: 'Q1234567' })).toEqual({
      kind: 'confirming',
      outTradeNo: 'Q1234567',
      refreshing: false,
    });
    expect(successScreen(36_999_999)).toEqual({ kind: 'success', balanceText: '¥36.99' });
    expect(successScreen(null)).toEqual({ kind: 'success', balanceText: '' });
  });

  it('reads a refreshed order', () => {
    expect(refreshResult('PAID')).toBe('paid');
    expect(refreshResult('PARTIALLY_REFUNDED')).toBe('paid');
    expect(refreshResult('CLOSED')).toBe('closed');
    expect(refreshResult('CREATED')).toBe('pending');
  });
});
