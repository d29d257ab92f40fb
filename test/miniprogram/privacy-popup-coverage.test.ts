/**
 * With `__usePrivacyCheck__`, WeChat holds a gated API (the clipboard, chooseAvatar) until the user
 * agrees in the privacy popup of the page on screen; a page without one can only decline. So every page
 * that copies — itself or through a component it uses — carries `<privacy-popup>`.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../miniprogram');
const GATED = /wx\.(setClipboardData|getClipboardData|chooseAvatar)|open-type="chooseAvatar"|type="nickname"/;
const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
const gated = (dir: string) => GATED.test(read(path.join(dir, 'index.ts')) + read(path.join(dir, 'index.wxml')));

const pages = (JSON.parse(read(path.join(root, 'app.json'))) as { pages: string[] }).pages;

describe.each(pages)('%s', (page) => {
  it('has the privacy popup if it or a component it uses reaches a gated API', () => {
    const dir = path.join(root, path.dirname(page));
    const json = JSON.parse(read(path.join(dir, 'index.json'))) as { usingComponents?: Record<string, string> };
    const components = Object.values(json.usingComponents ?? {}).map((c) => path.join(root, path.dirname(c.replace(/^\//, ''))));
    const needs = gated(dir) || components.some(gated);
    if (!needs) return;
    expect(json.usingComponents).toHaveProperty('privacy-popup');
    expect(read(path.join(dir, 'index.wxml'))).toContain('<privacy-popup');
  });
});
