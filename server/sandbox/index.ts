/**
 * What the rest of PayCenter uses of the built-in sandbox — services, the app's routes, the seed —
 * and nothing more: provisioning a channel account there, its fault injection, the payer pages, the
 * Open API's simulate endpoints, and the simulated channels' HTTP entry. The simulators themselves
 * (server/sandbox/<channel>/) are otherwise reached over HTTP only, as the real channels are.
 */
export { parseFaults, type SandboxFaults } from "./faults";
export { handleSandboxRequest } from "./http";
export { replaceSandboxBillEdits, replaceSandboxFaults, sandboxMerchantOfAccount } from "./merchants";
export { findPayerTrade, payerReturnAddress } from "./payer";
export { generateSandboxCredentials, provisionSandboxMerchant, type SandboxCredentials } from "./provision";
export { type PayerOutcome, settleRefund, settleTrade } from "./trades";
export { confirmCodePayment, tradesOfCodes } from "./barcode-trades";
export { isPayCodeChannel, isSandboxBuyer, issuePayCode, PAY_CODE_CHANNELS, PAY_CODE_TTL_MS, SANDBOX_BUYERS, type PayCodeChannel, type SandboxBuyer } from "./paycodes";
export { sandboxJsapiPayerUrl } from "./jsapi-bridge";
