import { channelPlugins } from "@/server/channels/registry";
import type { ChannelCode, PayMode } from "@/server/channels/types";
import { type CredentialField, credentialFields } from "@/server/domain/credential-fields";
import { sandboxBaseUrl } from "./account-settings";

export type ChannelForm = {
  channel: ChannelCode;
  modes: readonly PayMode[];
  fields: CredentialField[];
  /** The built-in sandbox's base URL for this channel (a LIVE account's rehearsal override). */
  sandboxUrl: string;
  /** Where LIVE accounts go without an override. */
  productionUrl: string;
};

/** What the console needs to render each channel's account form: its modes and the credential fields of its plugin's schema. */
export function listChannelForms(): ChannelForm[] {
  return channelPlugins().map((plugin) => ({
    channel: plugin.code,
    modes: plugin.modes,
    fields: credentialFields(plugin.credentialsSchema, plugin.secretFields, plugin.credentialHints),
    sandboxUrl: sandboxBaseUrl(plugin),
    productionUrl: plugin.productionBaseUrl,
  }));
}
