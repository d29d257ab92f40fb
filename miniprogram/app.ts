import { appConfig } from './config';

// wx.cloud.init only in cloud mode: the local cloud is reached with wx.request.
App({
  onLaunch() {
    if (appConfig.mode === 'cloud') wx.cloud.init({ env: appConfig.cloudEnv, traceUser: false });
  },
});
