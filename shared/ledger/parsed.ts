/** What a cell parser returns: the value, or a sentence saying what is wrong and what to do. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const succeed = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): Parsed<T> => ({ ok: false, reason });
