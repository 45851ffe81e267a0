// The practice settings page's data: the practice's details and its payment instructions, with every
// currency it bills in (one field each), read under the admin's RLS.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { billedCurrencies, getPaymentInstructions, getPracticeSettings } from "@/lib/db/settings";
import { jurisdictionOf, TAX_SCHEMES } from "@/lib/domain/tax";
import { found } from "@/lib/platform/errors";
import { COUNTRIES, SCHEME_ORDER, taxRegistrationField } from "@/lib/schemas/tax";

export function viewPracticeSettings({ claims }: Session) {
  return asUser(claims, async (tx) => {
    const practice = found(await getPracticeSettings(tx), "The practice settings");
    const instructions = await getPaymentInstructions(tx);
    const currencies = await billedCurrencies(tx);
    return {
      ...practice,
      generalPaymentInstructions: instructions.general,
      paymentInstructions: currencies.map((currency) => ({ currency, text: instructions.byCurrency[currency] ?? "" })),
      countries: COUNTRIES,
      /** Which invoice rules the chosen country puts the practice under (EU, UK, US, NZ, JP or other). */
      jurisdiction: jurisdictionOf(practice.country),
      registrations: SCHEME_ORDER.map((scheme) => ({
        scheme, field: taxRegistrationField(scheme), label: TAX_SCHEMES[scheme].label, example: TAX_SCHEMES[scheme].example,
        number: practice.taxRegistrations.find((r) => r.scheme === scheme)?.number ?? "",
      })),
    };
  });
}
