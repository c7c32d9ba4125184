package dev.noshowping.user;

import dev.noshowping.http.Caller;
import java.util.Optional;

/** A user's row as a request sees it: its id and the phone it keeps for alimtalk. */
public record AppUser(long id, String phone) {

    /**
     * The phone to write for this caller: the token's verified number ({@link Caller#phone()}, null
     * unless verified) when the row does not hold it yet. A token without one leaves the kept number
     * alone, and an unchanged number is not written again (no row version, no trigger, no WAL).
     */
    public Optional<String> phoneToWrite(Caller caller) {
        return caller.phone() == null || caller.phone().equals(phone) ? Optional.empty() : Optional.of(caller.phone());
    }
}
