/**
 * The phone's JavaScript context: a `node:vm` context with nothing but the ECMAScript globals, plus the
 * few that WeChat's JS engine adds (`setTimeout`/`clearTimeout`/`setInterval`/`clearInterval` and
 * `console`). No `require` of built-ins, no `process`, `Buffer`, `TextEncoder`/`TextDecoder`,
 * `setImmediate`, `URL` or `fetch`. Files run through WeChat's module wrapper
 * `function (module, exports, require)`, whose `require` resolves relative paths only.
 *
 * Everything the app gets from the "native" side (wx, page data, network bodies) must be made in this
 * realm (`json`, `bytes`): `instanceof Array`/`ArrayBuffer` inside the app fails on a foreign object.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

export interface PhoneVariant {
  name: string;
  /** Run inside the fresh context before any of the app's code. */
  prepare: string;
  codeGeneration?: { strings: boolean; wasm: boolean };
}

/**
 * The runtimes phones have: as is; a `Function` constructor that throws, or that returns a
 * non-function (WeChat documents `new Function`/`eval` as unsupported, and both are seen); no `BigInt`
 * (iOS < 14).
 */
export const PHONE_VARIANTS: PhoneVariant[] = [
  { name: 'as is', prepare: '' },
  {
    name: 'Function constructor that throws',
    prepare: `{
      const original = Function;
      const F = function Function() { throw new EvalError('new Function is not supported'); };
      F.prototype = original.prototype;
      original.prototype.constructor = F;
      globalThis.Function = F;
    }`,
    codeGeneration: { strings: false, wasm: false },
  },
  {
    name: 'Function constructor that returns a non-function',
    // `new F(...)` and `F(...)` give a plain object, which cannot be called. `(function () {}).constructor`
    // is the same F, as on the phone (no way around it through a function's prototype).
    prepare: `{
      const original = Function;
      const F = function Function() { return {}; };
      F.prototype = original.prototype;
      original.prototype.constructor = F;
      globalThis.Function = F;
    }`,
  },
  { name: 'no BigInt', prepare: 'delete globalThis.BigInt;' },
];

/** Node and browser globals a phone does not have; `bare()` checks none leaked into the context. */
const NOT_ON_A_PHONE = ['require', 'process', 'Buffer', 'TextEncoder', 'TextDecoder', 'setImmediate', 'URL', 'fetch', 'module', 'global'];

/** What went wrong where a phone would report it (App.onError / onUnhandledRejection). */
export interface PhoneFault {
  kind: 'error' | 'unhandled-rejection';
  where: string;
  message: string;
}

type Wrapper = (module: { exports: unknown }, exports: unknown, require: (id: string) => unknown) => void;

export class PhoneRealm {
  readonly context: vm.Context;
  readonly faults: PhoneFault[] = [];
  readonly logs: { level: string; text: string }[] = [];
  /** Timers not yet fired (the phone is idle when none is left and no request is in flight). */
  readonly timers = new Map<number, NodeJS.Timeout>();
  private nextTimer = 1;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly innerJson: (text: string) => unknown;
  private readonly innerBuffer: (length: number) => ArrayBuffer;
  private readonly realProcess: NodeJS.Process;
  private readonly onRejection = (reason: unknown, promise: Promise<unknown>) => {
    // Only this context's promises: another test's are not ours to report.
    if (this.ownsPromise(promise)) this.faults.push({ kind: 'unhandled-rejection', where: 'promise', message: describe(reason) });
  };
  private readonly innerPromise: unknown;

  constructor(
    readonly root: string,
    readonly variant: PhoneVariant,
  ) {
    this.context = vm.createContext({}, variant.codeGeneration ? { codeGeneration: variant.codeGeneration } : {});
    const g = this.context as Record<string, unknown>;
    g.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) => this.schedule(fn, ms, args, false);
    g.setInterval = (fn: unknown, ms?: number, ...args: unknown[]) => this.schedule(fn, ms, args, true);
    g.clearTimeout = g.clearInterval = (id: unknown) => this.cancel(id);
    g.console = this.console();
    vm.runInContext(variant.prepare, this.context, { filename: 'variant.js' });
    this.innerJson = vm.runInContext('JSON.parse', this.context) as (text: string) => unknown;
    this.innerBuffer = vm.runInContext('(n) => new ArrayBuffer(n)', this.context) as (n: number) => ArrayBuffer;
    this.innerPromise = vm.runInContext('Promise', this.context);
    // jest's `process` is a copy; unhandled rejections reach the real one, in the main context.
    this.realProcess = vm.runInThisContext('process') as NodeJS.Process;
    this.realProcess.on('unhandledRejection', this.onRejection);
  }

  /** The names of NOT_ON_A_PHONE that the context has (none, or the harness is wrong). */
  leakedGlobals(): string[] {
    const types = vm.runInContext(`[${NOT_ON_A_PHONE.map((n) => `typeof ${n}`).join(',')}]`, this.context) as string[];
    return NOT_ON_A_PHONE.filter((_, i) => types[i] !== 'undefined');
  }

  setGlobal(name: string, value: unknown): void {
    (this.context as Record<string, unknown>)[name] = value;
  }

  /** A copy of a JSON value made in the phone's realm. */
  json<T = unknown>(value: unknown): T {
    return (value === undefined ? undefined : this.innerJson(JSON.stringify(value))) as T;
  }

  /** Bytes as an ArrayBuffer of the phone's realm. */
  bytes(data: Uint8Array): ArrayBuffer {
    const buffer = this.innerBuffer(data.byteLength);
    new Uint8Array(buffer).set(data);
    return buffer;
  }

  /** Runs `fn` as a native callback would: a throw is the phone's uncaught error, not the caller's. */
  guard<A extends unknown[]>(where: string, fn: ((...args: A) => unknown) | undefined, ...args: A): unknown {
    if (typeof fn !== 'function') return undefined;
    try {
      return fn(...args);
    } catch (e) {
      this.faults.push({ kind: 'error', where, message: describe(e) });
      return undefined;
    }
  }

  /**
   * Runs `fn` on a later turn, counted among the timers: how the harness's "native" side answers
   * (callbacks, lifecycles), so the phone is not idle while an answer is on its way.
   */
  defer(fn: () => void): void {
    this.schedule(fn, 0, [], false);
  }

  /** `require` of a file of the package, as the phone's module system does it (once per file). */
  load(file: string): unknown {
    const resolved = this.resolve(file);
    if (!resolved) throw new Error(`module '${file}' is not defined`);
    return this.run(resolved);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    // Rejections are reported a tick after they happen: keep listening a moment longer.
    setTimeout(() => this.realProcess.off('unhandledRejection', this.onRejection), 50);
  }

  private ownsPromise(promise: Promise<unknown>): boolean {
    return promise instanceof (this.innerPromise as PromiseConstructor);
  }

  private run(file: string): unknown {
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    const code = fs.readFileSync(path.join(this.root, file), 'utf8');
    // WeChat's wrapper: the file is a function of module, exports and a relative-only require.
    const wrapper = vm.runInContext(`(function (module, exports, require) {${code}\n})`, this.context, { filename: file }) as Wrapper;
    const module = vm.runInContext('({ exports: {} })', this.context) as { exports: unknown };
    this.modules.set(file, module);
    const require = (id: string): unknown => {
      if (!id.startsWith('./') && !id.startsWith('../')) throw new Error(`module '${id}' is not defined, require args is '${id}'`);
      const target = this.resolve(path.posix.join(path.posix.dirname(file), id));
      if (!target) throw new Error(`module '${path.posix.join(path.posix.dirname(file), id)}' is not defined, require args is '${id}'`);
      return this.run(target);
    };
    try {
      wrapper.call(module.exports, module, module.exports, require);
    } catch (e) {
      this.modules.delete(file);
      throw e;
    }
    return module.exports;
  }

  /** `x` → x, x.js or x/index.js, inside the package only. */
  private resolve(file: string): string | undefined {
    const normal = path.posix.normalize(file).replace(/^\/+/, '');
    if (normal.startsWith('..')) return undefined;
    for (const candidate of [normal, `${normal}.js`, `${normal}/index.js`]) {
      const full = path.join(this.root, candidate);
      if (candidate.endsWith('.js') && fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
    }
    return undefined;
  }

  private schedule(fn: unknown, ms: number | undefined, args: unknown[], repeat: boolean): number {
    const id = this.nextTimer++;
    const delay = Math.max(0, Number(ms) || 0);
    const fire = () => {
      if (!repeat) this.timers.delete(id);
      this.guard(repeat ? 'setInterval' : 'setTimeout', fn as (...a: unknown[]) => unknown, ...args);
    };
    this.timers.set(id, repeat ? setInterval(fire, delay) : setTimeout(fire, delay));
    return id;
  }

  private cancel(id: unknown): void {
    const t = this.timers.get(Number(id));
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(Number(id));
  }

  private console(): Record<string, (...args: unknown[]) => void> {
    const out: Record<string, (...args: unknown[]) => void> = {};
    for (const level of ['log', 'info', 'warn', 'error', 'debug'])
      out[level] = (...args: unknown[]) => this.logs.push({ level, text: args.map(describe).join(' ') });
    return out;
  }
}

function describe(value: unknown): string {
  if (value && typeof value === 'object' && 'message' in value) {
    const e = value as { name?: string; message: string; stack?: string };
    return `${e.name ?? 'Error'}: ${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`;
  }
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}
