import * as path from 'node:path';
import { simulate } from '../support/page';
import { settle } from '../support/fake-api';
import { wxm } from '../support/wx';
import {
  AGREE_BUTTON_ID,
  ensurePrivacyAuthorized,
  installPrivacyAuthorization,
  onNeedPrivacyAuthorization,
  openPrivacyContract,
  type PrivacyResolve,
} from '../../../miniprogram/utils/privacy-authorize';

type PrivacyWx = {
  onNeedPrivacyAuthorization?: jest.Mock;
  requirePrivacyAuthorize?: jest.Mock;
  openPrivacyContract?: jest.Mock;
  getPrivacySetting?: jest.Mock;
  navigateBack?: jest.Mock;
};
const w = wx as unknown as PrivacyWx;

afterEach(() => {
  delete w.onNeedPrivacyAuthorization;
  delete w.requirePrivacyAuthorize;
  delete w.openPrivacyContract;
  delete w.getPrivacySetting;
  jest.clearAllMocks();
});

const root = path.resolve(__dirname, '../../../miniprogram');
let componentId: string | undefined;
function renderPopup() {
  componentId ??= simulate.load(path.join(root, 'components/privacy-popup/index'), { rootPath: root, compiler: 'simulate' });
  const popup = simulate.render(componentId);
  popup.attach(document.createElement('parent-wrapper'));
  return popup;
}

describe('privacy authorization (wx.onNeedPrivacyAuthorization)', () => {
  it('registers the listener once where the base library has it', () => {
    expect(installPrivacyAuthorization()).toBe(false);
    w.onNeedPrivacyAuthorization = jest.fn();
    expect(installPrivacyAuthorization()).toBe(true);
    expect(w.onNeedPrivacyAuthorization).toHaveBeenCalledWith(onNeedPrivacyAuthorization);
  });

  it('the popup on screen opens; 同意 resolves every pending call with the agree button id', async () => {
    w.getPrivacySetting = jest.fn((o: { success: (r: object) => void }) =>
      o.success({ needAuthorization: true, privacyContractName: '《桥隐私保护指引》' }),
    );
    const popup = renderPopup();
    expect(popup.querySelector('.privacy-mask')).toBeFalsy();
    const first = jest.fn<void, Parameters<PrivacyResolve>>();
    const second = jest.fn<void, Parameters<PrivacyResolve>>();
    onNeedPrivacyAuthorization(first, { referrer: 'setClipboardData' });
    onNeedPrivacyAuthorization(second, { referrer: 'button.chooseAvatar' });
    await settle();
    expect(popup.querySelector('.privacy-mask')).toBeTruthy();
    expect(popup.dom!.textContent).toContain('《桥隐私保护指引》');
    expect(first).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    popup.querySelector(`#${AGREE_BUTTON_ID}`)!.dispatchEvent('agreeprivacyauthorization');
    await settle();
    expect(first).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    expect(second).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    expect(popup.querySelector('.privacy-mask')).toBeFalsy();
    popup.detach();
  });

  it('拒绝 answers disagree; the link opens the 隐私保护指引, or our policy where WeChat cannot', async () => {
    const popup = renderPopup();
    const resolve = jest.fn<void, Parameters<PrivacyResolve>>();
    onNeedPrivacyAuthorization(resolve, {});
    await settle();
    expect(popup.dom!.textContent).toContain('《桥小程序隐私保护指引》');
    popup.querySelector('.privacy-link')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/legal/index?doc=privacy' });
    w.openPrivacyContract = jest.fn();
    popup.querySelector('.privacy-link')!.dispatchEvent('tap');
    await settle();
    expect(w.openPrivacyContract).toHaveBeenCalled();
    popup.querySelector('.privacy-btn--plain')!.dispatchEvent('tap');
    await settle();
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(popup.querySelector('.privacy-mask')).toBeFalsy();
    popup.detach();
  });

  it('a page closed with the popup open declines, so the gated call does not hang', async () => {
    const popup = renderPopup();
    const resolve = jest.fn<void, Parameters<PrivacyResolve>>();
    onNeedPrivacyAuthorization(resolve, {});
    await settle();
    popup.detach();
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
  });

  it('a page without a popup declines and says where to agree', () => {
    const resolve = jest.fn<void, Parameters<PrivacyResolve>>();
    onNeedPrivacyAuthorization(resolve, {});
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ icon: 'none' }));
  });
});

describe('ensurePrivacyAuthorized', () => {
  it('is true on base libraries without a privacy check', async () => {
    await expect(ensurePrivacyAuthorized()).resolves.toBe(true);
  });

  it('follows wx.requirePrivacyAuthorize', async () => {
    w.requirePrivacyAuthorize = jest.fn((o: { success: () => void }) => o.success());
    await expect(ensurePrivacyAuthorized()).resolves.toBe(true);
    w.requirePrivacyAuthorize = jest.fn((o: { fail: () => void }) => o.fail());
    await expect(ensurePrivacyAuthorized()).resolves.toBe(false);
  });

  it('openPrivacyContract falls back when WeChat fails to open it', () => {
    const fallback = jest.fn();
    w.openPrivacyContract = jest.fn((o: { fail: () => void }) => o.fail());
    openPrivacyContract(fallback);
    expect(fallback).toHaveBeenCalled();
  });
});
