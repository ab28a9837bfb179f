import { randomBytes, sign as rsaSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { stringToSign } from "../server/domain/open-api-signature";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { shot, signIn, USERS } from "./fixtures/auth";

const MCH = "M10000001";
const RSA_DIR = "server/domain/fixtures/rsa";

test.describe("request logs and RSA keys (developers)", () => {
  test("a developer finds a failed request by its request id, with its error code and a masked body", async ({ page, baseURL }) => {
    // the business system sends a request that fails validation, with a phone number in it
    const requestId = `req_e2e_${randomBytes(6).toString("hex")}`;
    const failed = await openApiClient(baseURL!, DEMO_APP)("/api/v1/pay-orders", {
      body: { mchOrderNo: `E2ELOG${Date.now()}`, amount: -5, subject: "沙发定金", description: "联系 13800138000" },
      headers: { "x-request-id": requestId },
    });
    expect(failed.status).toBe(400);
    expect(failed.json.error.code).toBe("VALIDATION_FAILED");

    await signIn(page, USERS.developer);
    await page.goto(`/console/${MCH}`);
    await page.getByRole("link", { name: "请求日志" }).first().click();
    await expect(page.getByRole("heading", { name: "请求日志" })).toBeVisible();
    await page.getByTestId("request-log-search").fill(requestId);
    await page.getByRole("button", { name: "查询" }).click();
    const row = page.getByTestId("request-log-row");
    // the request shows by itself within a second or two (the page polls)
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("request-log-status")).toHaveText("400");
    await expect(row.getByTestId("request-log-error")).toHaveText("VALIDATION_FAILED");
    await shot(page, "request-logs-search");

    await row.getByTestId("request-log-link").click();
    await expect(page.getByTestId("request-log-detail-id")).toHaveText(requestId);
    await expect(page.getByTestId("request-log-detail-error")).toHaveText("VALIDATION_FAILED");
    const body = page.getByTestId("request-log-requestBody");
    await expect(body).toContainText("138****8000");
    await expect(body).not.toContainText("13800138000");
    await shot(page, "request-log-detail");

    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    await page.reload();
    await expect(page.getByText("Webhook deliveries")).toBeVisible();
    await shot(page, "request-log-detail-en");
  });

  test("a developer opens the API reference from the menu: rendered locally, in both languages, on a laptop and a phone", async ({ page, baseURL }) => {
    // four renderings of a ~1 MB reference, beside another spec on 2 cores: room for a busy machine
    test.setTimeout(300_000);
    const external: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) external.push(request.url());
    });
    await signIn(page, USERS.developer);
    for (const lang of [{ locale: "zh-CN", title: "API 参考" }, { locale: "en", title: "API reference" }]) {
      await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang.locale, url: baseURL! }]);
      for (const viewport of [{ width: 1366, height: 800 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(viewport);
        await page.goto(`/console/${MCH}`);
        if (viewport.width > 500) await page.getByRole("link", { name: lang.title }).first().click();
        else await page.goto(`/console/${MCH}/developers/api-reference`);
        await expect(page.getByRole("heading", { level: 1, name: lang.title })).toBeVisible();
        const reference = page.getByTestId("api-reference");
        // Scalar has read /api/v1/openapi.json: the document's title, the three centers, the first one's operations
        await expect(reference.getByRole("heading", { name: "PayCenter Open API", level: 1 })).toBeVisible({ timeout: 90_000 });
        if (viewport.width > 500) {
          for (const center of ["Order center", "Payment center", "Trade center"]) await expect(reference.getByRole("link", { name: center, exact: true }).first()).toBeVisible();
          await expect(reference.getByText("Push an order; it opens its pay orders").first()).toBeVisible();
        } else {
          // a phone: Scalar folds its sidebar behind a menu button
          await expect(reference.getByRole("button", { name: "Open Menu" })).toBeVisible();
        }
        await expect(page.getByTestId("download-openapi")).toHaveAttribute("href", "/api/v1/openapi.json");
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        // the window only: the whole reference is ~18,000 px tall
        await page.screenshot({ path: `e2e/artifacts/api-reference-${lang.locale}-${viewport.width}.png` });
      }
    }
    // no CDN, no telemetry: every request stayed on PayCenter's own origin
    expect(external).toEqual([]);
  });

  test("a developer uploads an RSA public key (a private key is refused) and signs with it", async ({ page, baseURL }) => {
    await signIn(page, USERS.developer);
    await page.goto(`/console/${MCH}/apps/${DEMO_APP.id}`);
    const card = page.getByTestId("rsa-key-card");
    await card.getByTestId("rsa-key-upload").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("公钥（PEM）").fill(readFileSync(`${RSA_DIR}/private.pem`, "utf8"));
    await dialog.getByTestId("rsa-key-save").click();
    await expect(dialog.getByText(/这是私钥/)).toBeVisible();
    await shot(page, "rsa-key-private-refused");
    await dialog.getByLabel("公钥（PEM）").fill(readFileSync(`${RSA_DIR}/public.pem`, "utf8"));
    await dialog.getByTestId("rsa-key-save").click();
    await expect(dialog).toBeHidden();
    await expect(card.getByTestId("rsa-key-fingerprint")).toHaveText("29efeb3877d7d80a9cc0e8a6506df900f27147e23b16dc79fe06f3697c846dd4");
    await shot(page, "rsa-key-uploaded");

    // a request signed with the private key is accepted (404: it reached the use case)
    const path = "/api/v1/pay-orders/P20261122000000000AAAAAAAA";
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(12).toString("hex");
    const signature = rsaSign("sha256", Buffer.from(stringToSign("GET", path, timestamp, nonce, "")), readFileSync(`${RSA_DIR}/private.pem`, "utf8")).toString("base64");
    const answer = await fetch(`${baseURL}${path}`, {
      headers: { "x-app-id": DEMO_APP.id, "x-timestamp": timestamp, "x-nonce": nonce, "x-signature": signature, "x-sign-type": "RSA-SHA256" },
    });
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("ORDER_NOT_FOUND");

    // removed: the card says so (and RSA-signed requests are refused again: integration tests)
    await card.getByTestId("rsa-key-remove").click();
    await page.getByRole("alertdialog").getByRole("button", { name: "删除公钥" }).click();
    await expect(card.getByText("未上传 RSA 公钥")).toBeVisible();
  });
});
