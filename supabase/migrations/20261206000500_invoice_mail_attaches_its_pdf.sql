-- Issuing a local invoice emails its PDF (issue 27). The outbox row names the invoice; the sender renders the
-- PDF from the stored invoice when it sends (lib/mail/send.ts), so the close's transaction stays short, the
-- outbox holds no binary, and the attachment always matches the invoice as stored. The outbox stays the
-- service role's alone (nothing granted to authenticated).
alter table public.outbox add column attach_invoice_id uuid references public.invoices (id) on delete cascade;
comment on column public.outbox.attach_invoice_id is
  'Invoice whose PDF the sender renders and attaches when it sends this email; null: no attachment.';
create index outbox_attach_invoice_idx on public.outbox (attach_invoice_id) where attach_invoice_id is not null;
