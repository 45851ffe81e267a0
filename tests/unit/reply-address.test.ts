// The reply address of an update's email (lib/updates/reply-address): a 42-character lower-case token that names one
// notification and is signed under the server secret; anything altered, cut or signed elsewhere names nothing.
import { describe, expect, it } from "vitest";
import { notificationOfToken, replyToken, tokenInAddress } from "@/lib/updates/reply-address";

const SECRET = "reply-address-test-secret-0123456789";
const ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

describe("reply tokens", () => {
  it("name their notification, fit an address's local part, and survive a mailbox that folds case", () => {
    const token = replyToken(ID, SECRET);
    expect(token).toMatch(/^[a-z2-7]{42}$/);
    expect(`reply+${token}`.length).toBeLessThanOrEqual(64);
    expect(notificationOfToken(token, SECRET)).toBe(ID);
    expect(tokenInAddress(`REPLY+${token.toUpperCase()}@Inbound.Example.com`, "reply+{token}@inbound.example.com")).toBe(token);
  });

  it("name nothing when altered, cut, lengthened, or signed under another secret", () => {
    const token = replyToken(ID, SECRET);
    for (let i = 0; i < token.length; i += 5) {
      const changed = `${token.slice(0, i)}${token[i] === "a" ? "b" : "a"}${token.slice(i + 1)}`;
      expect(notificationOfToken(changed, SECRET), `position ${i}`).toBeNull();
    }
    expect(notificationOfToken(token.slice(0, 41), SECRET)).toBeNull();
    expect(notificationOfToken(`${token}a`, SECRET)).toBeNull();
    expect(notificationOfToken(token, `${SECRET}-rotated`)).toBeNull();
    expect(notificationOfToken(replyToken(ID, "another-secret-0123456789abcdefgh"), SECRET)).toBeNull();
    expect(notificationOfToken("1".repeat(42), SECRET)).toBeNull();
  });

  it("are found only in an address of the deployment's shape", () => {
    const token = replyToken(ID, SECRET);
    const pattern = "reply+{token}@inbound.example.com";
    expect(tokenInAddress(`reply+${token}@inbound.example.com.evil.test`, pattern)).toBeNull();
    expect(tokenInAddress(`xreply+${token}@inbound.example.com`, pattern)).toBeNull();
    expect(tokenInAddress(`reply+${token}x@inbound.example.com`, pattern)).toBeNull();
    expect(tokenInAddress(`reply+${token}@inbound.example.com`, "")).toBeNull(); // no reply address configured
  });
});
