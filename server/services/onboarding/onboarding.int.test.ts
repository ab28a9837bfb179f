import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { AppError } from "@/server/errors";
import { callerAs, outcome } from "@/server/testing/callers";
import { seedIfEmpty } from "@/prisma/seed";
import { readLicence } from "./read-licence";
import { uploadLicence } from "./upload-licence";

const uploadDir = mkdtempSync(path.join(tmpdir(), "paycenter-uploads-"));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

beforeAll(async () => {
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvCache();
  await seedIfEmpty();
});

const profile = {
  legalName: "杭州新店科技有限公司",
  creditCode: "91330100716105852F",
  contactName: "李四",
  contactPhone: "13900139000",
  contactEmail: "li@newshop.example",
  businessCategory: "ecommerce" as const,
  bankName: "招商银行杭州分行",
  bankAccountName: "杭州新店科技有限公司",
  bankAccountNumber: "6214 8301 2345 9876",
};

/** The tRPC error's field errors (zod) or AppError field. */
async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const e = error as { code: string; cause?: unknown };
    const cause = e.cause as { issues?: { path: (string | number)[]; message: string }[] } | undefined;
    return {
      code: e.code,
      fields: Object.fromEntries((cause?.issues ?? []).map((i) => [String(i.path[0]), i.message])),
      field: e.cause instanceof AppError ? e.cause.field : undefined,
    };
  }
  throw new Error("expected the call to fail");
}

async function signUp(email: string, companyName = "新店") {
  const visitor = await callerAs(null);
  return visitor.account.signUp({ email, password: "Secret123", companyName });
}

async function auditActions(mchNo: string) {
  const rows = await db.auditLog.findMany({ where: { merchant: { mchNo } }, orderBy: { id: "asc" }, select: { action: true, actorId: true, ip: true } });
  return rows.map((r) => r.action);
}

describe("sign-up", () => {
  it("makes the visitor OWNER of a new DRAFT merchant with the next merchant number", async () => {
    const { mchNo } = await signUp("Founder@NewShop.example", "新店科技");
    expect(mchNo).toBe("M10000003");
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo }, include: { memberships: { include: { user: true } } } });
    expect(merchant).toMatchObject({ name: "新店科技", status: "DRAFT" });
    expect(merchant.memberships.map((m) => [m.user.email, m.role])).toEqual([["founder@newshop.example", "OWNER"]]);
    expect(merchant.memberships[0].user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await auditActions(mchNo)).toEqual(["merchant.created", "member.joined"]);
    expect((await signUp("second@newshop.example")).mchNo).toBe("M10000004");
  });

  it("refuses an email already registered as a field error, and writes nothing", async () => {
    const before = await db.merchant.count();
    expect(await failure(signUp("OWNER@demo.local"))).toMatchObject({ code: "CONFLICT", field: "email" });
    expect(await db.merchant.count()).toBe(before);
  });

  it("gives concurrent sign-ups distinct merchant numbers", async () => {
    const results = await Promise.all(["a", "b", "c"].map((x) => signUp(`race-${x}@newshop.example`)));
    expect(new Set(results.map((r) => r.mchNo)).size).toBe(3);
  });

  it("answers bad input with field errors", async () => {
    const visitor = await callerAs(null);
    const bad = await failure(visitor.account.signUp({ email: "nope", password: "short", companyName: "x".repeat(500) }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fields).toEqual({ email: "emailInvalid", password: "passwordWeak", companyName: "tooLong" });
  });
});

describe("company profile and submission", () => {
  let mchNo: string;
  let owner: Awaited<ReturnType<typeof callerAs>>;
  let merchantId: string;
  let userId: string;

  beforeAll(async () => {
    ({ mchNo } = await signUp("profile@newshop.example", "资料测试"));
    owner = await callerAs("profile@newshop.example");
    const m = await db.merchant.findUniqueOrThrow({ where: { mchNo } });
    merchantId = m.id;
    userId = (await db.user.findUniqueOrThrow({ where: { email: "profile@newshop.example" } })).id;
  });

  it("refuses hostile and oversized input field by field, writing nothing", async () => {
    const bad = await failure(
      owner.profile.update({
        mchNo,
        ...profile,
        legalName: "Evil\u0000Corp",
        creditCode: "91330100716105852A",
        contactPhone: "<script>",
        contactEmail: "a@b",
        businessCategory: "casino" as "retail",
        bankAccountName: "x".repeat(10_000),
        bankAccountNumber: "1; DROP TABLE",
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fields).toEqual({
      legalName: "invalidChars",
      creditCode: "creditCodeCheckDigit",
      contactPhone: "phoneInvalid",
      contactEmail: "emailInvalid",
      businessCategory: "categoryInvalid",
      bankAccountName: "tooLong",
      bankAccountNumber: "accountNumberInvalid",
    });
    expect(await outcome(owner.profile.update({ mchNo, ...profile, bankAccountNumber: "" }))).toBe("BAD_REQUEST");
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo } });
    expect([merchant.profile, merchant.bankAccountEnc]).toEqual([null, null]);
  });

  it("refuses to submit an incomplete profile", async () => {
    expect(await outcome(owner.profile.submit({ mchNo }))).toBe("BAD_REQUEST");
    expect((await owner.profile.get({ mchNo })).missing).toEqual(["company", "contact", "bankAccount", "licence"]);
  });

  it("seals the settlement account and shows it masked; an empty number keeps it", async () => {
    const view = await owner.profile.update({ mchNo, ...profile, creditCode: "91330100716105852f" });
    expect(view.fields.creditCode).toBe("91330100716105852F");
    expect(view.bankAccountMasked).toBe("**** 9876");
    expect(view.missing).toEqual(["licence"]);
    const stored = await db.merchant.findUniqueOrThrow({ where: { mchNo } });
    expect(JSON.stringify(stored.profile)).not.toContain("62148301");
    expect(stored.bankAccountEnc).not.toContain("62148301");
    expect(JSON.stringify(view)).not.toMatch(/62148301|bankAccountEnc|storedName/);

    const kept = await owner.profile.update({ mchNo, ...profile, contactName: "王五", bankAccountNumber: "" });
    expect(kept.bankAccountMasked).toBe("**** 9876");
    const audit = await db.auditLog.findFirstOrThrow({ where: { merchantId, action: "merchant.profile_updated" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: userId, ip: "127.0.0.1" });
    expect(audit.before).toMatchObject({ contactName: "李四", settlementAccount: "**** 9876" });
    expect(audit.after).toMatchObject({ contactName: "王五" });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain("62148301");
  });

  it("stores a licence by its bytes: PNG/JPEG/PDF only, 5 MB at most", async () => {
    const actor = { type: "USER" as const, id: userId, ip: "127.0.0.1" };
    const code = async (call: Promise<unknown>) => call.then(() => "OK", (e: AppError) => e.code);
    expect(await code(uploadLicence({ merchantId, actor, fileName: "x.png", bytes: new TextEncoder().encode("<svg onload=alert(1)>") }))).toBe("UNSUPPORTED_MEDIA_TYPE");
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    expect(await code(uploadLicence({ merchantId, actor, fileName: "big.png", bytes: big }))).toBe("PAYLOAD_TOO_LARGE");
    expect(await code(uploadLicence({ merchantId, actor, fileName: "empty.png", bytes: new Uint8Array() }))).toBe("VALIDATION_FAILED");

    await uploadLicence({ merchantId, actor, fileName: "../../etc/old.png", bytes: PNG });
    const saved = await uploadLicence({ merchantId, actor, fileName: "C:\\scans\\营业执照.png", bytes: PNG });
    expect(saved).toEqual({ fileName: "营业执照.png", mime: "image/png", size: PNG.length });
    // The replaced file is gone: one file on disk, named by us.
    const files = readdirSync(path.join(uploadDir, "licences", merchantId));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f-]{36}\.png$/);
    expect((await readLicence(merchantId))?.bytes.equals(Buffer.from(PNG))).toBe(true);
    expect((await owner.profile.get({ mchNo })).missing).toEqual([]);
  });

  it("submits once (compare-and-set), then locks the profile", async () => {
    const results = await Promise.all([outcome(owner.profile.submit({ mchNo })), outcome(owner.profile.submit({ mchNo }))]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    expect((await db.merchant.findUniqueOrThrow({ where: { mchNo } })).status).toBe("PENDING_REVIEW");
    expect(await outcome(owner.profile.update({ mchNo, ...profile }))).toBe("CONFLICT");
    expect((await auditActions(mchNo)).filter((a) => a === "merchant.submitted")).toHaveLength(1);
  });

  it("goes through rejection with a reason the merchant reads, resubmission and approval", async () => {
    const admin = await callerAs("admin@paycenter.local");
    expect((await admin.admin.reviewQueue()).map((m) => m.mchNo)).toContain(mchNo);
    const review = await admin.admin.merchantReview({ mchNo });
    expect(review).toMatchObject({ status: "PENDING_REVIEW", owners: ["profile@newshop.example"], bankAccountMasked: "**** 9876" });
    expect(review.licence?.mime).toBe("image/png");

    expect(await outcome(admin.admin.reject({ mchNo, reason: " " }))).toBe("BAD_REQUEST");
    await admin.admin.reject({ mchNo, reason: "营业执照照片不清晰，请重新上传" });
    const rejected = await owner.profile.get({ mchNo });
    expect([rejected.status, rejected.statusReason, rejected.editable]).toEqual(["REJECTED", "营业执照照片不清晰，请重新上传", true]);
    expect(await outcome(admin.admin.approve({ mchNo }))).toBe("CONFLICT");

    await owner.profile.submit({ mchNo });
    expect((await owner.profile.get({ mchNo })).statusReason).toBeNull();
    await admin.admin.approve({ mchNo });
    expect((await owner.profile.get({ mchNo })).status).toBe("ACTIVE");
    expect(await auditActions(mchNo)).toEqual([
      "merchant.created",
      "member.joined",
      "merchant.profile_updated",
      "merchant.profile_updated",
      "merchant.licence_uploaded",
      "merchant.licence_uploaded",
      "merchant.submitted",
      "merchant.rejected",
      "merchant.submitted",
      "merchant.approved",
    ]);
    const rejection = await db.auditLog.findFirstOrThrow({ where: { merchantId, action: "merchant.rejected" } });
    expect(rejection.after).toEqual({ status: "REJECTED", statusReason: "营业执照照片不清晰，请重新上传" });
  });

  it("keeps the profile to its OWNER", async () => {
    for (const email of ["owner@acme.local", "dev@demo.local"]) expect(await outcome((await callerAs(email)).profile.get({ mchNo })), email).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("finance@demo.local")).profile.get({ mchNo: "M10000001" }))).toBe("FORBIDDEN");
    expect(await outcome((await callerAs("dev@demo.local")).profile.submit({ mchNo: "M10000001" }))).toBe("FORBIDDEN");
  });
});
