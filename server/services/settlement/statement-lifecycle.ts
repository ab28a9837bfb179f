import { db, type Tx } from "@/server/db";
import { payoutPostings } from "@/server/domain/ledger";
import { readStoredProfile } from "@/server/domain/merchant-profile";
import { dayStart } from "@/server/domain/report-range";
import { payoutAccountSnapshot, type SettlementStatus } from "@/server/domain/settlement";
import type { PayoutInput } from "@/server/domain/settlement-schema";
import { AppError } from "@/server/errors";
import type { SettlementStatement } from "@/server/generated/prisma/client.ts";
import { recordAudit } from "@/server/services/audit/record-audit";
import { postJournalEntry } from "@/server/services/ledger/post-journal-entry";
import type { SettlementActor } from "./settlement-settings";
import { recordStatementEvents } from "./statement-apps";
import { statementView, type StatementView } from "./statement-view";

/**
 * A statement's life (docs/adr/0017): DRAFT → CONFIRMED → PAID_OUT, or DRAFT | CONFIRMED → VOIDED.
 * Each step is a compare-and-set on the status in one transaction with its audit entry (and, for a
 * payout, its journal entry and event): a repeated or concurrent step changes nothing twice.
 */

async function load(tx: Tx, merchantId: string, statementNo: string): Promise<SettlementStatement> {
  const s = await tx.settlementStatement.findFirst({ where: { merchantId, statementNo } });
  if (!s) throw new AppError("SETTLEMENT_NOT_FOUND", "no such statement");
  return s;
}

function refuse(s: SettlementStatement, to: SettlementStatus): never {
  throw new AppError("INVALID_TRANSITION", `a ${s.status} statement cannot become ${to}`);
}

/** DRAFT → CONFIRMED: finance checked the figures. A statement whose net is not positive has nothing to pay: it can only be voided. */
export async function confirmStatement(merchantId: string, statementNo: string, by: SettlementActor): Promise<StatementView> {
  return db.$transaction(async (tx) => {
    const s = await load(tx, merchantId, statementNo);
    if (s.status !== "DRAFT" || s.netAmount <= 0n) refuse(s, "CONFIRMED");
    const now = new Date();
    const { count } = await tx.settlementStatement.updateMany({
      where: { statementNo, merchantId, status: "DRAFT" },
      data: { status: "CONFIRMED", confirmedById: by.id, confirmedAt: now },
    });
    if (count !== 1) refuse(s, "CONFIRMED");
    await recordAudit(tx, by.actor, { merchantId, action: "settlement.confirmed", targetType: "settlement_statement", targetId: statementNo, before: { status: "DRAFT" }, after: { status: "CONFIRMED" } });
    return statementView(await load(tx, merchantId, statementNo));
  });
}

/**
 * DRAFT | CONFIRMED → VOIDED: the statement will not be paid, and its entries are released
 * (settlementLineId = NULL) so the next cut takes them again (并入下期). Its lines stay, as the record.
 */
export async function voidStatement(merchantId: string, statementNo: string, reason: string, by: SettlementActor): Promise<StatementView> {
  return db.$transaction(async (tx) => {
    const s = await load(tx, merchantId, statementNo);
    if (s.status !== "DRAFT" && s.status !== "CONFIRMED") refuse(s, "VOIDED");
    const { count } = await tx.settlementStatement.updateMany({
      where: { statementNo, merchantId, status: { in: ["DRAFT", "CONFIRMED"] } },
      data: { status: "VOIDED", voidedById: by.id, voidedAt: new Date(), voidReason: reason },
    });
    if (count !== 1) refuse(s, "VOIDED");
    const released = await tx.$executeRaw`
      UPDATE "JournalEntry" e SET "settlementLineId" = NULL
      FROM "SettlementLine" l
      WHERE l."statementNo" = ${statementNo} AND e."settlementLineId" = l.id`;
    await recordAudit(tx, by.actor, {
      merchantId,
      action: "settlement.voided",
      targetType: "settlement_statement",
      targetId: statementNo,
      before: { status: s.status },
      after: { status: "VOIDED", reason, releasedEntries: released },
    });
    return statementView(await load(tx, merchantId, statementNo));
  });
}

/**
 * CONFIRMED → PAID_OUT: finance records that the net was paid (PayCenter sends no money). Keeps the
 * bank's reference, the day, a note and the merchant's bank account as it was (masked), and posts the
 * journal's payout entry (Dr merchant payable, Cr merchant settled; dedupe `payout:<statementNo>`).
 */
export async function recordPayout(merchantId: string, statementNo: string, input: PayoutInput, by: SettlementActor): Promise<StatementView> {
  return db.$transaction(async (tx) => {
    const s = await load(tx, merchantId, statementNo);
    if (s.status !== "CONFIRMED" || s.netAmount <= 0n) refuse(s, "PAID_OUT");
    const merchant = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { profile: true, bankAccountEnc: true } });
    const account = merchant.bankAccountEnc ? payoutAccountSnapshot(readStoredProfile(merchant.profile)) : { holder: null, bank: null, account: null };
    const now = new Date();
    const { count } = await tx.settlementStatement.updateMany({
      where: { statementNo, merchantId, status: "CONFIRMED" },
      data: {
        status: "PAID_OUT",
        payoutReference: input.reference,
        payoutAt: dayStart(input.paidAt),
        payoutNote: input.note ?? null,
        payoutAccount: account,
        paidOutById: by.id,
        paidOutAt: now,
      },
    });
    if (count !== 1) refuse(s, "PAID_OUT");
    const firstLine = await tx.settlementLine.findFirstOrThrow({ where: { statementNo }, orderBy: { id: "asc" }, select: { appId: true } });
    const dedupeKey = `payout:${statementNo}`;
    await postJournalEntry(tx, {
      merchantId,
      appId: firstLine.appId,
      kind: "settlement_payout",
      dedupeKey,
      currency: s.currency,
      channelAccountId: "settlement",
      memo: statementNo,
      occurredAt: now,
      postings: payoutPostings(s.netAmount),
      row: { channel: "settlement", mode: null, amount: -s.netAmount, fee: 0n, subsidy: 0n, mchOrderNo: null, channelTradeNo: null, storeId: null, orderStatus: null },
    });
    const entry = await tx.journalEntry.findUniqueOrThrow({ where: { dedupeKey }, select: { id: true } });
    await tx.settlementStatement.update({ where: { statementNo }, data: { payoutEntryId: entry.id } });
    await recordAudit(tx, by.actor, {
      merchantId,
      action: "settlement.paid_out",
      targetType: "settlement_statement",
      targetId: statementNo,
      before: { status: "CONFIRMED" },
      after: { status: "PAID_OUT", reference: input.reference, paidAt: input.paidAt, note: input.note ?? null, payoutAccount: account },
    });
    await recordStatementEvents(tx, merchantId, statementNo, "settlement.paid_out");
    return statementView(await load(tx, merchantId, statementNo));
  });
}
