/**
 * A copy of `text` that holds only its own characters. A piece of a line is a view into the whole
 * line (and the line into the chunk the stream decoded it from) when it is 13 characters or longer,
 * which would keep all of that alive for as long as the piece is.
 */
export function ownCopy(text: string): string {
  // JSON keeps every code unit (a lone surrogate too), and parsing builds a new string.
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
