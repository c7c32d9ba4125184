package dev.noshowping.identity;

import dev.noshowping.domain.Forbidden;

/**
 * Who is calling: the subject an identity provider vouched for, their role, and the phone number
 * it verified (E.164, or null), which is where a buyer's alimtalk goes. How a caller is read from
 * a request (the JWT authorizer's claims) is the HTTP adapter's business.
 */
public record Caller(String subject, Role role, String phone) {

    /** OpenID Connect Core 1.0 §2: a subject does not exceed 255 ASCII characters. */
    public static final int MAX_SUBJECT_LENGTH = 255;
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("^\\+[1-9][0-9]{7,14}$");

    public Caller {
        if (!acceptable(subject)) {
            throw new IllegalArgumentException("not a subject we accept");
        }
        if (phone != null && !E164.matcher(phone).matches()) {
            phone = null;   // an identity provider's odd format is not worth refusing the request over
        }
    }

    public Caller(String subject, Role role) {
        this(subject, role, null);
    }

    /**
     * Whether {@code subject} can name a user: a subject is stored and indexed ({@code app_user}),
     * so one PostgreSQL cannot hold or index is refused at the door, not a 500 at the insert.
     */
    public static boolean acceptable(String subject) {
        return subject != null && !subject.isBlank() && subject.length() <= MAX_SUBJECT_LENGTH
                && subject.indexOf('\0') < 0;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Refuses (403) anyone but staff; {@code refusal} says what only staff may do. */
    public void requireAdmin(String refusal) {
        if (!isAdmin()) {
            throw new Forbidden(refusal);
        }
    }
}
