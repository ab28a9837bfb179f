import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, outcome } from "@/server/testing/callers";
import { seedIfEmpty } from "@/prisma/seed";
import { hashInvitationToken } from "./invitation-token";

const DEMO = "M10000001";

beforeAll(async () => {
  await seedIfEmpty();
});

async function owner() {
  return callerAs("owner@demo.local");
}

describe("invitations", () => {
  it("shows the link once, stores only its hash, and lets a new person join with the role", async () => {
    const invited = await (await owner()).members.invite({ mchNo: DEMO, email: " New.Dev@Example.com ", role: "DEVELOPER" });
    expect(invited.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invited.id } });
    expect(row).toMatchObject({ email: "new.dev@example.com", role: "DEVELOPER", tokenHash: hashInvitationToken(invited.token) });
    expect(JSON.stringify(row)).not.toContain(invited.token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(6.99 * 24 * 3600_000);
    const list = await (await owner()).members.list({ mchNo: DEMO });
    expect(list.invitations.map((i) => i.email)).toContain("new.dev@example.com");
    expect(JSON.stringify(list)).not.toMatch(/tokenHash|token/);

    const visitor = await callerAs(null);
    expect(await visitor.account.invitation({ token: invited.token })).toMatchObject({ state: "open", email: "new.dev@example.com", role: "DEVELOPER", mchNo: DEMO, hasAccount: false });
    const joined = await visitor.account.signUpWithInvitation({ token: invited.token, name: "新开发", password: "Secret123" });
    expect(joined).toMatchObject({ mchNo: DEMO, email: "new.dev@example.com" });
    const membership = await db.membership.findFirstOrThrow({ where: { user: { email: "new.dev@example.com" }, merchant: { mchNo: DEMO } } });
    expect(membership.role).toBe("DEVELOPER");

    // The link works once.
    expect((await visitor.account.invitation({ token: invited.token })).state).toBe("accepted");
    expect(await outcome(visitor.account.signUpWithInvitation({ token: invited.token, name: "x", password: "Secret123" }))).toBe("CONFLICT");
    expect(await outcome((await callerAs("new.dev@example.com")).account.acceptInvitation({ token: invited.token }))).toBe("CONFLICT");
  });

  it("lets an existing user join by signing in, only for their own email", async () => {
    const invited = await (await owner()).members.invite({ mchNo: DEMO, email: "owner@acme.local", role: "FINANCE" });
    expect(await (await callerAs(null)).account.invitation({ token: invited.token })).toMatchObject({ state: "open", hasAccount: true });
    expect(await outcome((await callerAs(null)).account.signUpWithInvitation({ token: invited.token, name: "x", password: "Secret123" }))).toBe("CONFLICT");
    expect(await outcome((await callerAs(null)).account.acceptInvitation({ token: invited.token }))).toBe("UNAUTHORIZED");
    expect(await outcome((await callerAs("viewer@demo.local")).account.acceptInvitation({ token: invited.token }))).toBe("FORBIDDEN");
    expect(await (await callerAs("owner@acme.local")).account.acceptInvitation({ token: invited.token })).toEqual({ mchNo: DEMO });
    const roles = await db.membership.findMany({ where: { user: { email: "owner@acme.local" } }, include: { merchant: true } });
    expect(roles.map((m) => [m.merchant.mchNo, m.role]).sort()).toEqual([[DEMO, "FINANCE"], ["M10000002", "OWNER"]]);
  });

  it("refuses revoked, expired, unknown and malformed tokens", async () => {
    const o = await owner();
    const revoked = await o.members.invite({ mchNo: DEMO, email: "revoked@example.com", role: "VIEWER" });
    await o.members.revokeInvitation({ mchNo: DEMO, invitationId: revoked.id });
    expect(await outcome(o.members.revokeInvitation({ mchNo: DEMO, invitationId: revoked.id }))).toBe("CONFLICT");
    const visitor = await callerAs(null);
    expect((await visitor.account.invitation({ token: revoked.token })).state).toBe("revoked");
    expect(await outcome(visitor.account.signUpWithInvitation({ token: revoked.token, name: "x", password: "Secret123" }))).toBe("CONFLICT");
    expect(await db.user.count({ where: { email: "revoked@example.com" } })).toBe(0);

    const expired = await o.members.invite({ mchNo: DEMO, email: "expired@example.com", role: "VIEWER" });
    await db.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await visitor.account.invitation({ token: expired.token })).state).toBe("expired");
    expect(await outcome(visitor.account.signUpWithInvitation({ token: expired.token, name: "x", password: "Secret123" }))).toBe("CONFLICT");
    expect(await db.user.count({ where: { email: "expired@example.com" } })).toBe(0);
    // An expired invitation does not block a new one.
    await o.members.invite({ mchNo: DEMO, email: "expired@example.com", role: "VIEWER" });

    expect((await visitor.account.invitation({ token: "A".repeat(43) })).state).toBe("unknown");
    expect(await outcome(visitor.account.invitation({ token: "../../etc/passwd" }))).toBe("BAD_REQUEST");
    expect(await outcome(visitor.account.signUpWithInvitation({ token: "A".repeat(43), name: "x", password: "Secret123" }))).toBe("NOT_FOUND");
  });

  it("refuses a member's email, a second open invitation and bad input as field errors", async () => {
    const o = await owner();
    for (const email of ["finance@demo.local", "expired@example.com"]) {
      const error = await o.members.invite({ mchNo: DEMO, email, role: "VIEWER" }).catch((e) => e);
      expect([error.code, error.cause?.field], email).toEqual(["CONFLICT", "email"]);
    }
    expect(await outcome(o.members.invite({ mchNo: DEMO, email: "x", role: "VIEWER" }))).toBe("BAD_REQUEST");
    expect(await outcome(o.members.invite({ mchNo: DEMO, email: "ok@example.com", role: "ADMIN" as "VIEWER" }))).toBe("BAD_REQUEST");
  });
});

describe("roles and removal", () => {
  it("never removes or demotes the last OWNER, even when two owners act at once", async () => {
    const o = await owner();
    const { members } = await o.members.list({ mchNo: DEMO });
    const self = members.find((m) => m.email === "owner@demo.local")!;
    expect(await outcome(o.members.changeRole({ mchNo: DEMO, membershipId: self.id, role: "VIEWER" }))).toBe("CONFLICT");
    expect(await outcome(o.members.remove({ mchNo: DEMO, membershipId: self.id }))).toBe("CONFLICT");

    // A second owner; then both demote themselves at once: exactly one succeeds.
    const viewer = members.find((m) => m.email === "viewer@demo.local")!;
    await o.members.changeRole({ mchNo: DEMO, membershipId: viewer.id, role: "OWNER" });
    const second = await callerAs("viewer@demo.local");
    const results = await Promise.all([
      outcome(o.members.changeRole({ mchNo: DEMO, membershipId: self.id, role: "FINANCE" })),
      outcome(second.members.changeRole({ mchNo: DEMO, membershipId: viewer.id, role: "FINANCE" })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    expect(await db.membership.count({ where: { merchant: { mchNo: DEMO }, role: "OWNER" } })).toBe(1);
    // Put the demo back as it was.
    const after = await db.membership.findMany({ where: { merchant: { mchNo: DEMO }, user: { email: { in: ["owner@demo.local", "viewer@demo.local"] } } }, include: { user: true } });
    for (const m of after) await db.membership.update({ where: { id: m.id }, data: { role: m.user.email === "owner@demo.local" ? "OWNER" : "VIEWER" } });
  });

  it("changes a role and removes a member, each with its audit entry", async () => {
    const o = await owner();
    const joined = (await o.members.list({ mchNo: DEMO })).members.find((m) => m.email === "new.dev@example.com")!;
    await o.members.changeRole({ mchNo: DEMO, membershipId: joined.id, role: "FINANCE" });
    await o.members.remove({ mchNo: DEMO, membershipId: joined.id });
    expect(await outcome(o.members.remove({ mchNo: DEMO, membershipId: joined.id }))).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("new.dev@example.com")).merchant.overview({ mchNo: DEMO }))).toBe("NOT_FOUND");
    const entries = await o.audit.list({ mchNo: DEMO, action: "member.", pageSize: 100 });
    const actions = entries.rows.map((r) => r.action);
    for (const action of ["member.invited", "member.joined", "member.invitation_revoked", "member.role_changed", "member.removed"]) expect(actions).toContain(action);
    const removal = entries.rows.find((r) => r.action === "member.removed")!;
    expect(removal).toMatchObject({ actor: "owner@demo.local", ip: "127.0.0.1", before: { email: "new.dev@example.com", role: "FINANCE" } });
    const joinedEntry = entries.rows.find((r) => r.action === "member.joined" && (r.after as { email: string }).email === "new.dev@example.com")!;
    expect(joinedEntry.actor).toBe("new.dev@example.com");
    expect(JSON.stringify(entries)).not.toMatch(/tokenHash/);
  });

  it("cannot touch another merchant's members or invitations", async () => {
    const acmeOwner = await callerAs("owner@acme.local");
    const demoMember = (await (await owner()).members.list({ mchNo: DEMO })).members[0];
    expect(await outcome(acmeOwner.members.remove({ mchNo: "M10000002", membershipId: demoMember.id }))).toBe("NOT_FOUND");
    expect(await outcome(acmeOwner.members.changeRole({ mchNo: "M10000002", membershipId: demoMember.id, role: "VIEWER" }))).toBe("NOT_FOUND");
    const invitation = await db.invitation.findFirstOrThrow({ where: { merchant: { mchNo: DEMO }, acceptedAt: null, revokedAt: null } });
    expect(await outcome(acmeOwner.members.revokeInvitation({ mchNo: "M10000002", invitationId: invitation.id }))).toBe("NOT_FOUND");
  });

  it("keeps members and the audit log to the OWNER", async () => {
    for (const email of ["dev@demo.local", "finance@demo.local", "viewer@demo.local"]) {
      const caller = await callerAs(email);
      expect(await outcome(caller.members.list({ mchNo: DEMO })), email).toBe("FORBIDDEN");
      expect(await outcome(caller.members.invite({ mchNo: DEMO, email: "x@example.com", role: "OWNER" })), email).toBe("FORBIDDEN");
      expect(await outcome(caller.audit.list({ mchNo: DEMO })), email).toBe("FORBIDDEN");
    }
  });

  it("scopes the console audit log to its merchant and pages it", async () => {
    const o = await owner();
    const first = await o.audit.list({ mchNo: DEMO, pageSize: 3 });
    const second = await o.audit.list({ mchNo: DEMO, page: 2, pageSize: 3 });
    expect(first.rows).toHaveLength(3);
    expect(first.rows.map((r) => r.id)).not.toContain(second.rows[0]?.id);
    expect(first.rows.every((r) => r.merchant?.mchNo === DEMO)).toBe(true);
    expect(await outcome(o.audit.list({ mchNo: DEMO, pageSize: 1000 }))).toBe("BAD_REQUEST");
  });
});
