// PayCenter Open API: request signature (HMAC-SHA256) and webhook verification, Go standard library only.
// Run: go run signature.go   (prints the fixed example vector of docs/signatures.md)
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacHex(secret string, text []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(text)
	return hex.EncodeToString(mac.Sum(nil))
}

// Sign: METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nSHA256_HEX(raw body)\n, HMAC-SHA256 with the app secret.
func Sign(secret, method, pathAndQuery, timestamp, nonce string, body []byte) string {
	stringToSign := method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + sha256Hex(body) + "\n"
	return hmacHex(secret, []byte(stringToSign))
}

// VerifyWebhook: X-PayCenter-Signature t=<unix seconds>,v1=<hex>[,v1=<hex>…]; any v1 may match; t within the tolerance.
func VerifyWebhook(secret string, rawBody []byte, header string, now, tolerance int64) bool {
	var t int64 = -1
	var v1 []string
	for _, part := range strings.Split(header, ",") {
		kv := strings.SplitN(strings.TrimSpace(part), "=", 2)
		if len(kv) != 2 {
			return false
		}
		switch kv[0] {
		case "t":
			n, err := strconv.ParseInt(kv[1], 10, 64)
			if err != nil {
				return false
			}
			t = n
		case "v1":
			v1 = append(v1, kv[1])
		}
	}
	if t < 0 || now-t > tolerance || t-now > tolerance {
		return false
	}
	expected := []byte(hmacHex(secret, append([]byte(strconv.FormatInt(t, 10)+"."), rawBody...)))
	matched := false
	for _, candidate := range v1 {
		if hmac.Equal(expected, []byte(candidate)) { // constant time
			matched = true
		}
	}
	return matched
}

func verdict(ok bool) string {
	if ok {
		return "valid"
	}
	return "invalid"
}

func main() {
	secret := "sk_test_example_secret_0001"
	body := []byte(`{"mchOrderNo":"M20261122001","amount":12800,"subject":"Sofa deposit","mode":"cashier"}`)
	fmt.Println("body_sha256=" + sha256Hex(body))
	fmt.Println("signature=" + Sign(secret, "POST", "/api/v1/pay-orders", "1764547200", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", body))

	webhook := `{"id":"evt_01JEXAMPLE","type":"pay_order.succeeded","createdAt":"2025-12-01T00:00:00.000Z","data":{"payOrderNo":"P1","status":"PAID"}}`
	header := "t=1764547200,v1=82c878f0f515a7615847ff2b76d89cf8bc4490bfa80b523fb124ffc8344cb6f4"
	fmt.Println("webhook=" + verdict(VerifyWebhook(secret, []byte(webhook), header, 1764547200+10, 300)))
	fmt.Println("webhook_tampered=" + verdict(VerifyWebhook(secret, []byte(strings.Replace(webhook, "PAID", "PAIX", 1)), header, 1764547200+10, 300)))
	fmt.Println("webhook_late=" + verdict(VerifyWebhook(secret, []byte(webhook), header, 1764547200+301, 300)))
}
