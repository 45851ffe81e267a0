-- What AI saw (issue 26): every request the portal sends to a model, kept for the client it was about. The practice
-- promises private AI; the owners can see exactly what left the portal: the prompt as sent (after redaction), the
-- answer as received, what was masked, the check's verdict, retries, token counts and the draft it produced.
-- Written by the app only (the service role, in the command that drafted): nobody signed in writes a record, or
-- changes or removes one. Owners and the client's staff read them, as they read invoices; members do not.

create table public.ai_requests (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  requested_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  purpose text not null check (char_length(purpose) between 1 and 200),
  endpoint text not null check (char_length(endpoint) between 1 and 500),
  model text not null check (char_length(model) between 1 and 200),
  answered_by text check (char_length(answered_by) <= 200),
  prompt_version text not null check (char_length(prompt_version) between 1 and 200),
  attempt smallint not null check (attempt between 1 and 10),
  http_attempts smallint not null check (http_attempts between 0 and 20),
  request jsonb not null,
  response text,
  outcome text not null check (outcome in ('accepted', 'refused', 'failed')),
  feedback text check (char_length(feedback) <= 4000),
  input_tokens integer check (input_tokens >= 0),
  output_tokens integer check (output_tokens >= 0),
  masked jsonb not null default '[]'::jsonb check (jsonb_typeof(masked) = 'array'),
  update_id uuid references public.weekly_updates (id) on delete set null
);
alter table public.ai_requests enable row level security;
comment on table public.ai_requests is
  'Every request sent to a model about a client: what was sent and received, what was masked, and what it produced (issue 26). Written by the app only.';
comment on column public.ai_requests.client_id is 'The client whose data the request carried.';
comment on column public.ai_requests.requested_by is 'Who asked for the draft.';
comment on column public.ai_requests.created_at is 'When the request was answered or failed (UTC).';
comment on column public.ai_requests.purpose is 'What it was for, in words (a weekly update''s draft).';
comment on column public.ai_requests.endpoint is 'Where it was sent: the Messages API address (ANTHROPIC_BASE_URL when set).';
comment on column public.ai_requests.model is 'The model asked for.';
comment on column public.ai_requests.answered_by is 'The model that answered, as the answer says.';
comment on column public.ai_requests.prompt_version is 'The prompt''s name and version.';
comment on column public.ai_requests.attempt is 'Which attempt of the draft: 2 is the retry with the check''s reasons.';
comment on column public.ai_requests.http_attempts is 'HTTP requests the attempt took (more than 1: retried after a rate limit, a server error or a timeout).';
comment on column public.ai_requests.request is 'The request exactly as sent (system prompt, messages, output schema), after redaction.';
comment on column public.ai_requests.response is 'The answer''s text exactly as received; null when none came.';
comment on column public.ai_requests.outcome is 'accepted by the check, refused by it (then retried once), or failed (no answer).';
comment on column public.ai_requests.feedback is 'Why the check refused the answer, or why the request failed.';
comment on column public.ai_requests.input_tokens is 'Input tokens the answer reports.';
comment on column public.ai_requests.output_tokens is 'Output tokens the answer reports.';
comment on column public.ai_requests.masked is 'What redaction masked before sending: kind, placeholder and a preview that never shows the value.';
comment on column public.ai_requests.update_id is 'The weekly update the accepted answer became a draft of.';
create index ai_requests_client_idx on public.ai_requests (client_id, created_at desc, id desc);
create index ai_requests_update_idx on public.ai_requests (update_id) where update_id is not null;
create index ai_requests_requested_by_idx on public.ai_requests (requested_by) where requested_by is not null;

revoke all on public.ai_requests from anon, authenticated;
grant all on public.ai_requests to service_role;
grant select (id, client_id, requested_by, created_at, purpose, endpoint, model, answered_by, prompt_version, attempt, http_attempts,
  request, response, outcome, feedback, input_tokens, output_tokens, masked, update_id) on public.ai_requests to authenticated;
create policy "Owners and the client's staff read what AI saw"
  on public.ai_requests for select to authenticated
  using (client_id in (select private.staffed_client_ids()) or client_id in (select private.owned_client_ids()));
