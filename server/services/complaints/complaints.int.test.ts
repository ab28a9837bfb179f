import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/complaints/route";
import { GET as getPhoto } from "@/app/api/complaints/[complaintNo]/photos/[photoId]/route";
import { db } from "@/server/db";
import { COMPLAINT_LIMITS, COMPLAINT_PHOTO_MAX_BYTES } from "@/server/domain/complaint-schema";
import { newPayOrderNo } from "@/server/domain/ids";
import { createPortalLink } from "@/server/services/portal/create-portal-link";
import { listPortalOrders } from "@/server/services/portal/list-portal-orders";
import { callerAs, outcome } from "@/server/testing/callers";
import { insertOrder } from "@/server/testing/order-fixtures";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { invalidateApiApp } from "@/server/apps/app-cache";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { eventually, expectBalancedJournal } from "@/server/testing/payment-fixtures";
import { escalateOverdueComplaints } from "./escalate-overdue-complaints";
import { complaintRefundNo } from "./refund-complaint";

const MCH = "M10000001";
const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string | null; platformRole: "ADMIN" | null } }));
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => session.user }));

/** The route handlers as Next.js calls them (the production server hands /api/complaints to Next.js, not to the lean 1 MiB bridge). */
const URL_BASE = "http://test/api/complaints";
const post = (init: RequestInit) => POST(new Request(URL_BASE, { method: "POST", ...init } as RequestInit));
const photoUrl = (complaintNo: string, id: string, token?: string) =>
  getPhoto(new Request(`${URL_BASE}/${complaintNo}/photos/${id}${token ? `?t=${token}` : ""}`), { params: Promise.resolve({ complaintNo, photoId: id }) });
const env = useDemoPaymentEnv();

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);

let counter = 0;
let ipCounter = 0;
/** A fresh IP per filing unless a test is about the per-IP limit. */
const freshIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;

async function paidOrder(amount = 20000): Promise<string> {
  const created = await env.api("/api/v1/pay-orders", {
    body: { mchOrderNo: `CP${Date.now()}${counter++}`, amount, subject: "Complaint test", channel: "wechatpay", mode: "native" },
  });
  await env.api(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
  await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: created.json.payOrderNo } })).status === "PAID");
  return created.json.payOrderNo;
}

type Fields = Partial<Record<"payOrderNo" | "contactPhone" | "reason" | "description" | "requestedAmount", string>>;
const valid = (payOrderNo: string): Fields => ({ payOrderNo, contactPhone: "138 0013 8000", reason: "NOT_AS_DESCRIBED", description: "The parcel was empty when it arrived." });

async function file(fields: Fields, photos: Uint8Array[] = [], ip = freshIp()) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  photos.forEach((bytes, i) => form.append("photos", new Blob([new Uint8Array(bytes)]), `photo-${i}.jpg`));
  const response = await post({ body: form, headers: { "x-forwarded-for": ip } });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const complaintCount = () => db.complaint.count();
const photoCount = () => db.complaintPhoto.count();

describe("filing a complaint", () => {
  it("files one with photos for a paid order: the complaint, its photos, the SLA and complaint.created with the phone masked", async () => {
    const payOrderNo = await paidOrder();
    const before = Date.now();
    const filed = await file({ ...valid(payOrderNo), requestedAmount: "50.00" }, [JPEG, PNG, WEBP]);
    expect(filed.status).toBe(201);
    expect(filed.json.url).toBe(`/complaints/${filed.json.complaintNo}?t=${filed.json.viewToken}`);
    const row = await db.complaint.findUniqueOrThrow({ where: { complaintNo: filed.json.complaintNo }, include: { photos: true } });
    expect(row).toMatchObject({ payOrderNo, status: "OPEN", contactPhone: "13800138000", reason: "NOT_AS_DESCRIBED", requestedAmount: 5000n });
    expect(row.photos.map((p) => p.contentType).sort()).toEqual(["image/jpeg", "image/png", "image/webp"]);
    // 48 h by default
    expect(row.slaDueAt.getTime() - before).toBeGreaterThanOrEqual(48 * 3600_000 - 60_000);
    expect(row.slaDueAt.getTime() - before).toBeLessThanOrEqual(48 * 3600_000 + 60_000);
    const event = await db.event.findFirstOrThrow({ where: { payOrderNo, type: "complaint.created" } });
    expect(event.data).toMatchObject({ complaintNo: row.complaintNo, contactPhone: "138****8000", status: "OPEN", requestedAmount: 5000 });
    expect(JSON.stringify(event.data)).not.toContain(row.viewToken);
    expect(JSON.stringify(event.data)).not.toContain("13800138000");
  });

  it("refuses each bad field with its field and a 4xx envelope, writing nothing", async () => {
    const payOrderNo = await paidOrder(10000);
    const unpaid = (await env.api("/api/v1/pay-orders", { body: { mchOrderNo: `CU${Date.now()}`, amount: 100, subject: "Unpaid", channel: "wechatpay", mode: "native" } })).json.payOrderNo;
    const [complaints, photos] = [await complaintCount(), await photoCount()];
    const cases: [Fields, Uint8Array[], number, string, string][] = [
      [{ ...valid(payOrderNo), payOrderNo: undefined }, [], 400, "VALIDATION_FAILED", "payOrderNo"],
      [{ ...valid(payOrderNo), payOrderNo: "P1' OR 1=1" }, [], 400, "VALIDATION_FAILED", "payOrderNo"],
      [{ ...valid(payOrderNo), payOrderNo: newPayOrderNo() }, [], 404, "ORDER_NOT_FOUND", "payOrderNo"],
      [{ ...valid(payOrderNo), payOrderNo: unpaid }, [], 409, "ORDER_NOT_PAID", "payOrderNo"],
      [{ ...valid(payOrderNo), contactPhone: "12345" }, [], 400, "VALIDATION_FAILED", "contactPhone"],
      [{ ...valid(payOrderNo), contactPhone: "" }, [], 400, "VALIDATION_FAILED", "contactPhone"],
      [{ ...valid(payOrderNo), reason: "BORED" }, [], 400, "VALIDATION_FAILED", "reason"],
      [{ ...valid(payOrderNo), description: "bad" }, [], 400, "VALIDATION_FAILED", "description"],
      [{ ...valid(payOrderNo), description: "x".repeat(1001) }, [], 400, "VALIDATION_FAILED", "description"],
      [{ ...valid(payOrderNo), description: "nul \u0000 inside" }, [], 400, "VALIDATION_FAILED", "description"],
      [{ ...valid(payOrderNo), requestedAmount: "1.234" }, [], 400, "VALIDATION_FAILED", "requestedAmount"],
      [{ ...valid(payOrderNo), requestedAmount: "-5" }, [], 400, "VALIDATION_FAILED", "requestedAmount"],
      [{ ...valid(payOrderNo), requestedAmount: "100.01" }, [], 400, "VALIDATION_FAILED", "requestedAmount"],
      [valid(payOrderNo), [new TextEncoder().encode("<svg onload=alert(1)>")], 400, "VALIDATION_FAILED", "photos"],
      [valid(payOrderNo), [new Uint8Array(0)], 400, "VALIDATION_FAILED", "photos"],
      [valid(payOrderNo), [JPEG, JPEG, JPEG, JPEG], 400, "VALIDATION_FAILED", "photos"],
      [valid(payOrderNo), [new Uint8Array([...JPEG, ...new Uint8Array(COMPLAINT_PHOTO_MAX_BYTES)])], 413, "PAYLOAD_TOO_LARGE", "photos"],
    ];
    for (const [fields, files, status, code, field] of cases) {
      const answer = await file(fields, files);
      expect({ status: answer.status, code: answer.json.error?.code, field: answer.json.error?.field }, JSON.stringify(fields).slice(0, 80)).toEqual({ status, code, field });
      expect(answer.json.requestId).toMatch(/\S/);
    }
    expect([await complaintCount(), await photoCount()]).toEqual([complaints, photos]);
  });

  it("answers hostile requests with envelopes, never 500, and writes nothing", async () => {
    const payOrderNo = await paidOrder();
    const complaints = await complaintCount();
    const json = await post({ headers: { "content-type": "application/json" }, body: JSON.stringify(valid(payOrderNo)) });
    expect([json.status, (await json.json()).error.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    const broken = await post({ headers: { "content-type": "multipart/form-data; boundary=xyz" }, body: "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end" });
    expect([broken.status, (await broken.json()).error.code]).toEqual([400, "VALIDATION_FAILED"]);
    // a body far over the cap, streamed without Content-Length: refused as soon as it passes the cap
    const big = new Uint8Array(8 * 1024 * 1024);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("--xyz\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"\r\n\r\n"));
        controller.enqueue(big);
        controller.close();
      },
    });
    const huge = await post({ headers: { "content-type": "multipart/form-data; boundary=xyz" }, body: chunks, duplex: "half" } as RequestInit);
    expect([huge.status, (await huge.json()).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    // a Content-Length that claims more than the cap is refused before reading
    const lying = await post({ headers: { "content-type": "multipart/form-data; boundary=xyz", "content-length": String(64 * 1024 * 1024) }, body: "--xyz\r\n" });
    expect([lying.status, (await lying.json()).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const twice = new FormData();
    for (const [k, v] of Object.entries(valid(payOrderNo))) twice.append(k, v as string);
    twice.append("reason", "OTHER");
    const duplicated = await post({ body: twice });
    expect([duplicated.status, (await duplicated.json()).error.field]).toEqual([400, "reason"]);
    expect(await complaintCount()).toBe(complaints);
  });

  it("keeps one open complaint per pay order, even when filed many times at once", async () => {
    const payOrderNo = await paidOrder();
    const answers = await Promise.all(Array.from({ length: 6 }, () => file(valid(payOrderNo))));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.json.error.code === "CONFLICT")).toBe(true);
    expect(await db.complaint.count({ where: { payOrderNo } })).toBe(1);
    expect(await db.event.count({ where: { payOrderNo, type: "complaint.created" } })).toBe(1);
  });

  it("rate-limits filing per IP and per pay order in PostgreSQL", async () => {
    const ip = "198.51.100.7";
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await db.riskCounter.create({ data: { key: `complaint.ip:${ip}`, grain: "h", bucket: hour, count: COMPLAINT_LIMITS.perIpPerHour } });
    const payOrderNo = await paidOrder();
    const limited = await post({
      headers: { "x-forwarded-for": ip },
      body: (() => {
        const form = new FormData();
        for (const [k, v] of Object.entries(valid(payOrderNo))) form.append(k, v as string);
        return form;
      })(),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");
    expect(await db.complaint.count({ where: { payOrderNo } })).toBe(0);
    // another network may file it
    expect((await file(valid(payOrderNo))).status).toBe(201);

    // per pay order: filed, resolved and filed again, up to the day's limit
    const other = await paidOrder();
    const owner = await callerAs("owner@demo.local");
    for (let i = 0; i < COMPLAINT_LIMITS.perPayOrderPerDay; i++) {
      const filed = await file(valid(other));
      expect(filed.status).toBe(201);
      await owner.complaints.reject({ mchNo: MCH, complaintNo: filed.json.complaintNo, reason: "Delivered as ordered, see tracking." });
    }
    const over = await file(valid(other));
    expect([over.status, over.json.error.code]).toEqual([429, "RATE_LIMITED"]);
  });
});

describe("the conversation", () => {
  it("moves through answer, disagreement, operators and the consumer's page, with an event and an audit entry at each step", async () => {
    const payOrderNo = await paidOrder();
    const { json: filed } = await file(valid(payOrderNo), [PNG]);
    const consumer = await callerAs(null);
    const access = { complaintNo: filed.complaintNo, token: filed.viewToken };
    expect(await outcome(consumer.complaints.view({ ...access, token: "A".repeat(43) }))).toBe("NOT_FOUND");
    expect(await outcome(consumer.complaints.accept(access))).toBe("CONFLICT");

    const viewer = await callerAs("viewer@demo.local");
    expect(await outcome(viewer.complaints.list({ mchNo: MCH }))).toBe("FORBIDDEN");
    const dev = await callerAs("dev@demo.local");
    expect(await outcome(dev.complaints.answer({ mchNo: MCH, complaintNo: filed.complaintNo, body: "We will look into it." }))).toBe("FORBIDDEN");

    const owner = await callerAs("owner@demo.local");
    const queue = await owner.complaints.list({ mchNo: MCH, status: "OPEN" });
    expect(queue.rows.map((r) => r.complaintNo)).toContain(filed.complaintNo);
    expect(queue.rows.find((r) => r.complaintNo === filed.complaintNo)?.contactPhone).toBe("138****8000");
    await owner.complaints.answer({ mchNo: MCH, complaintNo: filed.complaintNo, body: "A new parcel was sent today." });
    expect((await consumer.complaints.view(access)).status).toBe("ANSWERED");
    await consumer.complaints.disagree({ ...access, body: "I want my money back, not another parcel." });
    const escalated = await consumer.complaints.view(access);
    expect(escalated).toMatchObject({ status: "ESCALATED", mayDisagree: false, mayAccept: false });
    expect(escalated.messages.map((m) => m.author)).toEqual(["MERCHANT", "CONSUMER"]);
    // escalated: the merchant can no longer answer or reject; operators can
    expect(await outcome(owner.complaints.reject({ mchNo: MCH, complaintNo: filed.complaintNo, reason: "No." }))).toBe("CONFLICT");
    expect(await outcome(owner.complaintsAdmin.list({}))).toBe("FORBIDDEN");
    const admin = await callerAs("admin@paycenter.local");
    expect((await admin.complaintsAdmin.list({ status: "ESCALATED" })).rows.map((r) => r.complaintNo)).toContain(filed.complaintNo);
    await admin.complaintsAdmin.reject({ complaintNo: filed.complaintNo, reason: "The tracking shows delivery to your door." });
    const final = await consumer.complaints.view(access);
    expect(final).toMatchObject({ status: "RESOLVED", resolution: "REJECTED", mayDisagree: false, mayMessage: false });
    expect(await outcome(consumer.complaints.reply({ ...access, body: "hello?" }))).toBe("CONFLICT");

    const events = await db.event.findMany({ where: { payOrderNo, type: { startsWith: "complaint." } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["complaint.created", "complaint.answered", "complaint.escalated", "complaint.resolved"]);
    const audits = await db.auditLog.findMany({ where: { targetType: "complaint", targetId: filed.complaintNo }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["complaint.answered", "complaint.rejected"]);
  });

  it("shows photos to the consumer's link, the merchant's members and operators only", async () => {
    const payOrderNo = await paidOrder();
    const { json: filed } = await file(valid(payOrderNo), [PNG]);
    const [photo] = await db.complaintPhoto.findMany({ where: { complaintNo: filed.complaintNo } });
    const { readComplaintPhoto } = await import("./read-complaint-photo");
    const users = Object.fromEntries(
      await Promise.all(["owner@acme.local", "viewer@demo.local", "finance@demo.local", "admin@paycenter.local"].map(async (e) => [e, await db.user.findUniqueOrThrow({ where: { email: e } })])),
    );
    const read = (viewer: Parameters<typeof readComplaintPhoto>[2]) => outcome(readComplaintPhoto(filed.complaintNo, photo.id, viewer));
    expect(await read({ kind: "consumer", token: filed.viewToken })).toBe("OK");
    expect(await read({ kind: "consumer", token: "x".repeat(43) })).toBe("COMPLAINT_NOT_FOUND");
    expect(await read({ kind: "none" })).toBe("COMPLAINT_NOT_FOUND");
    expect(await read({ kind: "user", user: users["owner@acme.local"] })).toBe("COMPLAINT_NOT_FOUND");
    expect(await read({ kind: "user", user: users["viewer@demo.local"] })).toBe("COMPLAINT_NOT_FOUND");
    expect(await read({ kind: "user", user: users["finance@demo.local"] })).toBe("OK");
    expect(await read({ kind: "user", user: users["admin@paycenter.local"] })).toBe("OK");
    const response = await photoUrl(filed.complaintNo, photo.id, filed.viewToken);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
    const refused = await photoUrl(filed.complaintNo, photo.id);
    expect([refused.status, (await refused.json()).error.code]).toEqual([404, "COMPLAINT_NOT_FOUND"]);
    session.user = { id: users["finance@demo.local"].id, email: "finance@demo.local", name: null, platformRole: null };
    try {
      expect((await photoUrl(filed.complaintNo, photo.id)).status).toBe(200);
      session.user = { id: users["owner@acme.local"].id, email: "owner@acme.local", name: null, platformRole: null };
      expect((await photoUrl(filed.complaintNo, photo.id)).status).toBe(404);
      expect((await photoUrl(filed.complaintNo, "../../etc/passwd")).status).toBe(404);
    } finally {
      session.user = null;
    }
  });
});

describe("the SLA", () => {
  it("escalates unanswered complaints past their due time once, whoever runs the sweep, and leaves answered ones", async () => {
    const [late, answered] = [await paidOrder(), await paidOrder()];
    const { json: lateComplaint } = await file(valid(late));
    const { json: answeredComplaint } = await file(valid(answered));
    await (await callerAs("finance@demo.local")).complaints.answer({ mchNo: MCH, complaintNo: answeredComplaint.complaintNo, body: "Refund on its way." });
    expect(await escalateOverdueComplaints(new Date())).toBe(0);
    const later = new Date(Date.now() + 48 * 3600_000 + 60_000);
    const counts = await Promise.all([escalateOverdueComplaints(later), escalateOverdueComplaints(later), escalateOverdueComplaints(later)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await db.complaint.findUniqueOrThrow({ where: { complaintNo: lateComplaint.complaintNo } })).toMatchObject({ status: "ESCALATED", escalatedAt: later });
    expect(await db.complaint.findUniqueOrThrow({ where: { complaintNo: answeredComplaint.complaintNo } })).toMatchObject({ status: "ANSWERED" });
    expect(await db.event.count({ where: { payOrderNo: late, type: "complaint.escalated" } })).toBe(1);
    expect(await db.complaintMessage.count({ where: { complaintNo: lateComplaint.complaintNo, author: "SYSTEM" } })).toBe(1);
    expect(await escalateOverdueComplaints(later)).toBe(0);
  });
});

describe("refund resolution", () => {
  it("refunds once through the refund service when clicked many times at once, and the money moves exactly once", async () => {
    const payOrderNo = await paidOrder(30000);
    const { json: filed } = await file({ ...valid(payOrderNo), requestedAmount: "120.00" });
    const finance = await callerAs("finance@demo.local");
    const owner = await callerAs("owner@demo.local");
    const click = (who: typeof finance) => outcome(who.complaints.refund({ mchNo: MCH, complaintNo: filed.complaintNo, amount: "120.00", note: "Refunded the damaged item." }));
    const results = await Promise.all([click(finance), click(finance), click(owner), click(finance), click(owner)]);
    expect(results.filter((r) => r === "OK").length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r === "OK" || r === "CONFLICT")).toBe(true);
    const refunds = await db.refund.findMany({ where: { payOrderNo } });
    expect(refunds.map((r) => [r.mchRefundNo, r.amount])).toEqual([[complaintRefundNo(filed.complaintNo), 12000n]]);
    const complaint = await db.complaint.findUniqueOrThrow({ where: { complaintNo: filed.complaintNo } });
    expect(complaint).toMatchObject({ status: "RESOLVED", resolution: "REFUNDED", refundNo: refunds[0].refundNo });
    expect(await db.event.count({ where: { payOrderNo, type: "complaint.resolved" } })).toBe(1);
    expect(await db.auditLog.count({ where: { targetId: filed.complaintNo, action: "complaint.refunded" } })).toBe(1);
    const done = await eventually(async () => (await db.refund.findUniqueOrThrow({ where: { refundNo: refunds[0].refundNo } })).status === "SUCCEEDED");
    expect(done).toBe(true);
    expect(await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: 12000n, refundingAmount: 0n });
    await expectBalancedJournal(payOrderNo);
    expect(await db.event.count({ where: { payOrderNo, type: "refund.succeeded" } })).toBe(1);
    // the consumer sees it resolved with the refund's progress
    const view = await (await callerAs(null)).complaints.view({ complaintNo: filed.complaintNo, token: filed.viewToken });
    expect(view).toMatchObject({ status: "RESOLVED", resolution: "REFUNDED", refund: { amount: 12000n, status: "SUCCEEDED" } });
    // once resolved, nothing more
    expect(await click(finance)).toBe("CONFLICT");
  });

  it("refunds in full on the merchant's behalf when an operator decides, and refuses more than is left", async () => {
    const payOrderNo = await paidOrder(8000);
    const { json: filed } = await file(valid(payOrderNo));
    await escalateOverdueComplaints(new Date(Date.now() + 49 * 3600_000));
    const admin = await callerAs("admin@paycenter.local");
    expect(await outcome(admin.complaintsAdmin.refund({ complaintNo: filed.complaintNo, amount: "80.01", note: "Too much" }))).toBe("CONFLICT");
    expect(await db.refund.count({ where: { payOrderNo } })).toBe(0);
    const done = await admin.complaintsAdmin.refund({ complaintNo: filed.complaintNo, amount: "80.00", note: "Refunded in full by the platform." });
    expect(done.refundNo).toMatch(/^F/);
    await eventually(async () => (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).status === "REFUNDED");
    await expectBalancedJournal(payOrderNo);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: filed.complaintNo, action: "complaint.refunded" } });
    expect(audit.after).toMatchObject({ by: "OPERATOR", amount: "8000" });
  });
});

describe("the buyer portal", () => {
  it("offers a complaint on each paid pay order of the buyer's orders, then the complaint's own follow-up link", async () => {
    const buyerId = `U-C${Date.now()}`;
    const orderNo = await insertOrder({ appId: DEMO_APP.id, buyerId, status: "PAID", amount: 20000n });
    const payOrderNo = await paidOrder();
    await db.payOrder.update({ where: { payOrderNo }, data: { orderNo, purpose: "full" } });
    const demo = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id }, select: { merchantId: true } });
    const token = (url: string) => url.slice(url.lastIndexOf("/") + 1);
    const link = token(createPortalLink(demo.merchantId, buyerId, 600).url);
    const before = await listPortalOrders(link);
    expect(before?.orders.find((o) => o.orderNo === orderNo)?.complain).toEqual([{ purpose: "full", url: `/complaints/new?payOrderNo=${payOrderNo}`, filed: false }]);

    const { json: filed } = await file(valid(payOrderNo));
    expect(await db.complaint.findUniqueOrThrow({ where: { complaintNo: filed.complaintNo } })).toMatchObject({ orderNo, buyerId });
    const after = await listPortalOrders(link);
    expect(after?.orders.find((o) => o.orderNo === orderNo)?.complain).toEqual([{ purpose: "full", url: filed.url, filed: true }]);
    // another buyer's link never carries it
    const other = await listPortalOrders(token(createPortalLink(demo.merchantId, `${buyerId}-x`, 600).url));
    expect(JSON.stringify(other)).not.toContain(filed.viewToken);
  });
});

describe("a refund held for review", () => {
  it("resolves the complaint when the refund is issued, and the consumer's page follows the refund through review", async () => {
    const payOrderNo = await paidOrder(50000);
    const { json: filed } = await file(valid(payOrderNo));
    const consumer = await callerAs(null);
    const access = { complaintNo: filed.complaintNo, token: filed.viewToken };
    await consumer.complaints.reply({ ...access, body: "Any news?" });
    expect((await consumer.complaints.view(access)).messages.map((m) => [m.author, m.body])).toEqual([["CONSUMER", "Any news?"]]);
    await db.app.update({ where: { id: DEMO_APP.id }, data: { refundReviewThreshold: 10000n } });
    invalidateApiApp();
    try {
      const owner = await callerAs("owner@demo.local");
      const issued = await owner.complaints.refund({ mchNo: MCH, complaintNo: filed.complaintNo, amount: "300.00", note: "Refund approved, waiting for finance." });
      expect(issued.status).toBe("PENDING_REVIEW");
      expect(await consumer.complaints.view(access)).toMatchObject({ status: "RESOLVED", resolution: "REFUNDED", refund: { status: "PENDING_REVIEW", amount: 30000n } });
      expect((await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } })).refundingAmount).toBe(30000n);
      await (await callerAs("finance@demo.local")).refunds.review({ mchNo: MCH, refundNo: issued.refundNo, decision: "approve" });
      await eventually(async () => (await consumer.complaints.view(access)).refund?.status === "SUCCEEDED");
      await expectBalancedJournal(payOrderNo);
    } finally {
      await db.app.update({ where: { id: DEMO_APP.id }, data: { refundReviewThreshold: null } });
      invalidateApiApp();
    }
  });
});
