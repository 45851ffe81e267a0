// What "How to pay" says for a local invoice: the practice's instructions for its currency as they typed
// them, or, when there are none, whom to ask (never a dead end).
import type { HowToPay } from "@/lib/types/payment";

export function HowToPayText({ howToPay, invoiceNumber }: { howToPay: HowToPay; invoiceNumber: string | null }) {
  if (howToPay.kind === "instructions") {
    return <p className="whitespace-pre-line break-words">{howToPay.text}</p>;
  }
  const quoting = invoiceNumber ? `, quoting invoice ${invoiceNumber}` : "";
  return howToPay.email ? (
    <p>
      {howToPay.practiceName} has not listed payment details yet. Write to{" "}
      <a href={`mailto:${howToPay.email}`} className="font-medium text-brand-700 underline">{howToPay.email}</a> to ask how to pay{quoting}.
    </p>
  ) : (
    <p>{howToPay.practiceName} has not listed payment details yet. Contact them to ask how to pay{quoting}.</p>
  );
}
