/**
 * Markdown → rows (miniprogram/utils/markdown.ts), on the committed generated/markdown.js lexer: each
 * construct, hostile input, and streaming (half-written constructs, and incremental updates that give
 * exactly what a fresh parse of the same text gives).
 */
import fc from 'fast-check';
import { MarkdownRenderer, MAX_DEPTH, streamingTail, toRows, type Row, type Run } from '../../miniprogram/utils/markdown';

const text = (runs: Run[] | undefined) => (runs ?? []).map((r) => r.s).join('');
const only = (md: string) => {
  const rows = toRows(md);
  expect(rows).toHaveLength(1);
  return rows[0]!;
};
/** Every string the rows would draw, for "is it shown as text" checks. */
const drawn = (rows: Row[]) =>
  rows.map((r) => [text(r.runs), r.code ?? '', ...(r.head ?? []).map(text), ...(r.body ?? []).flat().map(text)].join('|')).join('\n');

describe('constructs', () => {
  it('headings 1–6', () => {
    const rows = toRows('# 一\n## 二\n###### 六\n####### 七');
    expect(rows.map((r) => [r.k, r.lv, text(r.runs)])).toEqual([
      ['h', 1, '一'],
      ['h', 2, '二'],
      ['h', 6, '六'],
      ['p', undefined, '####### 七'],
    ]);
    expect(rows[0]!.gap).toBe('');
    expect(rows[1]!.gap).toBe('p');
  });

  it('bold, italic, strikethrough, inline code, nested emphasis as combined classes', () => {
    const row = only('a **b *c*** _d_ ~~e~~ `f *g*` ***h***');
    expect(row.runs).toEqual([
      { s: 'a ', c: '' },
      { s: 'b ', c: 'b' },
      { s: 'c', c: 'b i' },
      { s: ' ', c: '' },
      { s: 'd', c: 'i' },
      { s: ' ', c: '' },
      { s: 'e', c: 'del' },
      { s: ' ', c: '' },
      { s: 'f *g*', c: 'code' },
      { s: ' ', c: '' },
      { s: 'h', c: expect.stringMatching(/^(b i|i b)$/) },
    ]);
  });

  it('line breaks: a single newline, two trailing spaces and a backslash all break the line', () => {
    expect(text(only('一\n二  \n三\\\n四').runs)).toBe('一\n二\n三\n四');
    expect(toRows('段一\n\n段二').map((r) => text(r.runs))).toEqual(['段一', '段二']);
  });

  it('unordered and ordered lists, nested, with markers on each item’s first row only', () => {
    const rows = toRows('1. 一\n2. 二\n   - 甲\n     - 子\n   - 乙\n3. 三\n\n段\n\n5. 五\n6. 六');
    expect(rows.map((r) => [text(r.runs), r.g.map((g) => g.m)])).toEqual([
      ['一', ['1.']],
      ['二', ['2.']],
      ['甲', ['', '•']],
      ['子', ['', '', '◦']],
      ['乙', ['', '•']],
      ['三', ['3.']],
      ['段', []],
      ['五', ['5.']],
      ['六', ['6.']],
    ]);
    expect(rows.map((r) => r.gap)).toEqual(['', 's', 's', 's', 's', 's', 'p', 'p', 's']);
    expect(rows[0]!.g[0]!.w).toBe(rows[5]!.g[0]!.w);
  });

  it('a loose list spaces its items as paragraphs; an item’s second paragraph has no marker', () => {
    const rows = toRows('- 一\n\n  续\n- 二');
    expect(rows.map((r) => [text(r.runs), r.g[0]!.m, r.gap])).toEqual([
      ['一', '•', ''],
      ['续', '', 'p'],
      ['二', '•', 'p'],
    ]);
  });

  it('task lists', () => {
    expect(toRows('- [x] 完成\n- [ ] 待办').map((r) => [r.g[0]!.m, text(r.runs)])).toEqual([
      ['☑', '完成'],
      ['☐', '待办'],
    ]);
  });

  it('block quotes, nested, and lists and code inside them', () => {
    const rows = toRows('> 引\n> > 再引\n>\n> - 项\n>\n> ```\n> x\n> ```');
    expect(rows.map((r) => [r.k, r.g.map((g) => g.t + (g.f ? '!' : '')).join(''), r.q])).toEqual([
      ['p', 'q!', true],
      ['p', 'qq!', true],
      ['p', 'ql', true],
      ['code', 'q', true],
    ]);
    expect(rows[3]!.code).toBe('x');
  });

  it('links: http(s), mailto and tel are links (copied on tap); anything else is its text only', () => {
    const row = only(
      '[官网](https://a.cn/x?y=1) <https://b.cn> www.c.cn [信](mailto:a@b.cn) [电](tel:10086) [坏](javascript:alert(1)) [坏2](JAVASCRIPT:x) [数据](data:text/html,x) [相对](/x)',
    );
    const links = (row.runs ?? []).filter((r) => r.h).map((r) => [r.s, r.h, r.c]);
    expect(links).toEqual([
      ['官网', 'https://a.cn/x?y=1', 'a'],
      ['https://b.cn', 'https://b.cn', 'a'],
      ['www.c.cn', 'http://www.c.cn', 'a'],
      ['信', 'mailto:a@b.cn', 'a'],
      ['电', 'tel:10086', 'a'],
    ]);
    expect(text(row.runs)).toContain('坏');
    expect(JSON.stringify(row)).not.toMatch(/javascript|data:/i);
  });

  it('bold inside a link, and a link inside bold, keep both', () => {
    expect(only('[**粗**链](https://a.cn)').runs).toEqual([
      { s: '粗', c: 'a b', h: 'https://a.cn' },
      { s: '链', c: 'a', h: 'https://a.cn' },
    ]);
    expect(only('**[链](https://a.cn)**').runs).toEqual([{ s: '链', c: 'b a', h: 'https://a.cn' }]);
  });

  it('images are never loaded: a labelled link to copy, or text', () => {
    expect(only('![图](https://a.cn/p.png)').runs).toEqual([{ s: '[图片：图]', c: 'a', h: 'https://a.cn/p.png' }]);
    expect(only('![x](javascript:1)').runs).toEqual([{ s: '[图片：x]', c: '' }]);
  });

  it('tables, with alignment and inline markup in cells', () => {
    const row = only('| 名 | 价 | 注 |\n| :-- | --: | :-: |\n| **故宫** | 60 | `a\\|b` |\n| 长城 | 40 |');
    expect(row.k).toBe('table');
    expect(row.align).toEqual(['left', 'right', 'center']);
    expect(row.head!.map(text)).toEqual(['名', '价', '注']);
    expect(row.body!.map((r) => r.map(text))).toEqual([
      ['故宫', '60', 'a|b'],
      ['长城', '40', ''],
    ]);
    expect(row.body![0]![0]).toEqual([{ s: '故宫', c: 'b' }]);
  });

  it('fenced and indented code: the code as written, the language, tabs as spaces', () => {
    const row = only('```TypeScript extra\nconst a = 1;\n\tif (a) {}\n<b>&amp;</b>\n```');
    expect(row).toMatchObject({ k: 'code', lang: 'TypeScript', code: 'const a = 1;\n    if (a) {}\n<b>&amp;</b>' });
    expect(only('    indented\n    code')).toMatchObject({ k: 'code', lang: '', code: 'indented\ncode' });
    expect(only('~~~\nx\n~~~')).toMatchObject({ k: 'code', code: 'x' });
  });

  it('horizontal rules', () => {
    expect(toRows('上\n\n---\n\n***\n下').map((r) => r.k)).toEqual(['p', 'hr', 'hr', 'p']);
  });

  it('entities are decoded in text, not in code', () => {
    expect(only('a &amp; b &lt;c&gt; &#x4e2d; &#20013; &nosuch; &#0; `&amp;`').runs).toEqual([
      { s: 'a & b <c> 中 中 &nosuch; \ufffd ', c: '' },
      { s: '&amp;', c: 'code' },
    ]);
  });

  it('CRLF as LF', () => {
    expect(toRows('# a\r\n\r\nb\r\nc')).toEqual(toRows('# a\n\nb\nc'));
  });
});

describe('hostile input', () => {
  it('raw HTML is shown as its text, block and inline', () => {
    const rows = toRows(
      '<script>alert(1)</script>\n\n前 <img src=x onerror=alert(1)> 后 <a href="javascript:x">a</a>\n\n<div onclick="x">\n块\n</div>',
    );
    const shown = drawn(rows);
    expect(shown).toContain('<script>alert(1)</script>');
    expect(shown).toContain('<img src=x onerror=alert(1)>');
    expect(shown).toContain('<div onclick="x">');
    // No link, no image, nothing but text came out of it.
    expect(rows.every((r) => r.k === 'p' && (r.runs ?? []).every((x) => x.h === undefined && x.c === ''))).toBe(true);
  });

  it('javascript:, vbscript:, data: and entity-hidden schemes never become links', () => {
    for (const href of [
      'javascript:alert(1)',
      ' javascript:x',
      'vbscript:x',
      'data:text/html;base64,x',
      'jav&#x61;script:x',
      'java\nscript:x',
      '//evil.cn',
    ])
      expect((only(`[x](${href}) <${href}>`).runs ?? []).some((r) => r.h)).toBe(false);
  });

  it('deeply nested quotes and lists are drawn, at most MAX_DEPTH gutters wide', () => {
    const quotes = toRows('>'.repeat(5000) + ' 深');
    expect(text(quotes[quotes.length - 1]!.runs)).toBe('深');
    expect(quotes.every((r) => r.g.length <= MAX_DEPTH)).toBe(true);
    const list = toRows(Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- ${i}`).join('\n'));
    expect(list.every((r) => r.g.length <= MAX_DEPTH)).toBe(true);
    expect(drawn(list)).toContain('59');
    // Quotes over many lines nest exponentially in the lexer unless cut: this must stay fast.
    const started = Date.now();
    const mixed = toRows(Array.from({ length: 200 }, (_, i) => `${'> '.repeat(i)}- 项${i}`).join('\n'));
    expect(mixed.every((r) => r.g.length <= MAX_DEPTH)).toBe(true);
    const alternating = toRows(Array.from({ length: 40 }, (_, i) => '- > '.repeat(i) + '项').join('\n'));
    expect(alternating.every((r) => r.g.length <= MAX_DEPTH)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('100 KB inputs, plain and pathological, parse in bounded time', () => {
    const plain = Array.from(
      { length: 400 },
      (_, i) => `## 第 ${i} 节\n\n正文 **粗** *斜* \`码\` [链](https://a.cn)。\n\n- 项\n- 项\n`,
    ).join('\n');
    const cases = [
      plain.slice(0, 100_000),
      '*'.repeat(100_000),
      '**a '.repeat(25_000),
      '['.repeat(100_000),
      '[a]('.repeat(25_000),
      '`'.repeat(100_000),
      '<'.repeat(100_000),
      '<a '.repeat(33_000),
      '|'.repeat(100_000),
      '| a '.repeat(25_000) + '\n' + '|-'.repeat(25_000),
      '- '.repeat(50_000),
      '_a'.repeat(50_000),
      'a\n'.repeat(50_000),
      '~~~\n' + 'x\n'.repeat(50_000),
    ];
    for (const md of cases) {
      const started = Date.now();
      const rows = toRows(md);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(Array.isArray(rows)).toBe(true);
      // The streaming path too (repairs included), in one go.
      expect(Object.keys(new MarkdownRenderer().update(md, true)).length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('odd input never throws', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '*',
            '_',
            '`',
            '~',
            '|',
            '-',
            '>',
            '#',
            '[',
            ']',
            '(',
            ')',
            '<',
            '!',
            '\n',
            ' ',
            'a',
            '中',
            '1',
            '.',
            '\\',
            '&',
            ':',
          ),
        }),
        (md) => {
          toRows(md);
          new MarkdownRenderer().update(md, true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('streaming: what is half written', () => {
  const src = (md: string) => streamingTail(md).src;

  it('an unclosed fence is a code block up to the end; a closing fence in progress is held back', () => {
    expect(toRows(src('看：\n```js\nconst a = 1;\n'))).toMatchObject([{ k: 'p' }, { k: 'code', lang: 'js', code: 'const a = 1;' }]);
    expect(src('```js\nx\n``')).toBe('```js\nx\n');
    // Inside the code, nothing is "repaired".
    expect(src('```\na **b')).toBe('```\na **b');
  });

  it('a fence opener still being typed is held back (no language flickering in)', () => {
    expect(src('看：\n```pyt')).toBe('看：\n');
    expect(src('看：\n``')).toBe('看：\n');
  });

  it('a trailing ** or * with nothing after it is held back; an open one with text is closed', () => {
    expect(src('这是 **')).toBe('这是 ');
    expect(src('这是 *')).toBe('这是 ');
    expect(src('这是 **重')).toBe('这是 **重**');
    expect(src('这是 *斜')).toBe('这是 *斜*');
    expect(src('***都')).toBe('***都***');
    expect(src('~~删')).toBe('~~删~~');
    expect(src('代码 `a')).toBe('代码 `a`');
    expect(src('代码 `')).toBe('代码 ');
    expect(src('已闭合 **b** 和 `c`')).toBe('已闭合 **b** 和 `c`');
    expect(src('- 列表项')).toBe('- 列表项');
    expect(toRows(src('先 **重点'))[0]!.runs).toEqual([
      { s: '先 ', c: '' },
      { s: '重点', c: 'b' },
    ]);
  });

  it('table lines are held back until the delimiter row is whole, then rows show as they come', () => {
    expect(src('表：\n| a | b |')).toBe('表：\n');
    expect(src('表：\n| a | b |\n')).toBe('表：\n');
    expect(src('表：\n| a | b |\n| -- | -')).toBe('表：\n');
    expect(src('表：\n| a | b |\n| -- | -- |\n| 1 | 2')).toBe('表：\n| a | b |\n| -- | -- |\n| 1 | 2');
    const rows = toRows(src('| a | b |\n| -- | -- |\n| 1 | **2'));
    expect(rows[0]!.body).toEqual([[[{ s: '1', c: '' }], [{ s: '2', c: 'b' }]]]);
  });

  it('a last line that could still become a rule, heading, list or quote is held back', () => {
    for (const partial of ['-', '--', '*', '=', '1', '1.', '12)', '#', '###', '>', '> >', '+'])
      expect(src(`段落\n${partial}`)).toBe('段落\n');
  });
});

describe('streaming: incremental updates', () => {
  const sample = [
    '# 标题\n\n',
    '第一段，有 **粗体** 和 `代码`。\n第二行\n\n',
    '1. 一\n2. 二\n   - 甲\n\n',
    '> 引用\n> > 再引\n\n',
    '| 名 | 价 |\n| -- | --: |\n| a | 1 |\n| b | 2 |\n\n',
    '```py\nprint(1)\n\nprint(2)\n```\n\n',
    '- [ ] 任务\n- 项\n\n  续段\n\n',
    '标题二\n---\n\n',
    '***\n\n',
    '最后一段 [链接](https://a.cn) 结束。',
  ].join('');

  /** Feeds the text in chunks, as the stream would, and applies each patch to a copy of the drawn rows. */
  function stream(md: string, chunks: number[]): { renderer: MarkdownRenderer; drawnRows: Row[] } {
    const renderer = new MarkdownRenderer();
    let drawnRows: Row[] = [];
    let at = 0;
    const apply = (patch: Record<string, unknown>) => {
      if (patch.rows) drawnRows = (patch.rows as Row[]).slice();
      for (const [k, v] of Object.entries(patch)) {
        const m = /^rows\[(\d+)\]$/.exec(k);
        if (m) drawnRows[Number(m[1])] = v as Row;
      }
    };
    for (const n of chunks) {
      at = Math.min(md.length, at + n);
      apply(renderer.update(md.slice(0, at), true));
      // What is drawn is always exactly a fresh parse of the same text.
      expect(drawnRows).toEqual(new MarkdownRenderer().update(md.slice(0, at), true).rows ?? []);
      if (at === md.length) break;
    }
    apply(renderer.update(md, false));
    return { renderer, drawnRows };
  }

  it('character by character, the drawn rows equal a fresh parse at every step, and the final parse at the end', () => {
    const { drawnRows } = stream(
      sample,
      Array.from({ length: sample.length }, () => 1),
    );
    expect(drawnRows).toEqual(toRows(sample));
  });

  it('in random chunks and random documents, likewise', () => {
    const block = fc.constantFrom(
      ...sample.split(/(?<=\n\n)/),
      '- a\n- b\n',
      '> q\n',
      '| x |\n| - |\n',
      '```\ncode\n',
      'text **b',
      '<b>x</b>\n',
    );
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }),
        (blocks, sizes) => {
          const md = blocks.join('');
          const chunks = [...sizes, md.length];
          const { drawnRows } = stream(md, chunks);
          expect(drawnRows).toEqual(toRows(md));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sends only the rows that changed, and settled blocks are not parsed again', () => {
    const renderer = new MarkdownRenderer();
    renderer.update(sample.slice(0, sample.length - 10), true);
    const patch = renderer.update(sample.slice(0, sample.length - 5), true);
    expect(Object.keys(patch)).toEqual([`rows[${renderer.current.length - 1}]`]);
    expect((renderer as unknown as { stableEnd: number }).stableEnd).toBeGreaterThan(sample.length / 2);
  });

  it('the cursor: in the last row of text or code, on its own line after a table or rule or before any text', () => {
    const r = new MarkdownRenderer();
    expect(r.update('', true)).toEqual({ rows: [], cursorAfter: true });
    r.update('你好', true);
    expect(r.current[0]!.cursor).toBe(true);
    r.update('你好\n\n```\ncode', true);
    expect(r.current.map((x) => !!x.cursor)).toEqual([false, true]);
    expect(r.update('你好\n\n---\n', true)).toMatchObject({ cursorAfter: true });
    expect(r.current.some((x) => x.cursor)).toBe(false);
    const done = r.update('你好\n\n---\n', false);
    expect(done).toEqual({ cursorAfter: false });
  });

  it('a new text that does not continue the old one (regenerate) is parsed afresh', () => {
    const r = new MarkdownRenderer();
    r.update(sample, true);
    r.update('全新的回答', true);
    expect(r.current.map((x) => text(x.runs))).toEqual(['全新的回答']);
  });

  it('a link definition later in the text applies to the blocks before it', () => {
    const r = new MarkdownRenderer();
    const md = '见 [文档][d]。\n\n段二\n\n段三\n\n段四\n\n[d]: https://a.cn\n';
    for (let i = 1; i <= md.length; i++) r.update(md.slice(0, i), true);
    expect(r.current[0]!.runs).toContainEqual({ s: '文档', c: 'a', h: 'https://a.cn' });
  });

  it('measures: a 4,000-character answer parsed whole, and streamed in 20-character updates', () => {
    let md = '';
    while (md.length < 4000) md += sample + '\n\n';
    md = md.slice(0, 4000);
    const timeIt = (fn: () => void, n: number) => {
      fn();
      const t = process.hrtime.bigint();
      for (let i = 0; i < n; i++) fn();
      return Number(process.hrtime.bigint() - t) / 1e6 / n;
    };
    const whole = timeIt(() => toRows(md), 20);
    const streamed = timeIt(() => {
      const r = new MarkdownRenderer();
      for (let at = 20; at < md.length + 20; at += 20) r.update(md.slice(0, at), true);
    }, 3);
    const naive = timeIt(() => {
      for (let at = 20; at < md.length + 20; at += 20) new MarkdownRenderer().update(md.slice(0, at), true);
    }, 3);
    console.info(
      `markdown 4,000 chars: whole parse ${whole.toFixed(2)} ms; streamed in ${Math.ceil(md.length / 20)} updates ${streamed.toFixed(1)} ms in all (${(streamed / (md.length / 20)).toFixed(3)} ms each), re-parsing everything each time ${naive.toFixed(1)} ms`,
    );
    expect(streamed).toBeLessThan(naive);
  }, 60_000);
});
