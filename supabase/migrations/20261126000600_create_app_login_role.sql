-- The login role the app servers connect as. It owns nothing and has no table privileges of its own:
-- every request must `set local role authenticated` (with the caller's claims) or `service_role`, so a
-- query that forgets to do either fails with 42501 instead of bypassing RLS. Created without a password;
-- the operator sets one (`alter role retainer_app password '...'`), the embedded runner generates one.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'retainer_app') then
    create role retainer_app login noinherit;
  end if;
end
$$;

grant authenticated, service_role to retainer_app;
