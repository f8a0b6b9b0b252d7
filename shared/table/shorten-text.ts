/**
 * Text as quoted in a message: whole when short, else its start and how long it is, so a message about
 * a bad cell never carries a megabyte of it.
 *
 * @example shortenText('A'.repeat(5000), 10) // 'AAAAAAAAAA… (5,000 characters)'
 */
export function shortenText(text: string, max = 100): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length.toLocaleString('en-GB')} characters)`;
}
