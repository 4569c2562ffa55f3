import { signal } from "@preact/signals";
import { en } from "./en";
import { fr, type MessageKey } from "./fr";

export type { MessageKey } from "./fr";
export type Language = "fr" | "en";
export const LANGUAGES: readonly Language[] = ["fr", "en"];

const STORAGE_KEY = "cumulus.language";
const catalogues: Record<Language, Record<MessageKey, string>> = { fr, en };

export const isLanguage = (value: unknown): value is Language => value === "fr" || value === "en";

/** The stored choice, else the browser's first preference; French for everyone else, as most users are French. */
function initialLanguage(): Language {
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "fr";
}

/** localStorage throws in some private modes; the choice then lasts for the page only. */
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const language = signal<Language>(initialLanguage());

/** Applies a language and remembers it on this browser; the account's setting is the caller's business. */
export function chooseLanguage(next: Language, remember = true): void {
  language.value = next;
  if (remember) safeStorage()?.setItem(STORAGE_KEY, next);
}

language.subscribe((lang) => {
  document.documentElement.lang = lang;
});

/** A message in the current language, with `{name}` placeholders filled in. Reading it subscribes the component. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const message = catalogues[language.value][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Chooses `<key>.one` or `<key>.other` by the language's plural rules and fills in `{count}`. */
export function tn(key: PluralKey, count: number, params: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(language.value).select(count) === "one" ? "one" : "other";
  return t(`${key}.${form}`, { ...params, count: formatNumber(count) });
}

/** Keys that come as a `.one` / `.other` pair. */
type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

export const formatNumber = (n: number) => new Intl.NumberFormat(language.value).format(n);
