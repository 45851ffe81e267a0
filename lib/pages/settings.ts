// The practice settings page's data: the practice's details and its payment instructions, with every
// currency it bills in (one field each), read under the admin's RLS.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { billedCurrencies, getPaymentInstructions, getPracticeSettings } from "@/lib/db/settings";
import { found } from "@/lib/platform/errors";

export function viewPracticeSettings({ claims }: Session) {
  return asUser(claims, async (tx) => {
    const practice = found(await getPracticeSettings(tx), "The practice settings");
    const instructions = await getPaymentInstructions(tx);
    const currencies = await billedCurrencies(tx);
    return {
      ...practice,
      generalPaymentInstructions: instructions.general,
      paymentInstructions: currencies.map((currency) => ({ currency, text: instructions.byCurrency[currency] ?? "" })),
    };
  });
}
