package dev.noshowping.paging;

import dev.noshowping.domain.Validation;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a staff list filtered by one status-like value: the filter (its default when
 * absent, null for "any"), {@code limit} and {@code cursor}, every error reported at once.
 */
public record ListRequest<E extends Enum<E>>(E filter, PageRequest page) {

    public static <E extends Enum<E>> ListRequest<E> parse(Map<String, String> params, String filterName, Class<E> type,
                                                           E defaultFilter, int defaultLimit, int maxLimit) {
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, Set.of(filterName, "limit", "cursor"));
        E filter = p.containsKey(filterName) ? v.oneOf(filterName, p.get(filterName), type) : defaultFilter;
        PageRequest page = PageRequest.parse(p, v, defaultLimit, maxLimit);
        v.throwIfInvalid();
        return new ListRequest<>(filter, page);
    }

    /** Rows read with one more than {@link PageRequest#limit}, as a page. */
    public <T> Page<T> pageOf(java.util.List<T> fetched, java.util.function.Function<T, String> cursorAfter) {
        return Page.of(fetched, page.limit(), cursorAfter);
    }
}
