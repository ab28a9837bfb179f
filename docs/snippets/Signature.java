// PayCenter Open API: request signature (HMAC-SHA256) and webhook verification, Java 11+ standard library only.
// Run: java Signature.java   (prints the fixed example vector of docs/signatures.md)
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Signature {
    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) out.append(String.format("%02x", b));
        return out.toString();
    }

    static String sha256Hex(String text) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String hmacSha256Hex(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return hex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** X-Signature: METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nSHA256_HEX(raw body)\n, HMAC-SHA256 with the app secret. */
    static String sign(String secret, String method, String pathAndQuery, String timestamp, String nonce, String body) throws Exception {
        String stringToSign = method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + sha256Hex(body) + "\n";
        return hmacSha256Hex(secret, stringToSign);
    }

    /** X-PayCenter-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]; any v1 may match; t within the tolerance. */
    static boolean verifyWebhook(String secret, String rawBody, String header, long nowSeconds, long toleranceSeconds) throws Exception {
        Long t = null;
        java.util.List<String> v1 = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) return false;
            if (kv[0].equals("t")) t = Long.parseLong(kv[1]);
            else if (kv[0].equals("v1")) v1.add(kv[1]);
        }
        if (t == null || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
        byte[] expected = hmacSha256Hex(secret, t + "." + rawBody).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : v1) {
            // constant-time comparison
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) matched = true;
        }
        return matched;
    }

    public static void main(String[] args) throws Exception {
        String secret = "sk_test_example_secret_0001";
        String body = "{\"mchOrderNo\":\"M20261122001\",\"amount\":12800,\"subject\":\"Sofa deposit\",\"mode\":\"cashier\"}";
        System.out.println("body_sha256=" + sha256Hex(body));
        System.out.println("signature=" + sign(secret, "POST", "/api/v1/pay-orders", "1764547200", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", body));

        String webhook = "{\"id\":\"evt_01JEXAMPLE\",\"type\":\"pay_order.succeeded\",\"createdAt\":\"2025-12-01T00:00:00.000Z\",\"data\":{\"payOrderNo\":\"P1\",\"status\":\"PAID\"}}";
        String header = "t=1764547200,v1=82c878f0f515a7615847ff2b76d89cf8bc4490bfa80b523fb124ffc8344cb6f4";
        System.out.println("webhook=" + (verifyWebhook(secret, webhook, header, 1764547200L + 10, 300) ? "valid" : "invalid"));
        System.out.println("webhook_tampered=" + (verifyWebhook(secret, webhook.replace("PAID", "PAIX"), header, 1764547200L + 10, 300) ? "valid" : "invalid"));
        System.out.println("webhook_late=" + (verifyWebhook(secret, webhook, header, 1764547200L + 301, 300) ? "valid" : "invalid"));
    }
}
