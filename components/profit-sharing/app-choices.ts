import type { SharingOptions, SplitAccount } from "./types";

/** The merchant's apps, each with its channel accounts that can split (what the forms choose from). */
export function appChoices(options: SharingOptions): { id: string; name: string; accounts: SplitAccount[] }[] {
  return options.apps.map((app) => ({
    id: app.id,
    name: app.name,
    accounts: options.channelAccounts.filter((a) => a.appId === app.id).map((a) => ({ id: a.id, name: a.name, receiverTypes: a.receiverTypes })),
  }));
}
