-- A replayed request must get the first answer byte for byte; jsonb would reorder its keys.
alter table idempotency_key alter column response type text using response::text;
