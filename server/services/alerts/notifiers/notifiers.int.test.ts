import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/server/env";
import { sendToTarget } from "./index";
import { cutToBytes } from "./wecom";
import { postRobot } from "./post-robot";
import { randomUUID } from "node:crypto";
import { sendTestMessage } from "../send-test-message";
import { sealTargetConfig } from "../target-config";

type Hit = { path: string; body: unknown };

/** A robot on loopback; answers by path: /ok → errcode 0, /limit → 130101, /redirect → 302 to /ok. */
let hits: Hit[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://x").pathname;
      hits.push({ path, body: raw ? JSON.parse(raw) : null });
      if (path === "/redirect") return void response.writeHead(302, { location: `${base}/ok` }).end();
      const answer = path === "/limit" ? { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" } : { errcode: 0, errmsg: "ok" };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = { title: "【告警】渠道错误激增 · 微信支付", text: "### 【告警】渠道错误激增\n- 调用错误数：12" };

describe("robot notifiers", () => {
  it("WeCom: markdown content, the key stays in the URL; an errcode is a failure", async () => {
    hits = [];
    await sendToTarget("WECOM", { url: `${base}/ok?key=abc` }, message);
    expect(hits).toEqual([{ path: "/ok", body: { msgtype: "markdown", markdown: { content: message.text } } }]);
    await expect(sendToTarget("WECOM", { url: `${base}/limit?key=abc` }, message)).rejects.toThrow("errcode 130101");
  });

  it("DingTalk: markdown with title and text", async () => {
    hits = [];
    await sendToTarget("DINGTALK", { url: `${base}/ok?access_token=t`, secret: "SECabcdefghijklmnop" }, message);
    expect(hits).toEqual([{ path: "/ok", body: { msgtype: "markdown", markdown: message } }]);
  });

  it("never follows a redirect, and refuses private addresses unless the operator listed them", async () => {
    hits = [];
    await expect(postRobot(`${base}/redirect`, {})).rejects.toThrow("HTTP 302");
    expect(hits.map((h) => h.path)).toEqual(["/redirect"]);
    await expect(postRobot(`${base}/ok`, {}, { trustedOrigins: [], privateNetworks: [] })).rejects.toThrow(/private or loopback/);
    expect(hits).toHaveLength(1);
  });

  it("the console's test message: sent through the target's notifier, or the reason", async () => {
    hits = [];
    const id = randomUUID();
    const ok = { id, kind: "WECOM" as const, configEnc: sealTargetConfig(id, { url: `${base}/ok?key=k` }) };
    expect(await sendTestMessage(ok)).toEqual({ ok: true });
    expect(JSON.stringify(hits[0].body)).toContain("【测试】");
    const limited = { id, kind: "WECOM" as const, configEnc: sealTargetConfig(id, { url: `${base}/limit?key=k` }) };
    expect(await sendTestMessage(limited)).toEqual({ ok: false, reason: "errcode 130101: send too fast, exceed 20 times per minute" });
  });

  it("cuts WeCom markdown to 4096 bytes without splitting a character", () => {
    const long = "告".repeat(2000); // 6000 bytes
    const cut = cutToBytes(long, 4096);
    expect(Buffer.byteLength(cut, "utf8")).toBeLessThanOrEqual(4096);
    expect(cut.endsWith("告…")).toBe(true);
    expect(cutToBytes("short", 4096)).toBe("short");
  });
});

describe("e-mail", () => {
  it("goes through SMTP_URL from SMTP_FROM to the target's addresses, the title as subject", async () => {
    const mails: string[] = [];
    // the smallest SMTP server nodemailer talks to (no TLS, no auth)
    const smtp = net.createServer((socket) => {
      let data = false;
      let buffer = "";
      socket.write("220 test ESMTP\r\n");
      socket.on("data", (chunk: Buffer) => {
        buffer += chunk.toString("utf8");
        let end: number;
        while ((end = data ? buffer.indexOf("\r\n.\r\n") : buffer.indexOf("\r\n")) !== -1) {
          if (data) {
            mails.push(buffer.slice(0, end));
            buffer = buffer.slice(end + 5);
            data = false;
            socket.write("250 queued\r\n");
            continue;
          }
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === "EHLO" || verb === "HELO") socket.write("250-test\r\n250 8BITMIME\r\n");
          else if (verb === "DATA") {
            data = true;
            socket.write("354 go on\r\n");
          } else if (verb === "QUIT") socket.end("221 bye\r\n");
          else socket.write("250 ok\r\n");
        }
      });
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.address() as AddressInfo).port}`;
    process.env.SMTP_FROM = "PayCenter <alerts@paycenter.test>";
    resetEnvCache();
    try {
      await sendToTarget("EMAIL", { to: ["ops@example.com", "oncall@example.com"] }, message);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain("From: PayCenter <alerts@paycenter.test>");
      expect(mails[0]).toContain("To: ops@example.com, oncall@example.com");
      expect(mails[0]).toMatch(/Subject: =\?UTF-8\?/); // the Chinese title, encoded
    } finally {
      delete process.env.SMTP_URL;
      resetEnvCache();
      smtp.close();
    }
    await expect(sendToTarget("EMAIL", { to: ["ops@example.com"] }, message)).rejects.toThrow("SMTP_URL is not set");
  });
});
