-- Owners may turn Claude drafting off (or back on) for their own client, and change nothing else about it.
-- RLS decides which rows an owner may update; the trigger decides which columns.

create policy "Owners can switch AI drafting for their client"
  on public.clients for update to authenticated
  using (id in (select private.owned_client_ids()))
  with check (id in (select private.owned_client_ids()));

create function private.owners_change_only_ai_drafting() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- Staff of the client (and the service role, which has no auth.uid()) may change anything RLS allows.
  if (select auth.uid()) is null or new.id in (select private.staffed_client_ids()) then
    return new;
  end if;
  if (to_jsonb(new) - 'ai_drafting_enabled') is distinct from (to_jsonb(old) - 'ai_drafting_enabled') then
    raise exception 'owners can only change the AI drafting setting' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke execute on function private.owners_change_only_ai_drafting() from public, anon, authenticated;

create trigger clients_owner_changes
  before update on public.clients
  for each row execute function private.owners_change_only_ai_drafting();
