-- The caller's user row, created on first sight, as a function any statement can call: the hold
-- runs it inside its own statement (one round trip instead of two; docs/architecture.md, "Hold").
-- Known users burn no identity value (lesson 3): the look-up comes first. A verified phone number
-- from the token is written only when it changed (it is where alimtalk goes).
create function app_user_ensure(p_subject text, p_role text, p_phone text) returns bigint
    language plpgsql volatile as
$$
declare
    v_id bigint;
begin
    -- a concurrent first request may insert between our look-up and our insert; its row is then
    -- committed (the insert waited for it) and this function's next statement sees it
    for attempt in 1..2 loop
        select id into v_id from app_user where external_subject = p_subject;
        if v_id is not null then
            if p_phone is not null then
                update app_user set phone = p_phone where id = v_id and phone is distinct from p_phone;
            end if;
            return v_id;
        end if;
        insert into app_user (external_subject, role, phone) values (p_subject, p_role, p_phone)
        on conflict (external_subject) do nothing
        returning id into v_id;
        if v_id is not null then
            return v_id;
        end if;
    end loop;
    raise exception 'could not create or find app_user for %', p_subject;
end
$$;
