import * as path from 'node:path';
import simulate = require('miniprogram-simulate');
import type { RenderedPage } from '../support/page';

/**
 * Renders the conversation page like support/page.ts's `renderPage`, but with WeChat's own WXML
 * compiler: the markdown component draws its rows with `<template is>`, which the pure-JS compiler
 * does not render. `Page(def)` becomes a Component whose attach runs onLoad(query) and onShow.
 */
type PageDefinition = Record<string, unknown> & {
  data?: Record<string, unknown>;
  onLoad?: (query: Record<string, string>) => unknown;
  onShow?: () => unknown;
  onReady?: () => unknown;
  onUnload?: () => unknown;
};

const root = path.resolve(__dirname, '../../../miniprogram');
let pendingQuery: Record<string, string> = {};
let id: string | undefined;

function installPageShim(): void {
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
        detached(this: PageDefinition) {
          void this.onUnload?.();
        },
      },
    });
  };
}

export function renderConversation(query: Record<string, string> = {}): RenderedPage {
  pendingQuery = query;
  if (!id) {
    installPageShim();
    id = simulate.load(path.join(root, 'pages/conversation/index'), { rootPath: root, compiler: 'official' });
  }
  const rendered = simulate.render(id);
  rendered.attach(document.createElement('parent-wrapper'));
  return { root: rendered, instance: rendered.instance as RenderedPage['instance'] };
}
