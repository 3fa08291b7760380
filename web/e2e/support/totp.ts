import { TOTP } from "otpauth";

// The server accepts each 30-second step once (and one step either side): remember what was spent.
const spent = new Map<string, number>();

/** A TOTP code (RFC 6238, SHA-1, 6 digits, 30 s) for `secret` that this run has not used yet. */
export async function freshTotpCode(secret: string): Promise<string> {
  const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: "SHA1" });
  for (;;) {
    const current = Math.floor(Date.now() / 1000 / 30);
    const last = spent.get(secret) ?? -Infinity;
    const step = Math.max(current - 1, last + 1);
    if (step <= current + 1) {
      spent.set(secret, step);
      return totp.generate({ timestamp: step * 30 * 1000 });
    }
    await new Promise((wait) => setTimeout(wait, 1000));
  }
}
