import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sign, stringToSign } from "@/server/domain/open-api-signature";
import { verifyWebhookSignature, webhookSignature } from "@/server/domain/webhook-signature";
import { hmacSignature, stringToSign as sdkStringToSign, verifyWebhook } from "@/packages/sdk/src/index";

/**
 * docs/signatures.md shows how to sign in Java, Go, Python and PHP. Each snippet (docs/snippets/) prints
 * the same fixed example; its expected output is docs/snippets/expected-output.txt. Here the server's own
 * code computes that vector, the Java and Python snippets are run and their output compared, and the page
 * is checked to show each snippet as it is on disk. Go and PHP are not installed on these machines: their
 * snippets are shown with the expected output beside them.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SNIPPETS = path.join(ROOT, "docs/snippets");
const EXPECTED = readFileSync(path.join(SNIPPETS, "expected-output.txt"), "utf8");

const VECTOR = {
  secret: "sk_test_example_secret_0001",
  method: "POST",
  path: "/api/v1/pay-orders",
  timestamp: "1764547200",
  nonce: "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
  body: '{"mchOrderNo":"M20261122001","amount":12800,"subject":"Sofa deposit","mode":"cashier"}',
  webhook: '{"id":"evt_01JEXAMPLE","type":"pay_order.succeeded","createdAt":"2025-12-01T00:00:00.000Z","data":{"payOrderNo":"P1","status":"PAID"}}',
};

function expectedLine(name: string): string {
  const line = EXPECTED.split("\n").find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`${name} is missing from expected-output.txt`);
  return line.slice(name.length + 1);
}

const work = mkdtempSync(path.join(tmpdir(), "paycenter-snippets-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the signature snippets", () => {
  it("print the vector that the server's own code computes", () => {
    const text = stringToSign(VECTOR.method, VECTOR.path, VECTOR.timestamp, VECTOR.nonce, VECTOR.body);
    expect(text.split("\n")[4]).toBe(expectedLine("body_sha256"));
    expect(sign(VECTOR.secret, text)).toBe(expectedLine("signature"));
    // the SDK agrees
    expect(hmacSignature(VECTOR.secret, sdkStringToSign(VECTOR.method, VECTOR.path, VECTOR.timestamp, VECTOR.nonce, VECTOR.body))).toBe(expectedLine("signature"));

    const t = Number(VECTOR.timestamp);
    const header = webhookSignature(VECTOR.secret, VECTOR.webhook, t);
    expect(header).toBe(`t=${t},v1=${readFileSync(path.join(SNIPPETS, "signature.py"), "utf8").match(/v1=([0-9a-f]{64})/)?.[1]}`);
    expect(verifyWebhookSignature(VECTOR.secret, VECTOR.webhook, header, t + 10)).toBe(expectedLine("webhook") === "valid");
    expect(verifyWebhookSignature(VECTOR.secret, VECTOR.webhook.replace("PAID", "PAIX"), header, t + 10)).toBe(expectedLine("webhook_tampered") === "valid");
    expect(verifyWebhookSignature(VECTOR.secret, VECTOR.webhook, header, t + 301)).toBe(expectedLine("webhook_late") === "valid");
    expect(verifyWebhook({ payload: VECTOR.webhook, header, secret: VECTOR.secret, now: t + 10 })).toMatchObject({ id: "evt_01JEXAMPLE" });
  });

  it("Java: Signature.java prints the expected output", () => {
    // single-file source launch (Java 11+); run from a copy so no class file lands in docs/
    cpSync(path.join(SNIPPETS, "Signature.java"), path.join(work, "Signature.java"));
    expect(execFileSync("java", ["Signature.java"], { cwd: work, encoding: "utf8", timeout: 60_000 })).toBe(EXPECTED);
  }, 60_000);

  it("Python: signature.py prints the expected output", () => {
    expect(execFileSync("python3", ["-B", path.join(SNIPPETS, "signature.py")], { encoding: "utf8", timeout: 30_000 })).toBe(EXPECTED);
  });

  it("every snippet signs the same fixed request, and docs/signatures.md shows each as it is on disk", () => {
    const page = readFileSync(path.join(ROOT, "docs/signatures.md"), "utf8");
    for (const file of ["Signature.java", "signature.go", "signature.py", "signature.php"]) {
      const source = readFileSync(path.join(SNIPPETS, file), "utf8");
      for (const input of [VECTOR.secret, VECTOR.nonce, VECTOR.timestamp, "/api/v1/pay-orders", "82c878f0f515a7615847ff2b76d89cf8bc4490bfa80b523fb124ffc8344cb6f4"]) {
        expect(source, `${file} uses ${input}`).toContain(input);
      }
      expect(page, `docs/signatures.md shows ${file}`).toContain(source.trimEnd());
    }
    expect(page).toContain(EXPECTED.trimEnd());
  });
});
