// A freshly generated RSA key for the test GitHub App, in the PKCS#1 PEM form GitHub hands out.
import { generateKeyPairSync } from "node:crypto";

let key: string | undefined;

export function appPrivateKey(): string {
  key ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
  return key;
}
