import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { defaultBillDate } from "../server/domain/reconciliation";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { USERS, shot, signIn } from "./fixtures/auth";

const MCH = "M10000001";
const MERCHANT_NAME = "演示商城 Demo Store";

/**
 * Settlement (结算) as finance does it, on the demo seed's statement for yesterday (a DRAFT cut from the
 * journal): finance opens it from the list, looks at a line's journal entries, confirms it, downloads its
 * PDF (a real PDF whose text has the merchant's name), records the payout with the bank's reference, and
 * sees it paid out and the payout entry in the ledger.
 */
test.describe("settlement in the console", () => {
  test.use({ viewport: { width: 1366, height: 900 } });
  const yesterday = defaultBillDate();

  test("finance confirms yesterday's statement, downloads its PDF, records the payout and sees the payout in the ledger", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, USERS.finance);
    await page.getByRole("link", { name: "结算", exact: true }).click();
    await expect(page).toHaveURL(`/console/${MCH}/settlement`);
    await expect(page.getByRole("heading", { name: "结算", level: 1 })).toBeVisible();
    const row = page.locator(`[data-testid="statement-row"][data-period="${yesterday}"]`);
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("statement-status")).toHaveText("待确认");
    await expect(row).toContainText("¥");
    await shot(page, "settlement-list");

    await row.getByTestId("statement-link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(yesterday);
    await expect(page.getByTestId("statement-summary")).toContainText("应结金额");
    const lines = page.getByTestId("statement-line");
    await expect(lines.first()).toBeVisible();
    await expect(page.getByTestId("statement-lines")).toContainText("微信支付");
    // a line opens onto the journal entries it sums
    await lines.filter({ hasText: "微信支付" }).first().getByTestId("line-entries-toggle").click();
    await expect(page.getByTestId("line-entry")).toHaveCount(3);
    await shot(page, "settlement-detail");

    await page.getByTestId("confirm-statement").click();
    await page.getByTestId("confirm-submit").click();
    await expect(page.getByTestId("statement-status")).toHaveText("已确认");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()]);
    expect(download.suggestedFilename()).toMatch(/^ST\d{8}[0-9A-Z]{10}\.pdf$/);
    const file = await download.path();
    expect(execFileSync("head", ["-c", "5", file], { encoding: "latin1" })).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain(MERCHANT_NAME);
    expect(text).toContain("结算单");
    expect(text).toContain("已确认");
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", file, "e2e/artifacts/settlement-pdf"]);

    await page.getByTestId("record-payout").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("登记付款");
    await expect(dialog.getByTestId("payout-account")).toBeVisible();
    await dialog.getByLabel("付款流水号").fill("CMB20261204-0001");
    await dialog.getByLabel("备注").fill("招商银行网银付款");
    await shot(page, "settlement-payout");
    await dialog.getByTestId("payout-submit").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("statement-status")).toHaveText("已付款");
    await expect(page.getByTestId("statement-payout")).toContainText("CMB20261204-0001");
    await expect(page.getByTestId("statement-trail")).toContainText("登记付款");
    await expect(page.getByTestId("statement-trail")).toContainText("财务 Fang");
    await expect(page.getByTestId("record-payout")).toHaveCount(0);
    await shot(page, "settlement-paid");

    await page.goto(`/console/${MCH}/settlement?status=PAID_OUT`);
    await expect(row.getByTestId("statement-status")).toHaveText("已付款");
    await expect(row).toContainText("CMB20261204-0001");

    await page.goto(`/console/${MCH}/ledger`);
    await expect(page.locator("table").getByText("结算付款", { exact: true }).first()).toBeVisible();
  });

  test("the pages speak English on request, and a viewer cannot open them", async ({ page, baseURL }) => {
    await signIn(page, USERS.finance);
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    await page.goto(`/console/${MCH}/settlement`);
    await expect(page.getByRole("heading", { name: "Settlement", level: 1 })).toBeVisible();
    await expect(page.getByTestId("statements-table")).toContainText("Net payable");
    await shot(page, "settlement-list-en");
    await page.getByTestId("settlement-settings").click();
    await expect(page.getByRole("dialog")).toContainText("Settlement settings");
    await shot(page, "settlement-settings-en");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).first().click();
    await page.locator(`[data-testid="statement-row"][data-period="${yesterday}"]`).getByTestId("statement-link").click();
    await expect(page.getByTestId("statement-summary")).toContainText("Net payable");
    await expect(page.getByTestId("statement-lines")).toContainText("WeChat Pay");
    await shot(page, "settlement-detail-en");
    const pdfHref = (await page.getByTestId("download-pdf").getAttribute("href")) as string;
    const pdf = await page.request.get(pdfHref);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");

    await page.context().clearCookies();
    await signIn(page, USERS.viewer);
    await expect(page.getByRole("link", { name: "结算", exact: true })).toHaveCount(0);
    await page.goto(`/console/${MCH}/settlement`);
    await expect(page.getByText("没有访问权限")).toBeVisible();
    // the documents are not found for a viewer either (a statement's existence is not revealed)
    expect((await page.request.get(pdfHref)).status()).toBe(404);
  });
});
