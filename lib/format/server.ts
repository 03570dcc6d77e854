import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { negotiateLocale } from "./locale";
import { createFormat, type Format } from "./number";

/**
 * The formatters for the current request's locale, negotiated once per request from
 * its Accept-Language header (en-US when it is missing or malformed).
 */
export const getFormat = cache(async (): Promise<Format> => {
  const accept = (await headers()).get("accept-language");
  return createFormat(negotiateLocale(accept));
});
