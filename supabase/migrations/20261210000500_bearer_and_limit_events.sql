-- Two more kinds on the security record (issue 29; ASVS 16.3.1, 16.3.3):
--   bearer_refused: a machine door refused its bearer (an API token that is missing, unknown, revoked or expired; the
--                   cron secret; the inbound-mail secret), kept as rows up to 30 a minute per address;
--   limit_reached:  a limit after sign-in refused a person's command (lib/domain/limits.ts), up to 30 a minute per
--                   person and limit.
alter table public.security_events drop constraint security_events_kind_check;
alter table public.security_events add constraint security_events_kind_check check (kind in (
  'code_requested', 'signed_in', 'sign_in_failed', 'invitation_used', 'session_ended', 'sessions_ended_by_admin',
  'access_refused', 'role_changed',
  'factor_enrolled', 'factor_used', 'factor_failed', 'factor_removed', 'factor_reset', 'recovery_codes_renewed',
  'bearer_refused', 'limit_reached'
));
