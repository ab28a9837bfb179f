/** next-intl's translator of the `channel` namespace (useTranslations / getTranslations). */
type ChannelMessages = { (key: string): string; has(key: string): boolean };

/**
 * A channel's name in the viewer's language (messages `channel.<code>`); a code the catalogue does not
 * name — rows of a channel since removed — is shown as stored rather than as a missing message.
 */
export function channelName(tc: ChannelMessages, code: string): string {
  return tc.has(code) ? tc(code) : code;
}
