import { appConfig } from './config';
import { installPrivacyAuthorization } from './utils/privacy-authorize';

// wx.cloud.init only in cloud mode: the local cloud is reached with wx.request.
App({
  onLaunch() {
    if (appConfig.mode === 'cloud') wx.cloud.init({ env: appConfig.cloudEnv, traceUser: false });
    // WeChat's privacy authorization (app.json __usePrivacyCheck__): registered once, here; the listener
    // opens the <privacy-popup> of the page on screen.
    installPrivacyAuthorization();
  },
});
