import * as path from 'node:path';
import simulate = require('miniprogram-simulate');

type PageDefinition = Record<string, unknown> & {
  data?: Record<string, unknown>;
  onLoad?: (query: Record<string, string>) => unknown;
  onShow?: () => unknown;
  onReady?: () => unknown;
  onUnload?: () => unknown;
};

const root = path.resolve(__dirname, '../../../miniprogram');
let pendingQuery: Record<string, string> = {};

/**
 * miniprogram-simulate renders components only. A page is a component with page lifecycles, so
 * `Page(def)` is registered as `Component` whose attach runs onLoad(query) and onShow, and whose
 * methods include every function of the page. The page code itself runs unchanged.
 */
(globalThis as unknown as { Page: (def: PageDefinition) => void }).Page = (def) => {
  const { data, onLoad, onShow, onReady, onUnload, ...rest } = def;
  const methods: Record<string, unknown> = { onLoad, onShow, onReady, onUnload };
  for (const [k, v] of Object.entries(rest)) if (typeof v === 'function') methods[k] = v;
  (globalThis as unknown as { Component: (def: object) => void }).Component({
    data: JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>,
    methods,
    lifetimes: {
      attached(this: PageDefinition) {
        void this.onLoad?.(pendingQuery);
        void this.onShow?.();
      },
      ready(this: PageDefinition) {
        void this.onReady?.();
      },
      detached(this: PageDefinition) {
        void this.onUnload?.();
      },
    },
  });
};

export interface RenderedPage {
  root: ReturnType<typeof simulate.render>;
  instance: Record<string, unknown> & { data: Record<string, unknown>; setData(d: object): void };
}

/** Loads `pages/<name>/index` from source and attaches it, as DevTools would open it. */
// jest caches modules, so a page's code runs (and registers) once per test file: keep its id.
const loaded = new Map<string, string>();

/**
 * `compiler: 'official'` compiles with WeChat's own WXML compiler, which draws `<template is>` (the
 * Markdown component's inline text); the default is simulate's own, faster one.
 */
export function renderPage(page: string, query: Record<string, string> = {}, compiler: 'simulate' | 'official' = 'simulate'): RenderedPage {
  pendingQuery = query;
  const key = `${compiler}:${page}`;
  let id = loaded.get(key);
  if (!id) {
    id = simulate.load(path.join(root, page), { rootPath: root, compiler });
    loaded.set(key, id);
  }
  const rendered = simulate.render(id);
  rendered.attach(document.createElement('parent-wrapper'));
  return { root: rendered, instance: rendered.instance as RenderedPage['instance'] };
}

export { simulate };
