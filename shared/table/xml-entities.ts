/** XML's five named entities (a Map: a plain object would also find `constructor` and the like). */
export const XML_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Text with XML's five named entities decoded, once (`&amp;lt;` gives `&lt;`); any other `&…;` is left
 * as written. What exceljs writes, read back; and its second decoding of `str` and `inlineStr` cells.
 */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([a-z]*);/g, (entity, name: string) => XML_ENTITIES.get(name) ?? entity);
}
