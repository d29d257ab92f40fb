/**
 * Where the app's backend is. `local` talks to `npm start` (http://127.0.0.1:8787) from the DevTools
 * simulator — tick 「不校验合法域名」 in 详情 → 本地设置; `cloud` calls the deployed functions of `cloudEnv`
 * with wx.cloud.callFunction. Switch to `cloud` (and set your env id) before uploading a version.
 */
export const appConfig = {
  mode: 'local' as 'local' | 'cloud',
  cloudEnv: 'your-env-id',
  localUrl: 'http://127.0.0.1:8787',
  /** The openid the local cloud believes you are (the cloud takes it from WeChat). */
  devOpenid: 'dev-user',
  /** Long enough for a streamed answer; the function itself stops at 60 s. */
  timeoutMs: 60_000,
};
