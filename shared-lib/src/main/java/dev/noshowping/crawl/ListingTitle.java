package dev.noshowping.crawl;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a crawled listing's title says, read the way Korean sellers write it: the place's name
 * somewhere in it, a day as "12/24", "12.24", "12-24" or "12월 24일". The market price (fraud) and
 * the cross-posted listings of an article read titles with these, so both agree on what a title names.
 */
public record ListingTitle(String text) {

    /** Any month/day, not inside a longer number: the title holds a day we can read. */
    private static final Pattern SOME_DAY = Pattern.compile(
            "(?<![0-9])(?:0?[1-9]|1[0-2])(?:\\s*[./-]\\s*|\\s*월\\s*)(?:0?[1-9]|[12][0-9]|3[01])(?:\\s*일)?(?![0-9])");

    /** The place's name anywhere in the title, case aside; a blank name names nothing. */
    public boolean namesPlace(String place) {
        String name = place == null ? "" : place.strip().toLowerCase(Locale.ROOT);
        return !name.isEmpty() && text.toLowerCase(Locale.ROOT).contains(name);
    }

    public boolean namesDay(LocalDate day) {
        return dayPattern(day).matcher(text).find();
    }

    public boolean namesSomeDay() {
        return SOME_DAY.matcher(text).find();
    }

    /** "12/24", "12.24", "12-24", "12월 24일", with or without a leading zero, not inside a longer number. */
    public static Pattern dayPattern(LocalDate day) {
        String m = "0?" + day.getMonthValue();
        String d = "0?" + day.getDayOfMonth();
        return Pattern.compile("(?<![0-9])" + m + "(?:\\s*[./-]\\s*" + d + "|\\s*월\\s*" + d + "\\s*일)(?![0-9])");
    }
}
