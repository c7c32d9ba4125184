-- Why a confirm failed, as Toss said it (code and message), so a repeated client call gets the
-- same answer as the first; and the payment's Toss answer keeps its own failure for audit.
alter table orders
    add column failure_code    text check (char_length(failure_code) <= 100),
    add column failure_message text check (char_length(failure_message) <= 500);
