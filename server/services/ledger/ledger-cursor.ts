import { MAX_BIGINT } from "@/server/domain/paging";
import { AppError } from "@/server/errors";

export type LedgerCursor = { occurredAt: Date; id: bigint };

/** Opaque keyset cursor: base64url of the last row's time (ms) and id — ties on time are ordered by id. */
export function encodeLedgerCursor(cursor: LedgerCursor): string {
  return Buffer.from(`${cursor.occurredAt.getTime()}:${cursor.id}`).toString("base64url");
}

export function decodeLedgerCursor(cursor: string): LedgerCursor {
  const match = /^(\d{1,15}):(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const occurredAt = new Date(Number(match?.[1]));
  if (!match || Number.isNaN(occurredAt.getTime()) || BigInt(match[2]) > MAX_BIGINT) {
    throw new AppError("VALIDATION_FAILED", "cursor is not one this API returned", { field: "cursor" });
  }
  return { occurredAt, id: BigInt(match[2]) };
}
