import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localInvoiceNumber, localInvoiceSerial } from "@/lib/domain/invoice-number";

describe("local invoice numbers", () => {
  it("are INV- and at least five digits, never cut", () => {
    expect(localInvoiceNumber(1)).toBe("INV-00001");
    expect(localInvoiceNumber(42)).toBe("INV-00042");
    expect(localInvoiceNumber(99_999)).toBe("INV-99999");
    expect(localInvoiceNumber(100_000)).toBe("INV-100000");
  });

  it("count from 1", () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => localInvoiceNumber(n)).toThrow(RangeError);
  });

  it("read back to where they stand in the series; Stripe's numbers and anything else are not ours", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (n) => localInvoiceSerial(localInvoiceNumber(n)) === n));
    for (const other of ["DBL2026-0001", "INV-", "INV-T1a2b3c", "inv-00001", " INV-00001", null]) expect(localInvoiceSerial(other)).toBeNull();
  });
});
