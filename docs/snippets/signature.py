"""PayCenter Open API: request signature (HMAC-SHA256) and webhook verification, Python 3 standard library only.

Run: python3 signature.py   (prints the fixed example vector of docs/signatures.md)
"""
import hashlib
import hmac


def sign(secret: str, method: str, path_and_query: str, timestamp: str, nonce: str, body: bytes) -> str:
    """X-Signature: METHOD\\nPATH_AND_QUERY\\nTIMESTAMP\\nNONCE\\nSHA256_HEX(raw body)\\n, HMAC-SHA256 with the app secret."""
    string_to_sign = f"{method}\n{path_and_query}\n{timestamp}\n{nonce}\n{hashlib.sha256(body).hexdigest()}\n"
    return hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def verify_webhook(secret: str, raw_body: bytes, header: str, now: int, tolerance: int = 300) -> bool:
    """X-PayCenter-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]; any v1 may match; t within the tolerance."""
    t, v1 = None, []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            return False
        if key == "t":
            t = int(value)
        elif key == "v1":
            v1.append(value)
    if t is None or abs(now - t) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{t}.".encode() + raw_body, hashlib.sha256).hexdigest()
    # compare_digest: constant time; every candidate is compared
    return any([hmac.compare_digest(expected, candidate) for candidate in v1])


if __name__ == "__main__":
    secret = "sk_test_example_secret_0001"
    body = b'{"mchOrderNo":"M20261122001","amount":12800,"subject":"Sofa deposit","mode":"cashier"}'
    print("body_sha256=" + hashlib.sha256(body).hexdigest())
    print("signature=" + sign(secret, "POST", "/api/v1/pay-orders", "1764547200", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", body))

    webhook = b'{"id":"evt_01JEXAMPLE","type":"pay_order.succeeded","createdAt":"2025-12-01T00:00:00.000Z","data":{"payOrderNo":"P1","status":"PAID"}}'
    header = "t=1764547200,v1=82c878f0f515a7615847ff2b76d89cf8bc4490bfa80b523fb124ffc8344cb6f4"
    verdict = lambda ok: "valid" if ok else "invalid"
    print("webhook=" + verdict(verify_webhook(secret, webhook, header, 1764547200 + 10)))
    print("webhook_tampered=" + verdict(verify_webhook(secret, webhook.replace(b"PAID", b"PAIX"), header, 1764547200 + 10)))
    print("webhook_late=" + verdict(verify_webhook(secret, webhook, header, 1764547200 + 301)))
