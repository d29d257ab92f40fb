/**
 * How a call reaches a function. Both transports give the same three outcomes, so pages never care
 * which one is in use: the function's reply, a network failure, or a timeout.
 */
export type TransportOutcome = { kind: 'reply'; body: unknown } | { kind: 'network'; message: string } | { kind: 'timeout' };
export type Transport = (fn: string, data: { action: string; payload?: unknown }) => Promise<TransportOutcome>;

// CloudBase: "errCode: -504003 ... Invoking task timed out"; wx.request: "request:fail timeout".
const isTimeout = (errMsg: string | undefined) => /time ?out|timed out|超时|-504003/i.test(errMsg ?? '');

/** wx.cloud.callFunction: the platform adds the caller's identity. */
export function cloudTransport(timeoutMs: number): Transport {
  return (fn, data) =>
    new Promise((resolve) => {
      wx.cloud.callFunction({
        name: fn,
        data,
        config: { timeout: timeoutMs } as never,
        success: (res) => resolve({ kind: 'reply', body: res.result }),
        fail: (err: { errMsg?: string }) =>
          resolve(isTimeout(err.errMsg) ? { kind: 'timeout' } : { kind: 'network', message: err.errMsg ?? 'callFunction:fail' }),
      });
    });
}

/** wx.request to the local cloud's `/fn/<name>`, as the development openid. */
export function localTransport(baseUrl: string, openid: string, timeoutMs: number): Transport {
  return (fn, data) =>
    new Promise((resolve) => {
      wx.request({
        url: `${baseUrl}/fn/${fn}`,
        method: 'POST',
        data,
        header: { 'content-type': 'application/json', 'X-WX-OPENID': openid },
        timeout: timeoutMs,
        success: (res) => {
          if (res.statusCode === 504) resolve({ kind: 'timeout' });
          else if (res.statusCode >= 200 && res.statusCode < 300) resolve({ kind: 'reply', body: res.data });
          else resolve({ kind: 'network', message: `HTTP ${res.statusCode}` });
        },
        fail: (err) => resolve(isTimeout(err.errMsg) ? { kind: 'timeout' } : { kind: 'network', message: err.errMsg }),
      });
    });
}
