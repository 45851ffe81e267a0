-- The roadmap: what the practice plans to build for a client, and the conversation about it.

create table public.roadmap_items (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text not null default '' check (char_length(description) <= 20000),
  status text not null default 'proposed'
    check (status in ('proposed', 'planned', 'in_progress', 'shipped', 'dropped')),
  position integer not null default 0,
  target_month date check (target_month is null or extract(day from target_month) = 1),
  estimate_minutes integer check (estimate_minutes is null or estimate_minutes between 0 and 1000000),
  proposed_by uuid references public.profiles (id) on delete set null,
  drop_reason text check (drop_reason is null or char_length(drop_reason) <= 2000),
  shipped_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, client_id)
);
alter table public.roadmap_items enable row level security;
comment on table public.roadmap_items is 'A planned piece of work for a client.';
comment on column public.roadmap_items.position is 'Order within its status lane, ascending.';
comment on column public.roadmap_items.target_month is 'First day of the month the item should ship in (client zone).';
comment on column public.roadmap_items.estimate_minutes is 'Estimated effort in minutes.';
comment on column public.roadmap_items.shipped_at is 'Instant the item moved to shipped (UTC).';
create index roadmap_items_client_id_idx on public.roadmap_items (client_id, status, position);

create table public.roadmap_comments (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null,
  item_id uuid not null,
  author_id uuid not null references public.profiles (id) on delete cascade,
  body text not null check (char_length(body) between 1 and 5000),
  created_at timestamptz not null default now(),
  foreign key (item_id, client_id) references public.roadmap_items (id, client_id) on delete cascade
);
alter table public.roadmap_comments enable row level security;
comment on table public.roadmap_comments is 'Discussion on a roadmap item; client_id repeats the item''s client for RLS.';
create index roadmap_comments_client_id_idx on public.roadmap_comments (client_id);
create index roadmap_comments_item_id_idx on public.roadmap_comments (item_id, created_at);
create index roadmap_comments_author_id_idx on public.roadmap_comments (author_id);

revoke all on public.roadmap_items, public.roadmap_comments from anon, authenticated;
grant all on public.roadmap_items, public.roadmap_comments to service_role;

grant select, insert, update, delete on public.roadmap_items to authenticated;
create policy "Staff and members can read their clients' roadmap"
  on public.roadmap_items for select to authenticated
  using (client_id in (select private.readable_client_ids()));
create policy "Staff can add items, owners can only propose them"
  on public.roadmap_items for insert to authenticated
  with check (
    client_id in (select private.staffed_client_ids())
    or (
      client_id in (select private.owned_client_ids())
      and status = 'proposed'
      and proposed_by = (select auth.uid())
    )
  );
create policy "Staff can change items of the clients they work for"
  on public.roadmap_items for update to authenticated
  using (client_id in (select private.staffed_client_ids()))
  with check (client_id in (select private.staffed_client_ids()));
create policy "Staff can delete items of the clients they work for"
  on public.roadmap_items for delete to authenticated
  using (client_id in (select private.staffed_client_ids()));

grant select, insert, update (body), delete on public.roadmap_comments to authenticated;
create policy "Staff and members can read comments on their clients' roadmap"
  on public.roadmap_comments for select to authenticated
  using (client_id in (select private.readable_client_ids()));
create policy "Staff and members can comment on their clients' roadmap as themselves"
  on public.roadmap_comments for insert to authenticated
  with check (client_id in (select private.readable_client_ids()) and author_id = (select auth.uid()));
create policy "Authors can edit their own comments"
  on public.roadmap_comments for update to authenticated
  using (author_id = (select auth.uid()) and client_id in (select private.readable_client_ids()))
  with check (author_id = (select auth.uid()) and client_id in (select private.readable_client_ids()));
create policy "Authors can delete their own comments"
  on public.roadmap_comments for delete to authenticated
  using (author_id = (select auth.uid()) and client_id in (select private.readable_client_ids()));
