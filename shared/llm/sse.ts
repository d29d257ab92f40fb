/**
 * Server-sent events as both OpenAI and Anthropic stream them: `data:` lines (and `event:` lines)
 * separated by blank lines. Chunks may split anywhere, including inside a UTF-8 character.
 */
export class SseParser {
  private buffer = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly onEvent: (data: string, event?: string) => void) {}

  push(chunk: Buffer): void {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    let cut = this.buffer.search(/\r?\n\r?\n/);
    while (cut >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
      this.dispatch(block);
      cut = this.buffer.search(/\r?\n\r?\n/);
    }
  }

  end(): void {
    this.buffer += this.decoder.decode();
    if (this.buffer.trim()) this.dispatch(this.buffer);
    this.buffer = '';
  }

  private dispatch(block: string): void {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) this.onEvent(data.join('\n'), event);
  }
}
