/**
 * `npx tsx scripts/gen-tabbar-icons.ts`: draws the tab bar icons (对话, 钱包, 我的) from the SVG sources in
 * scripts/assets/tabbar/ into miniprogram/assets/tabbar/*.png. `name.svg` is the unselected icon,
 * `name-active.svg` the selected one; `currentColor` in a source becomes the tab bar's colour
 * (app.json tabBar.color / selectedColor). WeChat asks for PNG (no SVG in tabBar.iconPath), at most
 * 40 KB each, 81×81 px recommended. The PNGs are committed; rerun this after changing a source.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(__dirname, '..');
const SOURCES = path.join(root, 'scripts/assets/tabbar');
const OUT = path.join(root, 'miniprogram/assets/tabbar');

export const TAB_ICONS = ['chat', 'wallet', 'me'] as const;
export const ICON_SIZE = 81;
export const ICON_MAX_BYTES = 40 * 1024;
const COLORS = { normal: '#7F7F7F', selected: '#07C160' };

/** One icon as PNG bytes: the source with its colour filled in, rendered at 81×81. */
export function renderIcon(svg: string, color: string): Buffer {
  const resvg = new Resvg(svg.replace(/currentColor/g, color), { fitTo: { mode: 'width', value: ICON_SIZE } });
  return Buffer.from(resvg.render().asPng());
}

function main(): void {
  fs.mkdirSync(OUT, { recursive: true });
  for (const name of TAB_ICONS) {
    for (const [suffix, color] of [
      ['', COLORS.normal],
      ['-active', COLORS.selected],
    ] as const) {
      const png = renderIcon(fs.readFileSync(path.join(SOURCES, `${name}${suffix}.svg`), 'utf8'), color);
      if (png.length > ICON_MAX_BYTES) throw new Error(`${name}${suffix}.png is ${png.length} bytes, over WeChat's 40 KB`);
      fs.writeFileSync(path.join(OUT, `${name}${suffix}.png`), png);
      console.log(`wrote miniprogram/assets/tabbar/${name}${suffix}.png (${png.length} bytes)`);
    }
  }
}

if (require.main === module) main();
