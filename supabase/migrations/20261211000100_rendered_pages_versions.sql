-- Rendered pages cached by data version (issue 24, lib/pages/rendered): the roadmap shows each item's comment count
-- and the dashboard what ended months will bill (from the invoices already issued), so their writes move the
-- client's data version too, at commit, as every other write those pages read does.
create constraint trigger roadmap_comments_bump_version after insert or update or delete on public.roadmap_comments
  deferrable initially deferred for each row execute function private.bump_client_data_version();
create constraint trigger invoices_bump_version after insert or update or delete on public.invoices
  deferrable initially deferred for each row execute function private.bump_client_data_version();
create constraint trigger invoice_lines_bump_version after insert or update or delete on public.invoice_lines
  deferrable initially deferred for each row execute function private.bump_client_data_version();
-- The practice's settings (its owners' review window, its name on invoices) show on every client's pages: a change
-- moves every client, as a person's rename does.
create trigger practice_settings_bump_versions after update on public.practice_settings
  for each statement execute function private.bump_all_client_data_versions();
