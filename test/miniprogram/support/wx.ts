/**
 * A `wx` for tests: every API the app uses, as jest mocks with harmless defaults. Tests override
 * what they exercise (`wx.request`, `wx.showModal`…) and read the calls back.
 */
const noop = () => undefined;
const wxMock = {
  request: jest.fn(),
  // An older base library by default: no chunked requests, so pages take the polling path unless a test says otherwise.
  canIUse: jest.fn((_schema: string) => false),
  getAppBaseInfo: jest.fn(() => ({ SDKVersion: '3.15.1' })),
  cloud: { init: jest.fn(), callFunction: jest.fn(), callHTTPFunction: jest.fn() },
  getSystemInfoSync: jest.fn(() => ({ platform: 'android', safeArea: { bottom: 800 }, windowHeight: 812 })),
  showModal: jest.fn((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) =>
    o.success?.({ confirm: true, cancel: false }),
  ),
  showToast: jest.fn(),
  showLoading: jest.fn(),
  hideLoading: jest.fn(),
  requestPayment: jest.fn(),
  navigateTo: jest.fn(),
  redirectTo: jest.fn(),
  switchTab: jest.fn(),
  reLaunch: jest.fn(),
  stopPullDownRefresh: jest.fn(),
  setClipboardData: jest.fn((o: { success?: () => void }) => o.success?.()),
  pageScrollTo: jest.fn(),
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  getStorageSync: jest.fn(() => ''),
  setStorageSync: jest.fn(noop),
};
(globalThis as unknown as { wx: typeof wxMock }).wx = wxMock;
export type WxMock = typeof wxMock;
export const wxm = wxMock;
