import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { DEMO_PASSWORD, seedIfEmpty } from "@/prisma/seed";
import { authenticateUser } from "./authenticate-user";

beforeAll(async () => {
  await seedIfEmpty();
});

describe("authenticateUser", () => {
  it("signs in with the right password, case-insensitively on the email", async () => {
    const user = await authenticateUser({ email: "Finance@Demo.local", password: DEMO_PASSWORD });
    expect(user).toMatchObject({ email: "finance@demo.local", platformRole: null });
    const stored = await db.user.findUniqueOrThrow({ where: { email: "finance@demo.local" } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.lastLoginAt).not.toBeNull();
  });

  it("knows operators", async () => {
    expect(await authenticateUser({ email: "admin@paycenter.local", password: DEMO_PASSWORD })).toMatchObject({ platformRole: "ADMIN" });
  });

  it("refuses a wrong password, an unknown email, a disabled user and malformed input alike", async () => {
    expect(await authenticateUser({ email: "owner@demo.local", password: "wrong" })).toBeNull();
    expect(await authenticateUser({ email: "nobody@demo.local", password: DEMO_PASSWORD })).toBeNull();
    await db.user.update({ where: { email: "viewer@demo.local" }, data: { disabledAt: new Date() } });
    expect(await authenticateUser({ email: "viewer@demo.local", password: DEMO_PASSWORD })).toBeNull();
    for (const bad of [null, {}, { email: "x" }, { email: "a@b.c", password: "" }, { email: ["a@b.c"], password: 1 }, "a@b.c"]) {
      expect(await authenticateUser(bad)).toBeNull();
    }
  });
});
