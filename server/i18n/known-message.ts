/**
 * Message keys are type-checked (next-intl's AppConfig, next-intl.d.ts): `t("amountLabel")` fails to compile when
 * the key is missing. Some keys come from data — a status or channel code from the database, a validation code from
 * a shared schema. Those go through here: looked up at run time with `t.has`, shown as `fallback` when the catalogue
 * has no such message, so a new code never shows a raw key. The one loose type is this function's parameter.
 */
type AnyTranslator = ((key: never, values?: never) => string) & { has(key: never): boolean };
type LooseTranslator = ((key: string, values?: Record<string, string | number>) => string) & { has(key: string): boolean };

export function knownMessage(t: AnyTranslator, key: string, fallback: string, values?: Record<string, string | number>): string {
  const loose = t as unknown as LooseTranslator;
  return loose.has(key) ? loose(key, values) : fallback;
}

/** Whether the catalogue has a message for a key that comes from data. */
export function hasMessage(t: AnyTranslator, key: string): boolean {
  return (t as unknown as LooseTranslator).has(key);
}
