package dev.noshowping.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/** One keyset page of a list route: its rows and the cursor of the next page (null on the last one). */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    /**
     * The page of {@code fetched}, read with one row more than {@code limit}: that row only says a
     * next page exists, which then continues after the last row kept ({@code cursorAfter}).
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorAfter) {
        List<T> items = fetched.stream().limit(limit).toList();
        return new Page<>(items, fetched.size() > limit ? cursorAfter.apply(items.getLast()) : null);
    }
}
