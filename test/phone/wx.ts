/**
 * The `wx` of the phone harness: only what the app calls, answered the way the base library answers
 * (asynchronous callbacks, `errMsg`, values made in the phone's realm). The network goes to the local
 * cloud: `wx.request` to the app's configured origin (miniprogram/config.ts `localUrl`) reaches the test
 * cloud, as the user the phone belongs to (`X-WX-OPENID`, which the local cloud takes as the caller);
 * `wx.cloud.callFunction` / `callHTTPFunction` reach `/fn/<name>` and `/http/<name>`.
 */
import type { PhoneRealm } from './realm';

type Options = Record<string, any>;
type Callback = ((res: unknown) => unknown) | undefined;

export interface WxHost {
  realm: PhoneRealm;
  /** `appOrigin`: where the app thinks the local cloud is; `cloud`: where it really is. */
  network: { appOrigin: string; cloud: string; openid: string };
  /** navigateTo, redirectTo, switchTab, reLaunch, navigateBack: done by the page stack. */
  navigate(kind: NavigationKind, options: Options): void;
  setTitle(title: string): void;
  answerModal(options: Options): boolean;
  pay?(payment: Options): Promise<'ok' | 'cancel' | 'fail'>;
  /** Requests in flight (the phone is idle at none). */
  inflight: { count: number };
}

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';

/** What the app showed and did, for the tests to read. */
export interface WxRecord {
  toasts: string[];
  modals: { title: string; content: string; confirmed: boolean }[];
  clipboard: string;
  /** `wx.request POST /fn/api`, `cloud.callFunction POST /fn/api`…: what reached the local cloud, and how. */
  requests: string[];
  /** app.ts registered its wx.onNeedPrivacyAuthorization listener (never called: this user has agreed). */
  privacyListener: boolean;
  /** Properties of `wx` the app read that this harness does not provide (feature detection, or a gap). */
  missing: Set<string>;
}

const SDK_VERSION = '3.15.1';
const NOT_INITIALIZED = 'cloud.callFunction:fail 请先调用 wx.cloud.init() 完成初始化后再调用其他云 API';
const WINDOW = { windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, pixelRatio: 3, statusBarHeight: 44 };
const SAFE_AREA = { top: 44, bottom: 778, left: 0, right: 375, width: 375, height: 734 };

export function createWx(host: WxHost): { wx: Record<string, unknown>; record: WxRecord } {
  const { realm } = host;
  const record: WxRecord = { toasts: [], modals: [], clipboard: '', requests: [], privacyListener: false, missing: new Set() };
  const storage = new Map<string, string>();
  /** wx.cloud.init's env: every cloud API fails before it, as on the phone. */
  let cloudEnv = '';

  /** Calls `success` (or `fail`) and `complete` on a later turn, as the base library does. */
  const later = (o: Options | undefined, name: string, ok: boolean, res: Options) => {
    const payload = realm.json({ errMsg: `${name}:${ok ? 'ok' : 'fail'}`, ...res });
    realm.defer(() => {
      realm.guard(`${name} ${ok ? 'success' : 'fail'}`, (ok ? o?.success : o?.fail) as Callback, payload);
      realm.guard(`${name} complete`, o?.complete as Callback, payload);
    });
  };
  const track = <T>(work: Promise<T>): Promise<T> => {
    host.inflight.count++;
    return work.finally(() => host.inflight.count--);
  };

  function route(url: string): string | undefined {
    return url.startsWith(host.network.appOrigin) ? host.network.cloud + url.slice(host.network.appOrigin.length) : undefined;
  }

  function headersOf(header: Options | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(header ?? {})) if (k.toLowerCase() !== 'x-wx-openid') out[k] = String(v);
    out['X-WX-OPENID'] = host.network.openid;
    return out;
  }

  function bodyOf(data: unknown): string | Uint8Array | undefined {
    if (data === undefined || data === null) return undefined;
    if (typeof data === 'string') return data;
    if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data as ArrayBuffer);
    return JSON.stringify(data);
  }

  /** One HTTP exchange with the local cloud; chunks to `onChunk` when chunked. */
  function exchange(
    name: string,
    url: string | undefined,
    o: Options,
    onChunk: ((bytes: Uint8Array) => void) | undefined,
    signal: AbortSignal,
  ): void {
    if (!url) return later(o, name, false, { errMsg: `${name}:fail url not in domain list` });
    record.requests.push(`${name} ${o.method ?? 'GET'} ${url.replace(host.network.cloud, '')}`);
    void track(
      (async () => {
        try {
          const res = await fetch(url, { method: o.method ?? 'GET', headers: headersOf(o.header), body: bodyOf(o.data), signal });
          const header = Object.fromEntries(res.headers.entries());
          if (onChunk) {
            const reader = res.body!.getReader();
            for (let r = await reader.read(); !r.done; r = await reader.read()) onChunk(r.value);
            const data = realm.bytes(new Uint8Array(0));
            realm.defer(() => {
              const payload = realm.json<Options>({ errMsg: `${name}:ok`, statusCode: res.status, header });
              payload.data = data;
              realm.guard(`${name} success`, o.success as Callback, payload);
              realm.guard(`${name} complete`, o.complete as Callback, payload);
            });
            return;
          }
          const raw = new Uint8Array(await res.arrayBuffer());
          if (o.responseType === 'arraybuffer') {
            const payload = realm.json<Options>({ errMsg: `${name}:ok`, statusCode: res.status, header });
            payload.data = realm.bytes(raw);
            realm.defer(() => realm.guard(`${name} success`, o.success as Callback, payload));
            return;
          }
          const text = new TextDecoder().decode(raw);
          let data: unknown = text;
          if ((o.dataType ?? 'json') === 'json')
            try {
              data = JSON.parse(text);
            } catch {
              data = text;
            }
          later(o, name, true, { statusCode: res.status, header, data });
        } catch (e) {
          const timeout = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
          later(o, name, false, { errMsg: `${name}:fail ${timeout ? 'timeout' : (e as Error).message}` });
        }
      })(),
    );
  }

  /** A RequestTask: chunks go to the first listener set (`onChunkReceived`), as the platform does. */
  function requestTask(name: string, url: string | undefined, o: Options, chunked: boolean) {
    const listeners: Callback[] = [];
    const abort = new AbortController();
    const timeout = AbortSignal.timeout(Number(o.timeout) || 60_000);
    const deliver = (bytes: Uint8Array) => {
      const payload = realm.json<Options>({});
      payload.data = realm.bytes(bytes);
      for (const l of listeners) realm.guard('onChunkReceived', l, payload);
      if (typeof o.onChunkedReceived === 'function') realm.guard('onChunkedReceived', o.onChunkedReceived as Callback, payload);
    };
    // After the caller has had the task back (it registers its listener on the same turn).
    realm.defer(() => exchange(name, url, o, chunked ? deliver : undefined, AbortSignal.any([abort.signal, timeout])));
    return {
      onChunkReceived: (l: Callback) => void listeners.push(l),
      offChunkReceived: (l: Callback) => void listeners.splice(listeners.indexOf(l) >>> 0, 1),
      onHeadersReceived: () => undefined,
      offHeadersReceived: () => undefined,
      abort: () => abort.abort(),
    };
  }

  const cloudUrl = (path: string) => host.network.cloud + path;

  const wx: Record<string, unknown> = {
    // ---- network ----
    request: (o: Options) => requestTask('request', route(String(o.url)), o, !!o.enableChunked),
    cloud: {
      init: (o?: Options) => void (cloudEnv = String(o?.env ?? 'default')),
      callFunction: (o: Options) => {
        if (!cloudEnv) return later(o, 'cloud.callFunction', false, { errMsg: NOT_INITIALIZED });
        const done = (res: Options) => {
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          later(o, 'cloud.callFunction', ok, ok ? { result: res.data } : { errMsg: `cloud.callFunction:fail HTTP ${res.statusCode}` });
        };
        requestTask(
          'cloud.callFunction',
          cloudUrl(`/fn/${String(o.name)}`),
          { method: 'POST', data: o.data, success: done, fail: o.fail },
          false,
        );
      },
      callHTTPFunction: (o: Options) =>
        cloudEnv
          ? requestTask('cloud.callHTTPFunction', cloudUrl(`/http/${String(o.name)}${String(o.path ?? '')}`), o, !!o.enableChunked)
          : later(o, 'cloud.callHTTPFunction', false, { errMsg: NOT_INITIALIZED }),
    },
    canIUse: (schema: string) =>
      schema === 'request.object.enableChunked' ||
      schema === 'RequestTask.onChunkReceived' ||
      typeof wx[schema.split('.')[0]!] !== 'undefined',

    // ---- the phone ----
    getSystemInfoSync: () =>
      realm.json({ platform: 'android', system: 'Android 14', SDKVersion: SDK_VERSION, ...WINDOW, safeArea: SAFE_AREA }),
    getWindowInfo: () => realm.json({ ...WINDOW, safeArea: SAFE_AREA }),
    getAppBaseInfo: () => realm.json({ SDKVersion: SDK_VERSION, language: 'zh_CN', version: '8.0.50' }),
    getDeviceInfo: () => realm.json({ platform: 'android', system: 'Android 14', brand: 'phone', model: 'harness' }),
    getAccountInfoSync: () => realm.json({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
    getStorageSync: (key: string) => (storage.has(key) ? realm.json(JSON.parse(storage.get(key)!)) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.stringify(value ?? '')),
    removeStorageSync: (key: string) => void storage.delete(key),
    getFileSystemManager: () => ({
      saveFile: (o: Options) => later(o, 'saveFile', true, { savedFilePath: `wxfile://store/${Date.now()}` }),
      removeSavedFile: (o: Options) => later(o, 'removeSavedFile', true, {}),
    }),
    setClipboardData: (o: Options) => {
      record.clipboard = String(o.data);
      later(o, 'setClipboardData', true, {});
    },
    getClipboardData: (o: Options) => later(o, 'getClipboardData', true, { data: record.clipboard }),
    requestPayment: (o: Options) => {
      if (!host.pay) return later(o, 'requestPayment', false, { errMsg: 'requestPayment:fail no payer' });
      void track(host.pay(o)).then((r) =>
        later(o, 'requestPayment', r === 'ok', r === 'cancel' ? { errMsg: 'requestPayment:fail cancel' } : {}),
      );
    },

    // ---- the screen ----
    showToast: (o: Options) => {
      record.toasts.push(String(o.title));
      later(o, 'showToast', true, {});
    },
    hideToast: () => undefined,
    showLoading: (o: Options) => later(o, 'showLoading', true, {}),
    hideLoading: () => undefined,
    showModal: (o: Options) => {
      const confirmed = host.answerModal(o);
      record.modals.push({ title: String(o.title ?? ''), content: String(o.content ?? ''), confirmed });
      later(o, 'showModal', true, { confirm: confirmed, cancel: !confirmed });
    },
    setNavigationBarTitle: (o: Options) => {
      host.setTitle(String(o.title));
      later(o, 'setNavigationBarTitle', true, {});
    },
    stopPullDownRefresh: () => undefined,
    pageScrollTo: () => undefined,
    createSelectorQuery: () => {
      const fields: Callback[] = [];
      const query = {
        in: () => query,
        select: () => query,
        selectAll: () => query,
        boundingClientRect: (cb: Callback) => (fields.push(cb), query),
        scrollOffset: (cb: Callback) => (fields.push(cb), query),
        exec: (cb: Callback) =>
          realm.defer(() => {
            const rects = fields.map(() => realm.json({ top: 0, left: 0, width: WINDOW.windowWidth, height: 600, scrollTop: 0 }));
            fields.forEach((f, i) => realm.guard('SelectorQuery', f, rects[i]));
            realm.guard('SelectorQuery exec', cb, realm.json(rects));
          }),
      };
      return query;
    },

    // ---- navigation ----
    navigateTo: (o: Options) => host.navigate('navigateTo', o),
    redirectTo: (o: Options) => host.navigate('redirectTo', o),
    switchTab: (o: Options) => host.navigate('switchTab', o),
    reLaunch: (o: Options) => host.navigate('reLaunch', o),
    navigateBack: (o?: Options) => host.navigate('navigateBack', o ?? {}),

    // ---- WeChat's privacy authorization: this user has agreed to the 隐私保护指引 ----
    onNeedPrivacyAuthorization: (listener: unknown) => void (record.privacyListener = typeof listener === 'function'),
    getPrivacySetting: (o: Options) =>
      later(o, 'getPrivacySetting', true, { needAuthorization: false, privacyContractName: '《桥小程序隐私保护指引》' }),
    requirePrivacyAuthorize: (o: Options) => later(o, 'requirePrivacyAuthorize', true, {}),
    openPrivacyContract: (o: Options) => later(o, 'openPrivacyContract', true, {}),
  };
  // Reads of what is not here are kept: a gap in the harness, or a feature the app detects.
  const proxy = new Proxy(wx, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target)) record.missing.add(key);
      return target[key as string];
    },
  });
  return { wx: proxy, record };
}
