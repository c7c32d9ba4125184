package dev.noshowping.savedsearch;

import dev.noshowping.notify.NotificationPlan;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A saved search as its owner sees it: the criteria it was created with ({@code q} as words joined by a space). */
public record SavedSearch(long id, String q, String region, LocalDate checkInFrom, LocalDate checkInTo,
                          LocalDate stayFrom, LocalDate stayTo, Integer guests, Long minPrice, Long maxPrice,
                          Instant createdAt) {

    /** At most this long, a label fits in an alimtalk line. */
    static final int MAX_LABEL = 60;

    /** How a message names the search: its words, then the other criteria, short ("제주 신라 · JEJU · 5/1~5/3 · 2명 이상"). */
    String label() {
        List<String> parts = new ArrayList<>();
        if (q != null) {
            parts.add(q);
        }
        if (region != null) {
            parts.add(region);
        }
        if (stayFrom != null || stayTo != null) {
            parts.add(day(stayFrom) + "~" + day(stayTo));
        }
        if (checkInFrom != null || checkInTo != null) {
            parts.add("체크인 " + day(checkInFrom) + "~" + day(checkInTo));
        }
        if (guests != null) {
            parts.add(guests + "명 이상");
        }
        if (minPrice != null || maxPrice != null) {
            parts.add((minPrice == null ? "" : NotificationPlan.won(minPrice)) + "~" + (maxPrice == null ? "" : NotificationPlan.won(maxPrice)) + "원");
        }
        String label = String.join(" · ", parts);
        return label.codePointCount(0, label.length()) <= MAX_LABEL ? label
                : label.substring(0, label.offsetByCodePoints(0, MAX_LABEL - 1)) + "…";
    }

    private static String day(LocalDate d) {
        return d == null ? "" : d.getMonthValue() + "/" + d.getDayOfMonth();
    }
}
