<?php
// PayCenter Open API: request signature (HMAC-SHA256) and webhook verification, PHP 7.4+ standard library only.
// Run: php signature.php   (prints the fixed example vector of docs/signatures.md)

/** X-Signature: METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nSHA256_HEX(raw body)\n, HMAC-SHA256 with the app secret. */
function paycenter_sign(string $secret, string $method, string $pathAndQuery, string $timestamp, string $nonce, string $body): string {
    $stringToSign = $method . "\n" . $pathAndQuery . "\n" . $timestamp . "\n" . $nonce . "\n" . hash('sha256', $body) . "\n";
    return hash_hmac('sha256', $stringToSign, $secret);
}

/** X-PayCenter-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]; any v1 may match; t within the tolerance. */
function paycenter_verify_webhook(string $secret, string $rawBody, string $header, int $now, int $tolerance = 300): bool {
    $t = null;
    $v1 = [];
    foreach (explode(',', $header) as $part) {
        $kv = explode('=', trim($part), 2);
        if (count($kv) !== 2) return false;
        if ($kv[0] === 't') $t = (int) $kv[1];
        elseif ($kv[0] === 'v1') $v1[] = $kv[1];
    }
    if ($t === null || abs($now - $t) > $tolerance) return false;
    $expected = hash_hmac('sha256', $t . '.' . $rawBody, $secret);
    $matched = false;
    foreach ($v1 as $candidate) {
        if (hash_equals($expected, $candidate)) $matched = true; // constant time
    }
    return $matched;
}

$secret = 'sk_test_example_secret_0001';
$body = '{"mchOrderNo":"M20261122001","amount":12800,"subject":"Sofa deposit","mode":"cashier"}';
echo 'body_sha256=' . hash('sha256', $body) . "\n";
echo 'signature=' . paycenter_sign($secret, 'POST', '/api/v1/pay-orders', '1764547200', '5K8264ILTKCH16CQ2502SI8ZNMTM67VS', $body) . "\n";

$webhook = '{"id":"evt_01JEXAMPLE","type":"pay_order.succeeded","createdAt":"2025-12-01T00:00:00.000Z","data":{"payOrderNo":"P1","status":"PAID"}}';
$header = 't=1764547200,v1=82c878f0f515a7615847ff2b76d89cf8bc4490bfa80b523fb124ffc8344cb6f4';
$verdict = function (bool $ok): string { return $ok ? 'valid' : 'invalid'; };
echo 'webhook=' . $verdict(paycenter_verify_webhook($secret, $webhook, $header, 1764547200 + 10)) . "\n";
echo 'webhook_tampered=' . $verdict(paycenter_verify_webhook($secret, str_replace('PAID', 'PAIX', $webhook), $header, 1764547200 + 10)) . "\n";
echo 'webhook_late=' . $verdict(paycenter_verify_webhook($secret, $webhook, $header, 1764547200 + 301)) . "\n";
