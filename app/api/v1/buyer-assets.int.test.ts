import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { expireCoupons } from "@/server/services/buyers/expire-coupons";
import { expectAssetsMatchJournal, grantPoints, issueCoupon } from "@/server/testing/asset-fixtures";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { eventually } from "@/server/testing/payment-fixtures";
import { ACME_APP, DEMO_APP, openApiClient } from "@/server/testing/open-api-client";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const acme: ReturnType<typeof openApiClient> = (path, request) => openApiClient(env.harness.url, ACME_APP)(path, request);

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${counter++}`;
const merchantOf = async (appId: string) => (await db.app.findUniqueOrThrow({ where: { id: appId } })).merchantId;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const grant = (buyerId: string, body: unknown) => api(`/api/v1/buyers/${encodeURIComponent(buyerId)}/points/grants`, { body });
const assets = (buyerId: string, client = api) => client(`/api/v1/buyers/${buyerId}/assets`);

describe("GET /api/v1/buyers/{buyerId}/assets", () => {
  it("an unknown buyer has zeros and no coupons; a value that could never be a buyer id answers the same, never 500", async () => {
    const unknown = await assets(unique("NOBODY"));
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ buyerId: expect.any(String), wallet: { balance: 0, frozen: 0 }, points: { balance: 0, frozen: 0 }, coupons: [] });
    for (const hostile of ["x".repeat(65), "%00", "%20U1", "U1%0A", "%ED%A0%80", "%C0%AF", encodeURIComponent("'; DROP TABLE \"Coupon\"; --")]) {
      const answer = await assets(hostile);
      expect([hostile, answer.status]).toEqual([hostile, 200]);
      expect(answer.json).toMatchObject({ wallet: { balance: 0, frozen: 0 }, points: { balance: 0, frozen: 0 }, coupons: [] });
    }
  });

  it("shows points, wallet and the app's coupons newest first, an AVAILABLE coupon past expiry as EXPIRED; another merchant sees nothing", async () => {
    const buyerId = unique("U");
    await grantPoints(api, buyerId, 700);
    const older = await issueCoupon(api, buyerId, { value: 500 });
    const newer = await issueCoupon(api, buyerId, { type: "percent_off", value: 15, minSpend: 10000 });
    await db.coupon.update({ where: { appId_couponNo: { appId: DEMO_APP.id, couponNo: older.couponNo } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await assets(encodeURIComponent(buyerId));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ buyerId, wallet: { balance: 0, frozen: 0 }, points: { balance: 700, frozen: 0 } });
    expect(answer.json.coupons.map((c: { couponNo: string; status: string }) => [c.couponNo, c.status])).toEqual([
      [newer.couponNo, "AVAILABLE"],
      [older.couponNo, "EXPIRED"],
    ]);
    expect(answer.json.coupons[0]).toEqual({ ...newer });
    // the stored row is still AVAILABLE until the job runs
    expect((await db.coupon.findFirstOrThrow({ where: { couponNo: older.couponNo } })).status).toBe("AVAILABLE");

    const other = await assets(encodeURIComponent(buyerId), acme);
    expect(other.json).toMatchObject({ points: { balance: 0 }, coupons: [] });
    expect((await acme(`/api/v1/coupons/${newer.couponNo}`)).json.error.code).toBe("COUPON_NOT_FOUND");
  });
});

describe("POST /api/v1/buyers/{buyerId}/points/grants", () => {
  it("credits at once; the same grant again answers 200 and credits nothing; other content → 409 PARAMS_MISMATCH", async () => {
    const buyerId = unique("U");
    const body = { grantNo: unique("G"), points: 500, reason: "签到奖励" };
    const first = await grant(buyerId, body);
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ grantNo: body.grantNo, buyerId, points: 500, reason: "签到奖励", createdAt: expect.any(String) });
    const again = await grant(buyerId, body);
    expect([again.status, again.json]).toEqual([200, first.json]);
    for (const [other, otherBody] of [
      [buyerId, { ...body, points: 501 }],
      [buyerId, { ...body, reason: "other" }],
      [buyerId, { grantNo: body.grantNo, points: 500 }],
      [`${buyerId}-2`, body],
    ] as const) {
      const mismatch = await grant(other, otherBody);
      expect([mismatch.status, mismatch.json.error.code, mismatch.json.error.field]).toEqual([409, "PARAMS_MISMATCH", "grantNo"]);
    }
    const merchantId = await merchantOf(DEMO_APP.id);
    expect(await expectAssetsMatchJournal(merchantId, buyerId)).toEqual({ wallet: { balance: 0n, frozen: 0n }, points: { balance: 500n, frozen: 0n } });
    expect(await db.journalEntry.count({ where: { buyerId, kind: "points_grant" } })).toBe(1);
    const entry = await db.journalEntry.findFirstOrThrow({ where: { buyerId }, include: { postings: { include: { account: true } } } });
    expect(entry).toMatchObject({ dedupeKey: `points_grant:${DEMO_APP.id}:${body.grantNo}`, currency: "PTS", channel: "points", channelAccountId: "points" });
    expect(entry.postings.map((p) => [p.account.type, p.amount]).sort()).toEqual([
      ["BUYER_POINTS", -500n],
      ["POINTS_ISSUED", 500n],
    ]);
  });

  it("ten identical grants at once credit once", async () => {
    const buyerId = unique("U");
    const body = { grantNo: unique("G"), points: 40 };
    const answers = await Promise.all(Array.from({ length: 10 }, () => grant(buyerId, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect((await expectAssetsMatchJournal(await merchantOf(DEMO_APP.id), buyerId)).points.balance).toBe(40n);
  });

  it("refuses malformed grants with 400 VALIDATION_FAILED and its field, writing nothing", async () => {
    const buyerId = unique("U");
    const cases: [unknown, string][] = [
      [{ grantNo: "G1", points: 0 }, "points"],
      [{ grantNo: "G1", points: 100_000_001 }, "points"],
      [{ grantNo: "G1", points: 1.5 }, "points"],
      [{ grantNo: "G1", points: "500" }, "points"],
      [{ grantNo: "G1", points: -5 }, "points"],
      [{ grantNo: "G 1", points: 5 }, "grantNo"],
      [{ grantNo: "x".repeat(65), points: 5 }, "grantNo"],
      [{ points: 5 }, "grantNo"],
      [{ grantNo: "G1", points: 5, reason: "r".repeat(129) }, "reason"],
      [{ grantNo: "G1", points: 5, reason: "a\u0007b" }, "reason"],
      [{ grantNo: "G1", points: 5, extra: true }, ""],
    ];
    for (const [body, field] of cases) {
      const answer = await grant(buyerId, body);
      expect([JSON.stringify(body), answer.status, answer.json.error.code, answer.json.error.field ?? ""]).toEqual([JSON.stringify(body), 400, "VALIDATION_FAILED", field]);
    }
    for (const path of ["x".repeat(65), "%20U1", "U1%0A", "%00"]) {
      const answer = await api(`/api/v1/buyers/${path}/points/grants`, { body: { grantNo: unique("G"), points: 5 } });
      expect([path, answer.status, answer.json.error.field]).toEqual([path, 400, "buyerId"]);
    }
    expect(await db.pointsGrant.count({ where: { buyerId } })).toBe(0);
    expect(await db.buyerAccount.count({ where: { buyerId } })).toBe(0);
  });
});

describe("POST /api/v1/coupons · GET /api/v1/coupons/{couponNo}", () => {
  it("issues a coupon (201), replays it (200), refuses other content (409 PARAMS_MISMATCH), and reads it back", async () => {
    const body = { couponNo: unique("C"), buyerId: "U1001", type: "amount_off", value: 2000, minSpend: 10000, expiresAt: inDays(30) };
    const created = await api("/api/v1/coupons", { body });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ ...body, expiresAt: new Date(body.expiresAt).toISOString(), status: "AVAILABLE", createdAt: expect.any(String) });
    const again = await api("/api/v1/coupons", { body });
    expect([again.status, again.json]).toEqual([200, created.json]);
    // the same instant written with another offset is the same content
    const offset = new Date(new Date(body.expiresAt).getTime() + 8 * 3600_000).toISOString().replace("Z", "+08:00");
    expect((await api("/api/v1/coupons", { body: { ...body, expiresAt: offset } })).status).toBe(200);
    for (const change of [{ value: 2001 }, { minSpend: 0 }, { buyerId: "U1002" }, { type: "percent_off", value: 20 }, { expiresAt: inDays(31) }]) {
      const mismatch = await api("/api/v1/coupons", { body: { ...body, ...change } });
      expect([mismatch.status, mismatch.json.error.code, mismatch.json.error.field]).toEqual([409, "PARAMS_MISMATCH", "couponNo"]);
    }
    expect((await api(`/api/v1/coupons/${body.couponNo}`)).json).toEqual(created.json);
    // minSpend defaults to 0
    const plain = await api("/api/v1/coupons", { body: { couponNo: unique("C"), buyerId: "U1001", type: "percent_off", value: 99, expiresAt: inDays(1) } });
    expect([plain.status, plain.json.minSpend, plain.json.value]).toEqual([201, 0, 99]);
  });

  it("a coupon is replayed even once expired; a new one must expire in the future and within 5 years", async () => {
    const body = { couponNo: unique("C"), buyerId: "U1001", type: "amount_off", value: 100, expiresAt: new Date(Date.now() + 1500).toISOString() };
    expect((await api("/api/v1/coupons", { body })).status).toBe(201);
    await eventually(async () => Date.now() > new Date(body.expiresAt).getTime() + 50);
    const replay = await api("/api/v1/coupons", { body });
    expect([replay.status, replay.json.status]).toEqual([200, "EXPIRED"]);
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), inDays(5 * 366 + 2)]) {
      const refused = await api("/api/v1/coupons", { body: { ...body, couponNo: unique("C"), expiresAt } });
      expect([refused.status, refused.json.error.code, refused.json.error.field]).toEqual([400, "VALIDATION_FAILED", "expiresAt"]);
    }
  });

  it("refuses malformed coupons with 400 and the field at fault, writing nothing", async () => {
    const base = { couponNo: unique("C"), buyerId: "U1001", type: "amount_off", value: 100, minSpend: 0, expiresAt: inDays(1) };
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "percent_off", value: 100 }, "value"],
      [{ type: "percent_off", value: 0 }, "value"],
      [{ type: "percent_off", value: 12.5 }, "value"],
      [{ value: 0 }, "value"],
      [{ value: "100" }, "value"],
      [{ value: 1e20 }, "value"],
      [{ type: "free_shipping" }, "type"],
      [{ minSpend: -1 }, "minSpend"],
      [{ minSpend: 0.5 }, "minSpend"],
      [{ expiresAt: "tomorrow" }, "expiresAt"],
      [{ expiresAt: "2030-01-01T00:00:00" }, "expiresAt"],
      [{ couponNo: "C/1" }, "couponNo"],
      [{ couponNo: "" }, "couponNo"],
      [{ buyerId: "" }, "buyerId"],
      [{ buyerId: " U1001" }, "buyerId"],
      [{ buyerId: "x".repeat(65) }, "buyerId"],
      [{ buyerId: 1001 }, "buyerId"],
      [{ extra: 1 }, ""],
    ];
    for (const [change, field] of cases) {
      const body = { ...base, ...change };
      const answer = await api("/api/v1/coupons", { body });
      expect([JSON.stringify(change), answer.status, answer.json.error?.code, answer.json.error?.field ?? ""]).toEqual([JSON.stringify(change), 400, "VALIDATION_FAILED", field]);
    }
    for (const raw of ["[]", "null", "42", '"x"', "{"]) {
      const answer = await api("/api/v1/coupons", { raw });
      expect([raw, answer.status, answer.json.error.code]).toEqual([raw, 400, "VALIDATION_FAILED"]);
    }
    expect(await db.coupon.count({ where: { couponNo: base.couponNo } })).toBe(0);
  });

  it("GET answers 404 COUPON_NOT_FOUND for an unknown couponNo or any shape that names none", async () => {
    for (const couponNo of [unique("NONE"), "x".repeat(65), "%00", "a%20b", "%E2%80%8B", "C1%3F"]) {
      const answer = await api(`/api/v1/coupons/${couponNo}`);
      expect([couponNo, answer.status, answer.json.error.code]).toEqual([couponNo, 404, "COUPON_NOT_FOUND"]);
    }
  });

  it("ten identical issues at once create one coupon; the rest replay it", async () => {
    const body = { couponNo: unique("C"), buyerId: "U1001", type: "amount_off", value: 300, expiresAt: inDays(2) };
    const answers = await Promise.all(Array.from({ length: 10 }, () => api("/api/v1/coupons", { body })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await db.coupon.count({ where: { appId: DEMO_APP.id, couponNo: body.couponNo } })).toBe(1);
  });
});

describe("issueCoupons (the console's list issuance)", () => {
  it("answers each item in order: created, duplicate, failed with field errors or a mismatch; invalid items fail alone", async () => {
    const { issueCoupons } = await import("@/server/services/buyers/issue-coupons");
    const app = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } });
    const a = { couponNo: unique("L"), buyerId: "U1", type: "amount_off", value: 100, expiresAt: inDays(3) };
    const b = { couponNo: unique("L"), buyerId: "U2", type: "percent_off", value: 10, minSpend: 5000, expiresAt: inDays(3) };
    const outcomes = await issueCoupons(app, [a, b, { ...a }, { ...a, value: 101 }, { ...b, value: 100 }, null, { ...b, couponNo: unique("L"), expiresAt: inDays(-1) }], "console:test", { batchNo: "B1" });
    expect(outcomes.map((o) => [o.index, o.outcome, o.outcome === "failed" ? [o.code, o.errors[0].field] : o.coupon.couponNo])).toEqual([
      [0, "created", a.couponNo],
      [1, "created", b.couponNo],
      [2, "duplicate", a.couponNo],
      [3, "failed", ["PARAMS_MISMATCH", "couponNo"]],
      [4, "failed", ["VALIDATION_FAILED", "value"]],
      [5, "failed", ["VALIDATION_FAILED", ""]],
      [6, "failed", ["VALIDATION_FAILED", "expiresAt"]],
    ]);
    const stored = await db.coupon.findFirstOrThrow({ where: { couponNo: b.couponNo } });
    expect(stored).toMatchObject({ issuedBy: "console:test", batchNo: "B1", minSpend: 5000n, value: 10n, type: "percent_off" });
    const again = await issueCoupons(app, [a, b], "console:test");
    expect(again.map((o) => o.outcome)).toEqual(["duplicate", "duplicate"]);
  });
});

describe("the expire-coupons job", () => {
  it("marks AVAILABLE coupons past expiry EXPIRED in batches, and nothing else", async () => {
    const buyerId = unique("U");
    const coupons = await Promise.all(Array.from({ length: 5 }, () => issueCoupon(api, buyerId)));
    const past = new Date(Date.now() - 1000);
    const [locked, ...available] = coupons;
    await db.coupon.updateMany({ where: { appId: DEMO_APP.id, couponNo: { in: coupons.map((c) => c.couponNo) } }, data: { expiresAt: past } });
    await db.coupon.update({ where: { appId_couponNo: { appId: DEMO_APP.id, couponNo: locked.couponNo } }, data: { status: "LOCKED" } });
    const fresh = await issueCoupon(api, buyerId);
    await expireCoupons(2);
    const statuses = Object.fromEntries((await db.coupon.findMany({ where: { buyerId } })).map((c) => [c.couponNo, c.status]));
    expect(statuses).toEqual({
      [locked.couponNo]: "LOCKED",
      ...Object.fromEntries(available.map((c) => [c.couponNo, "EXPIRED"])),
      [fresh.couponNo]: "AVAILABLE",
    });
  });
});
