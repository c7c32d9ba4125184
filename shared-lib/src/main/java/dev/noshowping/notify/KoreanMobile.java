package dev.noshowping.notify;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kakao alimtalk reaches Korean mobile numbers; SOLAPI takes them in domestic form ({@code 010…}). */
final class KoreanMobile {

    private static final Pattern E164_KOREAN_MOBILE = Pattern.compile("^\\+821[016789][0-9]{7,8}$");

    private KoreanMobile() {
    }

    /** {@code +821012345678} → {@code 01012345678}; empty for anything that is not a Korean mobile number. */
    static Optional<String> toDomestic(String e164) {
        if (e164 == null || !E164_KOREAN_MOBILE.matcher(e164).matches()) {
            return Optional.empty();
        }
        return Optional.of("0" + e164.substring(3));
    }
}
