-- An admin ends every session in the practice at once (issue 29; ASVS 5.0 7.4.5): after a suspected leak, or when a
-- shared computer was used by many. Local and hosted sessions alike, all but p_keep (the admin's own). Called by
-- the app's service role only; the command that calls it checks the admin and records it.
create function private.end_everyones_sessions(p_keep uuid, p_reason text) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  local_n integer;
  hosted_n integer;
begin
  update private.sessions set revoked_at = now(), ended_reason = p_reason
  where revoked_at is null and expires_at > now() and (p_keep is null or id <> p_keep);
  get diagnostics local_n = row_count;
  delete from auth.sessions where p_keep is null or id <> p_keep;
  get diagnostics hosted_n = row_count;
  return local_n + hosted_n;
end
$$;
revoke execute on function private.end_everyones_sessions(uuid, text) from public, anon, authenticated;
grant execute on function private.end_everyones_sessions(uuid, text) to service_role;
