/**
 * A phone for the Mini Program's compiled JavaScript: the bare realm (./realm), a `wx` talking to the
 * local cloud (./wx), and the framework's part — `App`, `Page`, `Component`, `Behavior`, `getApp`,
 * `getCurrentPages`, the page stack (navigateTo / redirectTo / switchTab / reLaunch / navigateBack,
 * tab pages kept alive, the opener's event channel) and the lifecycles (onLoad(query) → onShow →
 * onReady; components created → attached → ready, pageLifetimes.show, detached on unload).
 *
 * There is no renderer. Each page gets one instance of every component in its `usingComponents`,
 * with the properties its WXML binds to plain `{{expressions}}` of the page's data and its `bind:x`
 * events routed to the page (a component inside `wx:for` gets no bound values: set them with
 * `setProperties`); `wx:if` is not looked at. Everything crosses to the "render thread" as JSON, the
 * way setData does: every patch is serialized and kept (`renders`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PhoneRealm, type PhoneFault, type PhoneVariant } from './realm';
import { createWx, type NavigationKind, type WxRecord } from './wx';

type Def = Record<string, any>;
type Inner = Record<string, any>;

export interface PhoneOptions {
  /** The compiled package: app.js, pages/…/index.js, components/…/index.js (CommonJS). */
  js: string;
  /** app.json, the pages' .json and .wxml (default: miniprogram/). */
  source?: string;
  variant: PhoneVariant;
  /** The local cloud, and who the phone's user is there. */
  cloud: string;
  openid: string;
  /** Where the app's config points (miniprogram/config.ts localUrl). */
  appOrigin?: string;
  /** The answer to every wx.showModal (default: confirm). */
  answerModal?: (options: Def) => boolean;
  pay?: (payment: Def) => Promise<'ok' | 'cancel' | 'fail'>;
}

export interface ComponentHandle {
  tag: string;
  path: string;
  id: string;
  instance: Inner;
  /** Its data, copied out of the phone. */
  readonly data: Record<string, any>;
}

export interface PageHandle {
  route: string;
  query: Record<string, string>;
  instance: Inner;
  title: string;
  alive: boolean;
  components: ComponentHandle[];
  /** Every setData patch, as the render thread received it. */
  renders: unknown[];
  /** Its data, copied out of the phone. */
  readonly data: Record<string, any>;
}

interface ComponentState extends ComponentHandle {
  def: Def;
  page: PageState;
  bindings: Record<string, string>;
  events: Record<string, string>;
  bound: Record<string, string>;
}

interface PageState extends PageHandle {
  def: Def;
  components: ComponentState[];
  channel: Inner | null;
  shown: boolean;
}

const SOURCE = path.resolve(__dirname, '../../miniprogram');
const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export class Phone {
  readonly realm: PhoneRealm;
  readonly record: WxRecord;
  readonly appJson: { pages: string[]; tabBar?: { list: { pagePath: string }[] } };
  /** The page stack, bottom first. */
  readonly stack: PageState[] = [];
  private readonly tabs = new Map<string, PageState>();
  private readonly defs = new Map<string, Def>();
  private registering: string | undefined;
  private appInstance: Inner | undefined;
  private readonly inflight = { count: 0 };
  private navigating = Promise.resolve();
  private pendingNavigations = 0;
  private readonly source: string;

  constructor(readonly options: PhoneOptions) {
    this.source = options.source ?? SOURCE;
    this.appJson = JSON.parse(fs.readFileSync(path.join(this.source, 'app.json'), 'utf8')) as Phone['appJson'];
    this.realm = new PhoneRealm(options.js, options.variant);
    const { wx, record } = createWx({
      realm: this.realm,
      network: { appOrigin: options.appOrigin ?? 'http://127.0.0.1:8787', cloud: options.cloud, openid: options.openid },
      navigate: (kind, o) => this.navigate(kind, o),
      setTitle: (title) => {
        const top = this.stack[this.stack.length - 1];
        if (top) top.title = title;
      },
      answerModal: options.answerModal ?? (() => true),
      pay: options.pay,
      inflight: this.inflight,
    });
    this.record = record;
    this.realm.setGlobal('wx', wx);
    this.realm.setGlobal('App', (def: Def) => {
      this.appInstance = def;
    });
    this.realm.setGlobal('Page', (def: Def) => this.register('Page', def));
    this.realm.setGlobal('Component', (def: Def) => this.register('Component', def));
    this.realm.setGlobal('Behavior', (def: Def) => def);
    this.realm.setGlobal('getApp', () => this.appInstance);
    this.realm.setGlobal('getCurrentPages', () => {
      const pages = this.realm.json<Inner[]>([]);
      for (const p of this.stack) pages.push(p.instance);
      return pages;
    });
  }

  /** Starts the app as WeChat does: app.js, onLaunch and onShow, then the first page of app.json. */
  async launch(): Promise<PageState> {
    this.realm.load('app.js');
    if (!this.appInstance) throw new Error('app.js did not call App()');
    const options = this.realm.json({ path: this.appJson.pages[0], query: {}, scene: 1001 });
    this.hook('App.onLaunch', this.appInstance, this.appInstance.onLaunch, options);
    this.hook('App.onShow', this.appInstance, this.appInstance.onShow, options);
    this.open(this.appJson.pages[0]!, {}, null);
    await this.idle();
    return this.stack[0]!;
  }

  get page(): PageState {
    return this.stack[this.stack.length - 1]!;
  }

  get faults(): PhoneFault[] {
    return this.realm.faults;
  }

  isTab(route: string): boolean {
    return !!this.appJson.tabBar?.list.some((t) => t.pagePath === route);
  }

  /** The user taps the tab bar. */
  async tapTab(route: string): Promise<PageState> {
    this.navigate('switchTab', { url: `/${route}` });
    await this.idle();
    return this.page;
  }

  /**
   * A tap (or any event) on the page or a component: calls its handler with an event made in the
   * phone, waits for what the handler returns and for the phone to be idle.
   */
  async tap(target: PageHandle | ComponentHandle, handler: string, event: { dataset?: Def; detail?: Def } = {}): Promise<void> {
    const fn = target.instance[handler] as unknown;
    if (typeof fn !== 'function') throw new Error(`no handler ${handler}`);
    const e = this.realm.json<Inner>({
      type: 'tap',
      timeStamp: Date.now(),
      detail: event.detail ?? {},
      currentTarget: { id: '', dataset: event.dataset ?? {} },
    });
    e.target = e.currentTarget;
    const result = this.hook(handler, target.instance, fn, e);
    if (result && typeof (result as Promise<unknown>).then === 'function') await result;
    await this.idle();
  }

  /** What a parent's template would set on a component (for one inside wx:for, say). */
  setProperties(component: ComponentHandle, props: Def): void {
    this.componentSetData(component as ComponentState, this.realm.json(props));
  }

  component(page: PageHandle, tag: string): ComponentHandle {
    const found = page.components.find((c) => c.tag === tag);
    if (!found) throw new Error(`${page.route} has no <${tag}>`);
    return found;
  }

  /**
   * Waits until nothing is left to happen: no request in flight, no timer pending, no navigation
   * queued (a few quiet turns in a row). The app's own timers (polling, debounces) are waited for.
   */
  async idle(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (let quiet = 0; quiet < 3;) {
      await new Promise((r) => setTimeout(r, 5));
      quiet = this.inflight.count === 0 && this.realm.timers.size === 0 && this.pendingNavigations === 0 ? quiet + 1 : 0;
      if (Date.now() > until)
        throw new Error(
          `the phone is still busy after ${timeoutMs} ms: ${this.inflight.count} requests, ${this.realm.timers.size} timers, ${this.pendingNavigations} navigations`,
        );
    }
  }

  close(): void {
    this.realm.close();
  }

  /** Calls a lifecycle or handler of the app with its `this`, as the framework does; a throw is a fault. */
  private hook(where: string, self: unknown, fn: unknown, ...args: unknown[]): unknown {
    if (typeof fn !== 'function') return undefined;
    return this.realm.guard(where, (...a: unknown[]) => (fn as (...x: unknown[]) => unknown).apply(self, a), ...args);
  }

  // ---- registration ----

  private register(kind: 'Page' | 'Component', def: Def): void {
    if (!this.registering) throw new Error(`${kind}() called outside of a page or component module`);
    this.defs.set(this.registering, { ...def, __kind: kind });
  }

  private defOf(route: string): Def {
    if (!this.defs.has(route)) {
      this.registering = route;
      try {
        this.realm.load(`${route}.js`);
      } finally {
        this.registering = undefined;
      }
      if (!this.defs.has(route)) throw new Error(`${route}.js registered nothing`);
    }
    return this.defs.get(route)!;
  }

  // ---- navigation ----

  private navigate(kind: NavigationKind, o: Def): void {
    this.pendingNavigations++;
    this.navigating = this.navigating
      .then(() => new Promise((r) => setTimeout(r, 0)))
      .then(() => this.perform(kind, o))
      // A page whose code fails to load or run: the phone reports it (App.onError) and stays where it was.
      .catch((e: unknown) => void this.realm.faults.push({ kind: 'error', where: `${kind} ${String(o.url ?? '')}`, message: String(e) }))
      .finally(() => this.pendingNavigations--);
  }

  private perform(kind: NavigationKind, o: Def): void {
    const fail = (why: string) => this.realm.guard(`${kind} fail`, o.fail, this.realm.json({ errMsg: `${kind}:fail ${why}` }));
    const done = () => {
      const res = this.realm.json({ errMsg: `${kind}:ok` });
      this.realm.guard(`${kind} success`, o.success, res);
      this.realm.guard(`${kind} complete`, o.complete, res);
    };
    if (kind === 'navigateBack') {
      if (this.stack.length <= 1) return void fail('cannot navigate back at first page.');
      const delta = Math.min(Math.max(1, Number(o.delta) || 1), this.stack.length - 1);
      for (let i = 0; i < delta; i++) this.unload(this.stack.pop()!);
      this.show(this.page);
      return void done();
    }
    const { route, query } = this.parseUrl(String(o.url));
    if (!this.appJson.pages.includes(route)) return void fail(`page "${route}" is not found`);
    const tab = this.isTab(route);
    if (kind === 'switchTab') {
      if (!tab) return void fail('can not switch to no-tabBar page');
      this.hide(this.page);
      while (this.stack.length > 0 && !this.isTab(this.page.route)) this.unload(this.stack.pop()!);
      this.stack.length = 0;
      const kept = this.tabs.get(route);
      if (kept) {
        this.stack.push(kept);
        this.show(kept);
      } else this.open(route, {}, null);
      return void done();
    }
    if (tab && kind !== 'reLaunch') return void fail(`can not ${kind} a tabbar page`);
    if (kind === 'navigateTo') {
      if (this.stack.length >= 10) return void fail('webview count limit exceed');
      this.hide(this.page);
      const channel = this.channel(o.events as Def | undefined);
      this.open(route, query, channel);
      if (o.success)
        this.realm.guard(
          'navigateTo success',
          o.success,
          Object.assign(this.realm.json<Inner>({ errMsg: 'navigateTo:ok' }), { eventChannel: channel }),
        );
      return;
    }
    if (kind === 'redirectTo') this.unload(this.stack.pop()!);
    if (kind === 'reLaunch') {
      while (this.stack.length) this.unload(this.stack.pop()!);
      for (const t of this.tabs.values()) if (t.alive) this.unload(t);
      this.tabs.clear();
    }
    this.open(route, query, null);
    done();
  }

  private parseUrl(url: string): { route: string; query: Record<string, string> } {
    const [pathPart = '', queryPart = ''] = url.split('?');
    const from = this.stack.length ? path.posix.dirname(this.page.route) : '';
    const route = pathPart.startsWith('/') ? pathPart.slice(1) : path.posix.join(from, pathPart);
    const query: Record<string, string> = {};
    for (const pair of queryPart.split('&').filter(Boolean)) {
      const [k = '', v = ''] = pair.split('=');
      query[k] = v;
    }
    return { route, query };
  }

  /** The opener's `events` become the opened page's getOpenerEventChannel(). */
  private channel(events: Def | undefined): Inner {
    const listeners: Record<string, ((d: unknown) => void)[]> = {};
    for (const [name, fn] of Object.entries(events ?? {})) listeners[name] = [fn as (d: unknown) => void];
    return {
      emit: (name: string, data: unknown) => {
        for (const l of listeners[name] ?? []) this.realm.guard(`eventChannel ${name}`, l, data);
      },
      on: (name: string, fn: (d: unknown) => void) => void (listeners[name] ??= []).push(fn),
      off: (name: string) => void delete listeners[name],
    };
  }

  // ---- pages ----

  private open(route: string, query: Record<string, string>, channel: Inner | null): PageState {
    const def = this.defOf(route);
    const instance = this.realm.json<Inner>({});
    for (const [k, v] of Object.entries(def))
      if (k !== 'data' && k !== '__kind') instance[k] = typeof v === 'function' ? v : this.realm.json(v);
    instance.data = this.realm.json(def.data ?? {});
    instance.route = instance.__route__ = route;
    instance.options = this.realm.json(query);
    const page: PageState = {
      route,
      query,
      instance,
      def,
      title: '',
      alive: true,
      shown: false,
      components: [],
      renders: [],
      channel,
      get data() {
        return copy(instance.data) as Record<string, any>;
      },
    };
    instance.setData = (patch: Def, cb?: () => void) => this.pageSetData(page, patch, cb);
    instance.getOpenerEventChannel = () => page.channel ?? this.channel(undefined);
    instance.selectComponent = (selector: string) => page.components.find((c) => `#${c.id}` === selector)?.instance ?? null;
    instance.createSelectorQuery = () => (this.realm.context as Inner).wx.createSelectorQuery();
    this.stack.push(page);
    if (this.isTab(route)) this.tabs.set(route, page);
    this.createComponents(page);
    this.hook(`${route} onLoad`, instance, instance.onLoad, this.realm.json(query));
    this.show(page);
    // onReady after the first render: the components are ready before the page.
    this.realm.defer(() => {
      if (!page.alive) return;
      for (const c of page.components) this.lifetime(c, 'ready');
      this.hook(`${route} onReady`, instance, instance.onReady);
    });
    return page;
  }

  private show(page: PageState | undefined): void {
    if (!page || page.shown) return;
    page.shown = true;
    this.hook(`${page.route} onShow`, page.instance, page.instance.onShow);
    for (const c of page.components) this.hook(`<${c.tag}> show`, c.instance, (c.def.pageLifetimes as Def | undefined)?.show);
  }

  private hide(page: PageState | undefined): void {
    if (!page || !page.shown) return;
    page.shown = false;
    this.hook(`${page.route} onHide`, page.instance, page.instance.onHide);
  }

  private unload(page: PageState): void {
    if (!page.alive) return;
    this.hide(page);
    page.alive = false;
    if (this.tabs.get(page.route) === page && !this.isTab(page.route)) this.tabs.delete(page.route);
    this.hook(`${page.route} onUnload`, page.instance, page.instance.onUnload);
    for (const c of page.components) this.lifetime(c, 'detached');
  }

  private pageSetData(page: PageState, patch: Def, cb?: () => void): void {
    page.renders.push(this.render(page.route, patch));
    for (const [key, value] of Object.entries(patch)) this.setPath(page.instance.data as Inner, key, value);
    for (const c of page.components) this.bind(c);
    if (cb) this.realm.defer(() => this.hook(`${page.route} setData callback`, page.instance, cb));
  }

  /** setData crosses to the render thread as JSON: a patch that cannot be serialized is an error there. */
  private render(where: string, patch: Def): unknown {
    try {
      return copy(patch);
    } catch (e) {
      this.realm.faults.push({ kind: 'error', where: `${where} setData`, message: String(e) });
      return null;
    }
  }

  private setPath(target: Inner, key: string, value: unknown): void {
    const parts = key.match(/[^.[\]]+/g) ?? [key];
    let node = target;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      if (node[part] === null || typeof node[part] !== 'object') node[part] = this.realm.json(/^\d+$/.test(parts[i + 1]!) ? [] : {});
      node = node[part] as Inner;
    }
    node[parts[parts.length - 1]!] = value;
  }

  // ---- components ----

  private createComponents(page: PageState): void {
    const json = JSON.parse(fs.readFileSync(path.join(this.source, `${page.route}.json`), 'utf8')) as {
      usingComponents?: Record<string, string>;
    };
    const wxmlFile = path.join(this.source, `${page.route}.wxml`);
    const wxml = fs.existsSync(wxmlFile) ? fs.readFileSync(wxmlFile, 'utf8') : '';
    for (const [tag, ref] of Object.entries(json.usingComponents ?? {})) {
      const componentPath = ref.startsWith('/') ? ref.slice(1) : path.posix.join(path.posix.dirname(page.route), ref);
      const attrs = attributesOf(wxml, tag);
      page.components.push(this.createComponent(page, tag, componentPath, attrs));
    }
  }

  private createComponent(page: PageState, tag: string, componentPath: string, attrs: Record<string, string>): ComponentState {
    const def = this.defOf(componentPath);
    const instance = this.realm.json<Inner>({});
    const defaults: Def = {};
    for (const [name, spec] of Object.entries((def.properties ?? {}) as Def)) defaults[name] = defaultOf(spec);
    instance.data = this.realm.json({ ...defaults, ...copy(def.data ?? {}) });
    instance.properties = instance.data;
    for (const [k, v] of Object.entries((def.methods ?? {}) as Def)) instance[k] = v;
    const bindings: Record<string, string> = {};
    const events: Record<string, string> = {};
    const dataset: Def = {};
    let id = '';
    for (const [name, value] of Object.entries(attrs)) {
      const event = /^(?:bind|catch|capture-bind|capture-catch|mut-bind):?(.+)$/.exec(name);
      if (name === 'id') id = value;
      else if (event) events[event[1]!] = value;
      else if (name.startsWith('data-')) dataset[camel(name.slice(5))] = value;
      else if (!name.startsWith('wx:') && name !== 'class' && name !== 'style') bindings[camel(name)] = value;
    }
    const component: ComponentState = {
      tag,
      path: componentPath,
      id,
      instance,
      def,
      page,
      bindings,
      events,
      bound: {},
      get data() {
        return copy(instance.data) as Record<string, any>;
      },
    };
    instance.id = id;
    instance.is = componentPath;
    instance.dataset = this.realm.json(dataset);
    instance.setData = (patch: Def, cb?: () => void) => {
      this.componentSetData(component, patch);
      if (cb) this.realm.defer(() => this.hook(`<${tag}> setData callback`, instance, cb));
    };
    instance.triggerEvent = (name: string, detail?: unknown) => this.trigger(component, name, detail);
    instance.selectComponent = () => null;
    instance.createSelectorQuery = () => (this.realm.context as Inner).wx.createSelectorQuery();
    this.lifetime(component, 'created');
    this.bind(component);
    this.lifetime(component, 'attached');
    return component;
  }

  private lifetime(c: ComponentState, name: 'created' | 'attached' | 'ready' | 'detached'): void {
    const fn = (c.def.lifetimes as Def | undefined)?.[name] ?? c.def[name];
    this.hook(`<${c.tag}> ${name}`, c.instance, fn);
  }

  /** The page's data → the component's bound properties, where a plain expression gives a value that changed. */
  private bind(c: ComponentState): void {
    const data = copy(c.page.instance.data) as Def;
    const changed: Def = {};
    for (const [prop, template] of Object.entries(c.bindings)) {
      const value = evaluate(template, data);
      if (value === UNBOUND) continue;
      const key = JSON.stringify(value);
      if (c.bound[prop] === key) continue;
      c.bound[prop] = key;
      changed[prop] = value;
    }
    if (Object.keys(changed).length) this.componentSetData(c, this.realm.json(changed));
  }

  private componentSetData(c: ComponentState, patch: Def): void {
    c.page.renders.push(this.render(`<${c.tag}>`, patch));
    const before = copy(c.instance.data) as Def;
    for (const [key, value] of Object.entries(patch)) this.setPath(c.instance.data as Inner, key, value);
    const keys = Object.keys(patch);
    for (const key of keys) {
      const spec = (c.def.properties as Def | undefined)?.[key] as Def | undefined;
      const observer = typeof spec?.observer === 'string' ? c.instance[spec.observer] : spec?.observer;
      this.hook(`<${c.tag}> ${key} observer`, c.instance, observer, c.instance.data[key], before[key]);
    }
    for (const [fields, fn] of Object.entries((c.def.observers ?? {}) as Def)) {
      const names = fields.split(',').map((f) => f.trim());
      const hit = names.some(
        (f) => f === '**' || keys.some((k) => k === f || k.startsWith(`${f}.`) || k.startsWith(`${f}[`) || f.startsWith(`${k}.`)),
      );
      if (!hit) continue;
      const values = names.map((f) => f.split('.').reduce<any>((node, part) => (node == null ? node : node[part]), c.instance.data));
      this.hook(`<${c.tag}> observer ${fields}`, c.instance, fn, ...values);
    }
  }

  private trigger(c: ComponentState, name: string, detail: unknown): void {
    const handler = c.events[name];
    if (!handler) return;
    const fn = c.page.instance[handler] as unknown;
    if (typeof fn !== 'function') {
      this.realm.faults.push({ kind: 'error', where: `<${c.tag}> bind:${name}`, message: `the page has no method ${handler}` });
      return;
    }
    const e = this.realm.json<Inner>({
      type: name,
      timeStamp: Date.now(),
      currentTarget: { id: c.id, dataset: {} },
      target: { id: c.id, dataset: {} },
    });
    e.detail = detail;
    this.hook(`${c.page.route} ${handler}`, c.page.instance, fn, e);
  }
}

const UNBOUND = Symbol('unbound');

/** The attributes of the first `<tag …>` in a WXML file. */
function attributesOf(wxml: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag}(\\s[^>]*?)?/?>`).exec(wxml);
  const attrs: Record<string, string> = {};
  for (const m of (element?.[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[m[1]!] = m[2]!;
  return attrs;
}

/**
 * A WXML attribute value against the page's data: `{{expr}}` alone is the expression's value, text
 * with `{{…}}` inside is a string, plain text itself; what cannot be evaluated here (a `wx:for` item)
 * is UNBOUND. The expression runs in Node, never in the phone.
 */
function evaluate(template: string, data: Def): unknown {
  const run = (expr: string) => new Function('data', `with (data) { return (${expr}); }`)(data) as unknown;
  try {
    const whole = /^\{\{([\s\S]*)\}\}$/.exec(template.trim());
    if (whole && !whole[1]!.includes('}}')) return run(whole[1]!);
    if (!template.includes('{{')) return template;
    return template.replace(/\{\{([\s\S]*?)\}\}/g, (_, expr: string) => String(run(expr) ?? ''));
  } catch {
    return UNBOUND;
  }
}

function defaultOf(spec: unknown): unknown {
  if (spec && typeof spec === 'object' && 'value' in spec) return copy((spec as Def).value);
  // The phone's own String, Number… (another realm's): known by name.
  const type = (spec && typeof spec === 'object' ? (spec as Def).type : spec) as { name?: string } | undefined;
  return ({ String: '', Number: 0, Boolean: false, Array: [] } as Def)[type?.name ?? ''] ?? null;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
