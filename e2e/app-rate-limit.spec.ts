import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { shot, signIn, USERS } from "./fixtures/auth";

const MCH = "M10000001";
const missingOrder = "/api/v1/pay-orders/P20261122000000000AAAAAAAA";

test("the developer sets the app's rate limit on its page, and the Open API answers by it", async ({ page, baseURL }) => {
  await signIn(page, USERS.developer);
  await page.goto(`/console/${MCH}/apps/${DEMO_APP.id}`);
  const card = page.getByTestId("rate-limit");
  await expect(card.getByText("流量控制", { exact: true })).toBeVisible();
  await expect(card.getByTestId("rate-limit-current")).toHaveText("当前：每秒 100 次请求，突发最多 200 次。");

  // a burst below the rate, and no number at all: field errors, nothing saved
  await card.getByLabel("每秒请求数").fill("300");
  await card.getByLabel("突发容量").fill("50");
  await card.getByTestId("rate-limit-save").click();
  await expect(card.getByText("突发容量不能小于每秒请求数")).toBeVisible();
  await card.getByLabel("每秒请求数").fill("abc");
  await card.getByTestId("rate-limit-save").click();
  await expect(card.getByText("请输入整数")).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot(page, "app-rate-limit-errors");

  await card.getByLabel("每秒请求数").fill("150");
  await card.getByLabel("突发容量").fill("300");
  await card.getByTestId("rate-limit-save").click();
  await expect(card.getByText("流量控制已保存")).toBeVisible();
  await expect(card.getByTestId("rate-limit-current")).toHaveText("当前：每秒 150 次请求，突发最多 300 次。");
  await shot(page, "app-rate-limit-saved");

  // the business system sees the new limit in the headers of its next answer
  const answer = await openApiClient(baseURL!, DEMO_APP)(missingOrder);
  expect(answer.headers.get("x-ratelimit-limit")).toBe("300");

  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
  await page.reload();
  await expect(card.getByTestId("rate-limit-current")).toHaveText("Now: 150 requests a second, bursts of up to 300.");
  await card.scrollIntoViewIfNeeded();
  await shot(page, "app-rate-limit-en");

  // back to the defaults, for the other specs
  await card.getByLabel("Requests a second").fill("100");
  await card.getByLabel("Burst").fill("200");
  await card.getByTestId("rate-limit-save").click();
  await expect(card.getByTestId("rate-limit-current")).toHaveText("Now: 100 requests a second, bursts of up to 200.");
});
