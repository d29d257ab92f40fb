// Types of the generated bundle markdown.js: marked's lexer (see scripts/build.ts), as far as
// miniprogram/utils/markdown.ts reads its tokens. test/miniprogram/markdown-bundle.test.ts checks them against marked's own.
export interface MdCell {
  text: string;
  tokens: MdToken[];
}

export interface MdToken {
  type: string;
  raw: string;
  text?: string;
  tokens?: MdToken[];
  /** heading */
  depth?: number;
  /** code */
  lang?: string;
  /** link, image */
  href?: string;
  /** list */
  ordered?: boolean;
  start?: number | '';
  loose?: boolean;
  items?: MdToken[];
  /** list_item */
  task?: boolean;
  checked?: boolean;
  /** table */
  header?: MdCell[];
  rows?: MdCell[][];
  align?: Array<'center' | 'left' | 'right' | null>;
}

export interface MdLexerOptions {
  gfm?: boolean;
  breaks?: boolean;
}

export type MdTokensList = MdToken[] & { links: Record<string, { href: string | null; title: string | null }> };

export declare class Lexer {
  constructor(options?: MdLexerOptions);
  tokens: MdTokensList;
  state: { inRawBlock: boolean };
  /** The inline source of each block, lexed after the blocks (lex() does this; utils/markdown.ts does it in pieces). */
  inlineQueue: Array<{ src: string; tokens: MdToken[] }>;
  lex(src: string): MdTokensList;
  blockTokens(src: string, tokens?: MdTokensList): MdTokensList;
  inlineTokens(src: string, tokens?: MdToken[]): MdToken[];
}
