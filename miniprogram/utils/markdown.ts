/**
 * An answer's Markdown → the rows that components/markdown draws.
 *
 * Parser: marked's lexer (generated/markdown.js, built by scripts/build.ts; 53 KiB minified, 16 KiB
 * gzip, against markdown-it's 100 KiB / 42 KiB; mp-html and towxml render through HTML, which the
 * model must never get to write). Its tokens become a flat list of rows: every paragraph, heading,
 * code block, table and rule is one row, and the containers it sits in (quotes, list items) are its
 * gutters, outermost first. A flat list needs no recursive component, draws nesting of any depth, and
 * lets a streamed update send only the rows that changed (`rows[i]` paths in setData).
 *
 * Safety: nothing is ever interpreted as HTML. Raw HTML from the model is shown as its text; links
 * are only http(s), mailto and tel (tapping copies them); images are not loaded (a link to them).
 *
 * Streaming: the text only grows, so the blocks before the last two are final and are not parsed or
 * sent again; the tail is lexed after `streamingTail` hides or closes what is half written (a fence
 * or table row in progress, a trailing `**`), so nothing flickers between raw and rendered.
 */
import { Lexer, type MdToken, type MdTokensList } from '../generated/markdown';

/** A piece of inline text: `c` its classes (b, i, del, code, a), `h` the URL of a link. */
export interface Run {
  s: string;
  c: string;
  h?: string;
}

/** A container a row sits in: a quote's bar, or a list item's indent with its marker on the item's first row. */
export interface Gutter {
  t: 'q' | 'l';
  /** The list marker ('•', '3.', '☐'), only on the first row of an item. */
  m?: string;
  /** The first row of a quote (its bar starts below the gap above). */
  f?: boolean;
  /** The indent's width in em, the same for every item of one list. */
  w?: number;
}

export interface Row {
  k: 'p' | 'h' | 'code' | 'table' | 'hr';
  /** Containers, outermost first. */
  g: Gutter[];
  /** The space above: 'p' a paragraph's, 's' a tight list item's, '' none (the first row of a container). */
  gap: 'p' | 's' | '';
  /** Inside a quote (drawn in the secondary colour). */
  q?: boolean;
  /** Heading level 1–6. */
  lv?: number;
  runs?: Run[];
  lang?: string;
  code?: string;
  head?: Run[][];
  body?: Run[][][];
  align?: string[];
  /** The typing cursor is drawn at the end of this row. */
  cursor?: boolean;
}

/** Deeper nesting is drawn at this depth (a model's answer never needs more; hostile input gets no wider). */
export const MAX_DEPTH = 8;
const LEXER_OPTIONS = { gfm: true, breaks: true };
const SAFE_URL = /^(https?:\/\/|mailto:|tel:)/i;
const BULLETS = ['•', '◦', '▪'];

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  times: '×',
  hellip: '…',
  mdash: '—',
  ndash: '–',
};
/** marked leaves entities as written; the text is shown as text, so they are decoded here (only these and numeric ones). */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  const url = href.trim();
  return SAFE_URL.test(url) ? url : undefined;
}

function pushRun(runs: Run[], s: string, c: string, h?: string): void {
  if (!s) return;
  const last = runs[runs.length - 1];
  if (last && last.c === c && last.h === h) last.s += s;
  else runs.push(h ? { s, c, h } : { s, c });
}

function withClass(c: string, add: string): string {
  if (!c) return add;
  return c.split(' ').indexOf(add) >= 0 ? c : `${c} ${add}`;
}

/** Inline tokens → runs, nesting flattened into combined classes. */
function inline(tokens: MdToken[] | undefined, runs: Run[], c: string, h: string | undefined): void {
  if (!tokens) return;
  for (const t of tokens) {
    switch (t.type) {
      case 'strong':
        inline(t.tokens, runs, withClass(c, 'b'), h);
        break;
      case 'em':
        inline(t.tokens, runs, withClass(c, 'i'), h);
        break;
      case 'del':
        inline(t.tokens, runs, withClass(c, 'del'), h);
        break;
      case 'codespan':
        pushRun(runs, t.text ?? '', withClass(c, 'code'), h);
        break;
      case 'br':
        pushRun(runs, '\n', c, h);
        break;
      case 'link': {
        const href = h ?? safeHref(t.href);
        if (href && !h) inline(t.tokens, runs, withClass(c, 'a'), href);
        else inline(t.tokens, runs, c, h);
        break;
      }
      case 'image': {
        // Never loaded: remote images would leak the reader to any host. Shown as a copyable link.
        const href = h ?? safeHref(t.href);
        const label = `[图片${t.text ? `：${decodeEntities(t.text)}` : ''}]`;
        pushRun(runs, label, href ? withClass(c, 'a') : c, href);
        break;
      }
      case 'escape':
      case 'html':
        pushRun(runs, t.text ?? t.raw, c, h);
        break;
      case 'text':
        if (t.tokens && t.tokens.length > 0) inline(t.tokens, runs, c, h);
        else pushRun(runs, decodeEntities(t.text ?? t.raw), c, h);
        break;
      default:
        pushRun(runs, decodeEntities(t.text ?? t.raw), c, h);
    }
  }
}

function runsOf(tokens: MdToken[] | undefined): Run[] {
  const runs: Run[] = [];
  inline(tokens, runs, '', undefined);
  return runs;
}

function trimRuns(runs: Run[]): Run[] {
  // A paragraph's last line break (the text ends in "\n") would draw an empty line.
  while (runs.length > 0 && runs[runs.length - 1]!.s.endsWith('\n')) {
    const last = runs[runs.length - 1]!;
    last.s = last.s.replace(/\n+$/, '');
    if (!last.s) runs.pop();
    else break;
  }
  return runs;
}

interface Ctx {
  /** The gutters of the next row; markers and first-row flags are used up by the row that shows them. */
  g: Gutter[];
  /** The gap above the next row, and between this container's rows. */
  next: Row['gap'];
  sep: Row['gap'];
  /** How many bulleted lists the row is in (its bullet: •, ◦, ▪). */
  ul: number;
}

function addRow(rows: Row[], ctx: Ctx, row: Omit<Row, 'g' | 'gap'>): void {
  const quoted = ctx.g.some((x) => x.t === 'q');
  rows.push({ g: ctx.g.map((x) => ({ ...x })), gap: ctx.next, ...(quoted ? { q: true } : {}), ...row });
  for (const x of ctx.g) {
    if (x.m) x.m = '';
    if (x.f) delete x.f;
  }
  ctx.next = ctx.sep;
}

function markerWidth(list: MdToken): number {
  if (!list.ordered) return 1.2;
  const start = typeof list.start === 'number' ? list.start : 1;
  const digits = String(start + (list.items?.length ?? 1) - 1).length;
  return 0.9 + 0.6 * Math.min(digits, 9);
}

/** Block tokens → rows. Past MAX_DEPTH containers add no more gutters. */
function blocks(tokens: MdToken[] | undefined, rows: Row[], ctx: Ctx): void {
  if (!tokens) return;
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'def':
      case 'checkbox':
        break;
      case 'paragraph':
      case 'text': {
        const runs = trimRuns(t.tokens ? runsOf(t.tokens) : [{ s: decodeEntities(t.text ?? ''), c: '' }]);
        if (runs.length > 0) addRow(rows, ctx, { k: 'p', runs });
        break;
      }
      case 'heading':
        addRow(rows, ctx, { k: 'h', lv: Math.min(Math.max(t.depth ?? 1, 1), 6), runs: trimRuns(runsOf(t.tokens)) });
        break;
      case 'code':
        addRow(rows, ctx, {
          k: 'code',
          lang: (t.lang ?? '').trim().split(/\s+/)[0]!.slice(0, 24),
          code: (t.text ?? '').replace(/\t/g, '    '),
        });
        break;
      case 'hr':
        addRow(rows, ctx, { k: 'hr' });
        break;
      case 'table': {
        const head = (t.header ?? []).map((cell) => trimRuns(runsOf(cell.tokens)));
        const body = (t.rows ?? []).map((r) => r.map((cell) => trimRuns(runsOf(cell.tokens))));
        addRow(rows, ctx, { k: 'table', head, body, align: (t.align ?? []).map((a) => a ?? 'left') });
        break;
      }
      case 'blockquote': {
        const g = ctx.g.length >= MAX_DEPTH ? ctx.g : [...ctx.g, { t: 'q' as const, f: true }];
        const inner: Ctx = { g, next: ctx.next, sep: 'p', ul: ctx.ul };
        const before = rows.length;
        blocks(t.tokens, rows, inner);
        if (rows.length === before) addRow(rows, inner, { k: 'p', runs: [] });
        ctx.next = ctx.sep;
        break;
      }
      case 'list': {
        const start = typeof t.start === 'number' ? t.start : 1;
        const w = markerWidth(t);
        const sep: Row['gap'] = t.loose ? 'p' : 's';
        (t.items ?? []).forEach((item, i) => {
          const m = item.task ? (item.checked ? '☑' : '☐') : t.ordered ? `${start + i}.` : BULLETS[ctx.ul % BULLETS.length]!;
          const g = ctx.g.length >= MAX_DEPTH ? ctx.g : [...ctx.g, { t: 'l' as const, m, w }];
          const inner: Ctx = { g, next: i === 0 ? ctx.next : sep, sep, ul: t.ordered ? ctx.ul : ctx.ul + 1 };
          const before = rows.length;
          blocks(item.tokens, rows, inner);
          if (rows.length === before) addRow(rows, inner, { k: 'p', runs: [] });
        });
        ctx.next = ctx.sep;
        break;
      }
      case 'html':
        // Shown as written, never interpreted.
        if (t.raw.trim()) addRow(rows, ctx, { k: 'p', runs: [{ s: t.raw.replace(/\n+$/, ''), c: '' }] });
        break;
      default:
        if (t.tokens) blocks(t.tokens, rows, ctx);
        else if ((t.raw ?? '').trim()) addRow(rows, ctx, { k: 'p', runs: [{ s: t.raw.trim(), c: '' }] });
    }
  }
}

/** One top-level token → its rows (independent of the tokens around it, so each can be kept as it is). */
function rowsOfToken(token: MdToken, isFirst: boolean): Row[] {
  const rows: Row[] = [];
  blocks([token], rows, { g: [], next: isFirst ? '' : 'p', sep: 'p', ul: 0 });
  return rows;
}

/**
 * Quotes nest exponentially in marked's lexer (each level re-lexes the lines below it: 28 levels of
 * `> ` over 28 lines take seconds): quote markers past MAX_DEPTH on a line are dropped, which is also
 * as deep as rows are drawn.
 */
const DEEP_QUOTES = new RegExp(`^((?: {0,3}> ?){${MAX_DEPTH}})(?: {0,3}> ?)+`, 'gm');
function limitNesting(text: string): string {
  return text.indexOf('>') >= 0 ? text.replace(DEEP_QUOTES, '$1') : text;
}

/** \r\n and \r as \n, as the lexer reads them (so every token's source is a piece of the text as given). */
export function normalize(text: string): string {
  return limitNesting(text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text);
}

const FENCE = /^ *(`{3,}|~{3,})/;

/**
 * What is still being written, made harmless: returns the text to lex and where it was changed
 * (everything before `cut` is as given). A half-written last line that could still turn into
 * structure (a fence, a rule, a list marker, a heading mark) is held back; table lines are held back
 * until the delimiter row is complete; an open `**`, `*`, `~~` or `` ` `` on the last line is closed,
 * and one with nothing after it yet is held back.
 */
export function streamingTail(text: string): { src: string; cut: number } {
  const lines = text.split('\n');
  const lastIndex = lines.length - 1;
  const last = lines[lastIndex]!;
  const lastStart = text.length - last.length;
  const hold = (at: number) => ({ src: text.slice(0, at), cut: at });
  // Fence state at the start of the last line.
  let fence = '';
  for (let i = 0; i < lastIndex; i++) {
    const m = FENCE.exec(lines[i]!);
    if (!m) continue;
    if (!fence) fence = m[1]!;
    else if (m[1]![0] === fence[0] && m[1]!.length >= fence.length && lines[i]!.trim() === m[1]) fence = '';
  }
  if (fence) {
    // A closing fence in progress is not code.
    return /^ *(`+|~+) *$/.test(last) && last.trim()[0] === fence[0] ? hold(lastStart) : { src: text, cut: text.length };
  }
  // Table: the trailing lines that start with "|" are held back until the delimiter row is whole.
  let first = last ? lastIndex + 1 : lastIndex;
  while (first > 0 && /^ {0,3}\|/.test(lines[first - 1]!)) first--;
  if (first <= lastIndex && /^ {0,3}\|/.test(lines[first]!) && first + 1 >= lastIndex) {
    return hold(lines.slice(0, first).reduce((n, l) => n + l.length + 1, 0));
  }
  if (!last) return { src: text, cut: text.length };
  // Could still become a fence, rule, setext underline, list item, heading or quote.
  if (/^ *(`{3,}|~{3,})/.test(last) || /^ *`{1,2} *$/.test(last)) return hold(lastStart);
  if (/^ *([-*+_=~] *)+$/.test(last) || /^ *\d{1,9}[.)]? *$/.test(last) || /^ *#{1,6} *$/.test(last) || /^ *(> *)+$/.test(last))
    return hold(lastStart);
  const { strip, close } = closers(last);
  if (strip > 0) return hold(text.length - strip);
  return { src: text + close, cut: text.length };
}

/** How to close the inline constructs left open on the line (outside code spans), or how much of its end to hold back. */
function closers(line: string): { strip: number; close: string } {
  // Code spans first: a backtick run left open is closed, and what is inside it is not markup.
  let open = '';
  let openAt = 0;
  let outside = '';
  for (let i = 0; i < line.length;) {
    if (line[i] === '`') {
      let j = i;
      while (line[j] === '`') j++;
      const run = line.slice(i, j);
      if (!open) {
        open = run;
        openAt = i;
      } else if (run === open) open = '';
      i = j;
      continue;
    }
    if (!open) outside += line[i];
    i++;
  }
  // A code span just opened is held back; one with code in it is closed.
  if (open) return openAt + open.length === line.length ? { strip: open.length, close: '' } : { strip: 0, close: open };
  // A list marker is not emphasis.
  const body = outside.replace(/^ *[-*+] +/, '');
  const strong = (body.match(/\*\*/g) ?? []).length % 2 === 1;
  const single = (body.replace(/\*\*/g, '').match(/\*/g) ?? []).length % 2 === 1;
  const del = (body.match(/~~/g) ?? []).length % 2 === 1;
  // An opener with nothing after it yet: held back rather than shown as a bare "**".
  const tail = /(\*+|~~)\s*$/.exec(body);
  if (tail && (strong || single || del) && !/[^\s*~]\*+\s*$|[^\s*~]~~\s*$/.test(body))
    return { strip: line.length - line.replace(/(\*+|~~)\s*$/, '').length, close: '' };
  let close = '';
  if (single) close += '*';
  if (strong) close += '**';
  if (del) close += '~~';
  return { strip: 0, close };
}

/**
 * marked's inline pass is quadratic in the unmatched `_`/`*` of one block (`_a_a_a…` of 40 KB takes
 * seconds): a block's inline source longer than this is lexed in pieces cut at line ends (or spaces),
 * so emphasis does not span a cut there. No real answer has a paragraph this long.
 */
export const INLINE_PIECE = 2000;

function inlinePieces(src: string): string[] {
  const pieces: string[] = [];
  let at = 0;
  while (src.length - at > INLINE_PIECE) {
    const window = src.slice(at, at + INLINE_PIECE);
    let cut = window.lastIndexOf('\n') + 1;
    if (cut < INLINE_PIECE / 2) cut = window.lastIndexOf(' ') + 1;
    if (cut < INLINE_PIECE / 2) cut = INLINE_PIECE;
    // Never between the halves of a surrogate pair.
    const code = src.charCodeAt(at + cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    pieces.push(src.slice(at, at + cut));
    at += cut;
  }
  pieces.push(src.slice(at));
  return pieces;
}

/** Lexer.lex, with the inline pass in pieces (see INLINE_PIECE). */
function lexTokens(src: string): MdTokensList {
  const lexer = new Lexer(LEXER_OPTIONS);
  lexer.blockTokens(src, lexer.tokens);
  for (const { src: inlineSrc, tokens } of lexer.inlineQueue) {
    lexer.state.inRawBlock = false;
    if (inlineSrc.length <= INLINE_PIECE) lexer.inlineTokens(inlineSrc, tokens);
    else for (const piece of inlinePieces(inlineSrc)) lexer.inlineTokens(piece, tokens);
  }
  lexer.inlineQueue = [];
  return lexer.tokens;
}

/** The whole text → rows (no streaming repairs). */
export function toRows(text: string): Row[] {
  const rows: Row[] = [];
  for (const t of lexTokens(normalize(text))) rows.push(...rowsOfToken(t, rows.length === 0));
  return rows;
}

/** The setData payload that brings the drawn rows to the new ones: changed rows by path, or all of them. */
export type Patch = Record<string, unknown>;

/**
 * Keeps what was parsed of a streamed answer. `update` returns only what changed since the last call.
 * Work per update: lexing the last two blocks and the new text, and comparing the rows they give.
 */
export class MarkdownRenderer {
  private text = '';
  /** text[0, stableEnd) is lexed into stableRows, and more text cannot change it. */
  private stableEnd = 0;
  private stableRows: Row[] = [];
  private rows: Row[] = [];
  private keys: string[] = [];
  private cursorAfter = false;

  get current(): Row[] {
    return this.rows;
  }

  update(input: string, streaming: boolean): Patch {
    const text = normalize(input ?? '');
    if (!streaming || !text.startsWith(this.text)) {
      this.stableEnd = 0;
      this.stableRows = [];
    }
    this.text = text;
    const tail = text.slice(this.stableEnd);
    const { src, cut } = streaming ? streamingTail(tail) : { src: tail, cut: tail.length };
    const tokens = lexTokens(src);
    if (this.stableEnd > 0 && Object.keys(tokens.links).length > 0) {
      // A link definition applies to the blocks before it: parse them again.
      this.stableEnd = 0;
      this.stableRows = [];
      return this.update(input, streaming);
    }
    const tailRows: Row[] = [];
    const perToken = tokens.map((t) => {
      const rows = rowsOfToken(t, this.stableRows.length + tailRows.length === 0);
      tailRows.push(...rows);
      return rows;
    });
    const rows = this.stableRows.concat(tailRows);
    if (streaming) this.commit(tokens, perToken, tail, cut);
    return this.diff(rows, streaming);
  }

  /** Moves the blocks before the last two (that end before anything `streamingTail` changed) into the stable part. */
  private commit(tokens: MdToken[], perToken: Row[][], tail: string, cut: number): void {
    const solid: number[] = [];
    tokens.forEach((t, i) => {
      if (t.type !== 'space') solid.push(i);
    });
    if (solid.length < 3) return;
    const keep = solid[solid.length - 2]!;
    let length = 0;
    let n = 0;
    const newRows: Row[] = [];
    for (let i = 0; i < keep; i++) {
      const raw = tokens[i]!.raw;
      if (length + raw.length > cut || tail.slice(length, length + raw.length) !== raw) break;
      length += raw.length;
      newRows.push(...perToken[i]!);
      n = i + 1;
    }
    if (n === 0) return;
    this.stableEnd += length;
    this.stableRows = this.stableRows.concat(newRows);
  }

  private diff(next: Row[], streaming: boolean): Patch {
    // The cursor sits in the last row if it holds text; after a table or a rule, on a line of its own.
    const last = next[next.length - 1];
    const inRow = streaming && last !== undefined && last.k !== 'table' && last.k !== 'hr';
    if (inRow) next[next.length - 1] = { ...last, cursor: true };
    const cursorAfter = streaming && !inRow;
    const keys = next.map((r) => JSON.stringify(r));
    const patch: Patch = {};
    if (next.length < this.rows.length || this.rows.length === 0) {
      patch.rows = next;
    } else {
      for (let i = 0; i < next.length; i++) if (keys[i] !== this.keys[i]) patch[`rows[${i}]`] = next[i];
    }
    if (cursorAfter !== this.cursorAfter) patch.cursorAfter = cursorAfter;
    this.rows = next;
    this.keys = keys;
    this.cursorAfter = cursorAfter;
    return patch;
  }
}
