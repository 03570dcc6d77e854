// The display locale of a request, negotiated from its Accept-Language header.
// Amounts stay US dollars whatever the locale: only the notation changes.
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

export const DEFAULT_LOCALE = "en-US";

/** The locales the portal formats for (CLDR data for each ships with Node's full ICU). */
export const SUPPORTED_LOCALES = [
  "en-US",
  "en-GB",
  "en-CA",
  "en-AU",
  "en-IN",
  "de-DE",
  "de-AT",
  "de-CH",
  "fr-FR",
  "fr-CA",
  "fr-CH",
  "es-ES",
  "es-MX",
  "it-IT",
  "nl-NL",
  "pt-BR",
  "pt-PT",
  "sv-SE",
  "da-DK",
  "nb-NO",
  "fi-FI",
  "pl-PL",
  "cs-CZ",
  "ja-JP",
  "ko-KR",
  "zh-CN",
] as const;

/** Longer headers are cut here: no browser sends more, and parsing stays cheap. */
const MAX_HEADER_LENGTH = 1024;
/** At most this many language ranges are considered. */
const MAX_RANGES = 32;

function canonical(tag: string): string | null {
  if (tag === "*" || tag.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The best supported locale for an Accept-Language header: q-values ordered,
 * wildcards and malformed ranges skipped, `de` matching `de-DE`; `en-US` for a
 * missing, empty, malformed or hostile header. Never throws.
 */
export function negotiateLocale(header: string | null | undefined): string {
  if (typeof header !== "string" || header.trim() === "") return DEFAULT_LOCALE;
  try {
    const ranges = new Negotiator({ headers: { "accept-language": header.slice(0, MAX_HEADER_LENGTH) } })
      .languages()
      .slice(0, MAX_RANGES)
      .map(canonical)
      .filter((tag): tag is string => tag !== null);
    if (ranges.length === 0) return DEFAULT_LOCALE;
    return match(ranges, SUPPORTED_LOCALES, DEFAULT_LOCALE);
  } catch {
    return DEFAULT_LOCALE;
  }
}
