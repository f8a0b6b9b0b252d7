/**
 * V8 makes a piece of a string of 13 characters or more (`slice`, `split`) a view that keeps the whole
 * string alive, so a field kept would keep its line, and the line the chunk it was decoded from. Shorter
 * pieces are copies already.
 */
const SHORTEST_VIEW = 13;

/**
 * A copy of `text` that holds only its own characters, every UTF-16 code unit kept (a lone surrogate too).
 *
 * @example ownCopy(chunk.slice(start, end)) // keeps the piece, not the chunk
 */
export function ownCopy(text: string): string {
  if (text.length < SHORTEST_VIEW) return text;
  // A join of two pieces, flattened by reading a character: one new string of the text alone (the join
  // then points at it, and the GC drops the join). Several times faster than a JSON round trip. The
  // comparison, always true, only keeps a compiler from dropping the read as unused.
  const copy = text.slice(0, 1) + text.slice(1);
  return copy.charCodeAt(0) === text.charCodeAt(0) ? copy : text;
}
