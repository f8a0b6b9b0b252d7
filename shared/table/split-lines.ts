/**
 * A stream's bytes as UTF-8 text lines, without their line breaks, a batch per chunk: the lines
 * `node:readline` gives with `crlfDelay: Infinity` (`\r\n`, `\n` and a lone `\r` each end a line, a
 * `\r\n` split between chunks included; empty lines are kept; a last line without a break is given; a
 * BOM is kept), without its event and promise per line. A chunk that ends mid-line yields the lines
 * before it; a chunk inside one long line yields nothing. An error from `chunks` is thrown as it is,
 * after the lines of the chunks before it.
 *
 * Unlike readline, an incomplete UTF-8 sequence at the very end is read as U+FFFD rather than dropped.
 *
 * @example for await (const lines of splitLines(createReadStream(path))) for (const line of lines) …
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // The unfinished line the last chunk ended with.
  let carry = '';
  // The last chunk ended with `\r`: a `\n` starting the next one belongs to it.
  let afterReturn = false;
  for await (const chunk of chunks) {
    let text = decoder.decode(chunk, { stream: true });
    if (text === '') continue;
    if (afterReturn && text.charCodeAt(0) === 10 /* \n */) text = text.slice(1);
    afterReturn = false;
    if (text === '') continue;
    const lines = text.includes('\r') ? text.split(ANY_BREAK) : text.split('\n');
    const last = lines.length - 1;
    if (last === 0) {
      carry += text;
      continue;
    }
    if (carry !== '') {
      lines[0] = carry + (lines[0] as string);
      carry = '';
    }
    // A chunk ending in `\r` ends its line there; `split` gave an empty piece after it.
    afterReturn = text.charCodeAt(text.length - 1) === 13 /* \r */;
    carry = lines[last] as string;
    lines.length = last;
    yield lines;
  }
  carry += decoder.decode();
  if (carry !== '') yield [carry];
}

const ANY_BREAK = /\r\n|\n|\r/;
