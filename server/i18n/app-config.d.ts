// next-intl's AppConfig: message keys and locales are type-checked. `t("amountLabel")` does not compile when
// the catalogue lacks the key; keys that come from data go through knownMessage() (./known-message.ts).
import type { Locale } from "./locales";
import type messages from "./messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
