-- Per-task figures of a crawl (issue #7): what each (source, keyword) page walk found, so a run's
-- summary is the sum of its tasks and the saving of dynamic stopping stays visible.
alter table crawl_task add column listings_seen    int not null default 0 check (listings_seen >= 0);
alter table crawl_task add column listings_new     int not null default 0 check (listings_new >= 0);
alter table crawl_task add column listings_updated int not null default 0 check (listings_updated >= 0);

-- The keywords the crawler starts with (marketplaces.md); operations add or deactivate more.
insert into crawl_keyword (keyword)
values ('숙박 양도'), ('호텔 양도'), ('펜션 양도'), ('리조트 양도'), ('숙소 양도'), ('제주 호텔 양도')
on conflict (keyword) do nothing;
