-- A weekly update reaches the client only through the app's publish, which first holds its words to the
-- phishing filter (lib/updates/check.ts, issue 20 item 2). Staff could still publish directly through the Data
-- API (`update weekly_updates set status = 'published'`), skipping the filter, because they held the update
-- privilege on status and the publish stamp. Now the publish is the service role's, after the app checked the
-- words and that the caller works for the client in the same transaction; staff keep editing drafts.
revoke update (status, published_at, published_by) on public.weekly_updates from authenticated;

drop policy "Staff can edit drafts and publish them as themselves" on public.weekly_updates;
create policy "Staff edit drafts of the clients they work for"
  on public.weekly_updates for update to authenticated
  using (client_id in (select private.staffed_client_ids()) and status = 'draft')
  with check (client_id in (select private.staffed_client_ids()) and status = 'draft' and published_by is null);
