package dev.noshowping.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers as logs and stored error texts may show them: the country or carrier prefix and
 * the last four digits, every other digit a {@code *} ({@code +821012345678} → {@code +82******5678},
 * {@code 010-1234-5678} → {@code 010-****-5678}). Enough to tell numbers apart when reading an
 * incident, not enough to message anyone. Texts from outside (SOLAPI, Toss) may quote the number
 * we sent, so they go through {@link #in(String)} before they are logged or stored.
 */
public final class PhoneMask {

    /**
     * E.164 ({@code +} and 8–15 digits), a Korean mobile number with or without {@code 82}, hyphens
     * or spaces allowed; never a run of digits inside a longer one (ids, amounts, epoch times).
     */
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9A-Za-z])(?:"
            + "\\+[1-9][0-9]{7,14}"
            + "|\\+?82[- ]?1[016789][- ]?[0-9]{3,4}[- ]?[0-9]{4}"
            + "|01[016789][- ]?[0-9]{3,4}[- ]?[0-9]{4}"
            + ")(?![0-9A-Za-z])");
    private static final int SHOWN_AT_END = 4;

    private PhoneMask() {
    }

    /** One number masked; null stays null. */
    public static String of(String phone) {
        return phone == null ? null : mask(phone);
    }

    /** The text with every phone number in it masked; null stays null. */
    public static String in(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(mask(m.group())));
        } while (m.find());
        return m.appendTail(out).toString();
    }

    private static String mask(String number) {
        // a domestic number keeps its carrier prefix (010), an international one its country code
        int shownAtStart = number.startsWith("0") ? 3 : 2;
        int digits = (int) number.chars().filter(Character::isDigit).count();
        if (digits <= shownAtStart + SHOWN_AT_END) {
            shownAtStart = 0;
        }
        StringBuilder out = new StringBuilder(number.length());
        int seen = 0;
        for (char ch : number.toCharArray()) {
            if (Character.isDigit(ch)) {
                out.append(seen < shownAtStart || seen >= digits - SHOWN_AT_END ? ch : '*');
                seen++;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
