-- UCIDs past 9999: lpad(..., 4, '0') cut '10000' to '1000', so the year's 10,000th sign-up collided with an earlier
-- UCID and was refused. Pad to at least four digits and never shorten; every existing UCID stays as it is.
create or replace function public.next_ucid(p_year int) returns text
language sql security definer set search_path = '' as $$
  insert into public.ucid_counters as c (year, last_value) values (p_year, 1)
  on conflict (year) do update set last_value = c.last_value + 1
  returning 'RF-' || p_year || '-' || lpad(last_value::text, greatest(4, length(last_value::text)), '0')
$$;
revoke execute on function public.next_ucid(int) from public, anon, authenticated;

-- Never reused: no counter may sit below a number already handed out in its year.
insert into public.ucid_counters as c (year, last_value)
select substring(ucid from 4 for 4)::int, max(substring(ucid from 9)::int) from public.users group by 1
on conflict (year) do update set last_value = greatest(c.last_value, excluded.last_value);
