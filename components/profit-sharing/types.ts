/** What the profit-sharing components show; the router's rows satisfy these (structural types). */
export type ReceiverRow = {
  id: string;
  channelAccountId: string;
  channelAccountName: string;
  type: string;
  account: string;
  name: string | null;
  relationType: string;
  customRelation: string | null;
  bindState: string;
  bindError: string | null;
  createdAt: Date;
};

export type RuleRow = {
  id: string;
  name: string;
  receiverId: string;
  mode: string;
  ratioBps: number | null;
  amount: bigint | null;
  match: string;
  storeId: string | null;
  metadataKey: string | null;
  metadataValue: string | null;
  enabled: boolean;
};

/** A channel account of the app that can split, with the receiver types its channel accepts. */
export type SplitAccount = { id: string; name: string; receiverTypes: readonly string[] };
