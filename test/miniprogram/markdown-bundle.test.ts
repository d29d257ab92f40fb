/**
 * @jest-environment node
 *
 * miniprogram/generated/markdown.js (marked's lexer, built by scripts/build.ts) is committed: it must
 * match its build, and it must load on phones: no eval or `new Function`, no Node or browser globals,
 * no BigInt, no lookbehind regex literal (older iOS JavaScriptCore rejects the whole file), and it
 * must still lex where `new RegExp` rejects lookbehind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { Token } from 'marked';
import ts from 'typescript';
import { buildMarkdownBundle } from '../../scripts/build';
import type { MdToken } from '../../miniprogram/generated/markdown';

const file = path.join(__dirname, '../../miniprogram/generated/markdown.js');
const code = fs.readFileSync(file, 'utf8');

// The hand-written types of the bundle describe marked's own tokens.
const asMd = (t: Token): MdToken => t;
void asMd;

function load(prelude = '', sandbox: Record<string, unknown> = {}): { Lexer: new (o: object) => { lex(s: string): unknown } } {
  Object.assign(sandbox, { module: { exports: {} } });
  // A bare context: the language's built-ins and nothing else (no require, process, Buffer, window, wx).
  vm.runInNewContext(`${prelude}\n(function (module, exports) {\n${code}\n})(module, module.exports);`, sandbox, {
    filename: 'markdown.js',
  });
  return (sandbox.module as { exports: never }).exports;
}

it('is up to date with its build (run `npm run build` after changing marked or the build)', async () => {
  expect(code === (await buildMarkdownBundle(false))).toBe(true);
}, 30_000);

it('uses nothing a phone does not have', () => {
  expect(code).not.toMatch(/\beval\s*\(|new Function|\bFunction\s*\(/);
  expect(code).not.toMatch(/\bBigInt\b|\d+n\b(?![\w$])/);
  expect(code).not.toMatch(/\b(process|Buffer|require|window|document|globalThis|setImmediate)\b/);
  expect(code.length).toBeLessThan(64 * 1024);
});

it('has no lookbehind in a regex literal (only in strings tried behind a feature test)', () => {
  const source = ts.createSourceFile('markdown.js', code, ts.ScriptTarget.ES2018, false, ts.ScriptKind.JS);
  const literals: string[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) literals.push(node.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  expect(literals.length).toBeGreaterThan(20);
  expect(literals.filter((l) => /\(\?<[=!]/.test(l))).toEqual([]);
});

it('loads in a bare context and lexes, also where new RegExp rejects lookbehind', () => {
  const md = '# 标题\n\n**粗** www.a.cn `x` ~~删~~\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [ ] 任务\n';
  const modern = new (load().Lexer)({ gfm: true, breaks: true }).lex(md);
  const oldIos = `
    const NativeRegExp = RegExp;
    RegExp = function RegExp(pattern, flags) {
      const source = pattern instanceof NativeRegExp ? pattern.source : String(pattern);
      if (/\\(\\?<[=!]/.test(source)) tried.count++;
      if (/\\(\\?<[=!]/.test(source)) throw new SyntaxError('Invalid regular expression: invalid group specifier name');
      return new NativeRegExp(pattern, flags);
    };
    RegExp.prototype = NativeRegExp.prototype;`;
  const tried = { count: 0 };
  const old = new (load(oldIos, { tried }).Lexer)({ gfm: true, breaks: true }).lex(md);
  expect(tried.count).toBeGreaterThan(0);
  expect(JSON.stringify(old)).toBe(JSON.stringify(modern));
  expect(JSON.stringify(modern)).toContain('"type":"table"');
});
