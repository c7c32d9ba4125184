-- The functions' role ${appRole} (made and given its password and statement timeout by
-- ApplicationRole before Flyway runs) reads and writes rows and runs our functions; it can create,
-- alter, drop or truncate nothing, so a flaw in a function cannot change the schema or wipe a table.

-- PostgreSQL 15+ no longer lets PUBLIC create in the public schema; said here so it holds on any server.
revoke create on schema public from public;

grant usage on schema public to ${appRole};
grant select, insert, update, delete on all tables in schema public to ${appRole};
grant usage, select on all sequences in schema public to ${appRole};
grant execute on all functions in schema public to ${appRole};

-- Flyway's own record is the owner's alone: a role that could edit it could make a migration look applied.
revoke all on ${flyway:table} from ${appRole};

-- What later migrations create (as this same owner role) is covered without a grant of its own.
alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole};
alter default privileges in schema public grant usage, select on sequences to ${appRole};
alter default privileges in schema public grant execute on functions to ${appRole};
