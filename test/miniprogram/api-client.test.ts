import { createApi } from '../../miniprogram/api/client';
import { cloudTransport, localTransport } from '../../miniprogram/api/transport';
import { wxm } from './support/wx';

describe('local transport (wx.request to the local cloud)', () => {
  it('posts to /fn/<name> with the dev openid and returns typed data', async () => {
    wxm.request.mockImplementation((o: any) =>
      o.success({ statusCode: 200, data: { ok: true, data: { balance: 1, held: 0, available: 1 } } }),
    );
    const api = createApi(localTransport('http://127.0.0.1:8787', 'alice', 1000));
    expect(await api['wallet.get']({})).toEqual({ ok: true, data: { balance: 1, held: 0, available: 1 } });
    const call = wxm.request.mock.calls.at(-1)![0];
    expect(call).toMatchObject({
      url: 'http://127.0.0.1:8787/fn/api',
      method: 'POST',
      data: { action: 'wallet.get', payload: {} },
      header: { 'X-WX-OPENID': 'alice' },
    });
  });

  it('tells a server error, a network failure and a timeout apart', async () => {
    const api = createApi(localTransport('http://x', 'a', 1000));
    wxm.request.mockImplementationOnce((o: any) =>
      o.success({ statusCode: 200, data: { ok: false, error: { code: 'INSUFFICIENT_BALANCE', message: '余额不足' } } }),
    );
    expect(await api['wallet.get']({})).toEqual({
      ok: false,
      kind: 'error',
      code: 'INSUFFICIENT_BALANCE',
      message: '余额不足',
      details: undefined,
    });
    wxm.request.mockImplementationOnce((o: any) => o.fail({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }));
    expect(await api['wallet.get']({})).toMatchObject({ ok: false, kind: 'network' });
    wxm.request.mockImplementationOnce((o: any) => o.fail({ errMsg: 'request:fail timeout' }));
    expect(await api['wallet.get']({})).toMatchObject({ ok: false, kind: 'timeout' });
    wxm.request.mockImplementationOnce((o: any) => o.success({ statusCode: 504, data: {} }));
    expect(await api['wallet.get']({})).toMatchObject({ ok: false, kind: 'timeout' });
  });

  it('refuses a reply that breaks the contract', async () => {
    wxm.request.mockImplementationOnce((o: any) => o.success({ statusCode: 200, data: { ok: true, data: { balance: '1' } } }));
    expect(await createApi(localTransport('http://x', 'a', 1000))['wallet.get']({})).toMatchObject({
      ok: false,
      kind: 'error',
      code: 'INTERNAL',
    });
  });
});

describe('cloud transport (wx.cloud.callFunction)', () => {
  it('calls the function by name and maps failures', async () => {
    wxm.cloud.callFunction.mockImplementationOnce((o: any) => o.success({ result: { ok: true, data: { openid: 'o', isAdmin: false } } }));
    const api = createApi(cloudTransport(1000));
    expect(await api['session.get']({})).toEqual({ ok: true, data: { openid: 'o', isAdmin: false } });
    expect(wxm.cloud.callFunction.mock.calls.at(-1)![0]).toMatchObject({ name: 'api', data: { action: 'session.get' } });
    wxm.cloud.callFunction.mockImplementationOnce((o: any) => o.fail({ errMsg: 'cloud.callFunction:fail Invoking task timed out' }));
    expect(await api['session.get']({})).toMatchObject({ ok: false, kind: 'timeout' });
    wxm.cloud.callFunction.mockImplementationOnce((o: any) => o.fail({ errMsg: 'cloud.callFunction:fail network' }));
    expect(await api['session.get']({})).toMatchObject({ ok: false, kind: 'network' });
  });
});
