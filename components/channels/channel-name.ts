import { knownMessage } from "@/server/i18n/known-message";

/**
 * A channel's name in the viewer's language (messages `channel.<code>`, `tc` being the `channel` namespace's
 * translator); a code the catalogue does not name — rows of a channel since removed — is shown as stored.
 */
export function channelName(tc: Parameters<typeof knownMessage>[0], code: string): string {
  return knownMessage(tc, code, code);
}
