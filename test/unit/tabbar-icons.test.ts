import * as fs from 'node:fs';
import * as path from 'node:path';
import { ICON_MAX_BYTES, ICON_SIZE, renderIcon, TAB_ICONS } from '../../scripts/gen-tabbar-icons';

const root = path.resolve(__dirname, '../..');
const app = JSON.parse(fs.readFileSync(path.join(root, 'miniprogram/app.json'), 'utf8')) as {
  tabBar: { color: string; selectedColor: string; list: Array<{ iconPath?: string; selectedIconPath?: string }> };
};

/** Width and height from a PNG's IHDR chunk (after the 8-byte signature: length, "IHDR", width, height). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('tab bar icons', () => {
  const paths = app.tabBar.list.flatMap((t) => [t.iconPath, t.selectedIconPath]);

  it('every tab has both icons', () => {
    expect(app.tabBar.list).toHaveLength(TAB_ICONS.length);
    expect(paths.every((p) => typeof p === 'string')).toBe(true);
  });

  it.each(paths.map((p) => [p!]))('%s exists, is an 81×81 PNG and at most 40 KB', (p) => {
    const file = path.join(root, 'miniprogram', p);
    expect(fs.existsSync(file)).toBe(true);
    const png = fs.readFileSync(file);
    expect(png.length).toBeLessThanOrEqual(ICON_MAX_BYTES);
    expect(pngSize(png)).toEqual({ width: ICON_SIZE, height: ICON_SIZE });
  });

  it('the committed PNGs are what the script draws from the SVG sources', () => {
    for (const name of TAB_ICONS) {
      for (const [suffix, color] of [
        ['', app.tabBar.color],
        ['-active', app.tabBar.selectedColor],
      ] as const) {
        const svg = fs.readFileSync(path.join(root, `scripts/assets/tabbar/${name}${suffix}.svg`), 'utf8');
        const committed = fs.readFileSync(path.join(root, `miniprogram/assets/tabbar/${name}${suffix}.png`));
        expect(renderIcon(svg, color).equals(committed)).toBe(true);
      }
    }
  });
});
