package dev.noshowping.http;

import java.util.Map;

/**
 * Who is calling, from the claims the JWT authorizer verified.
 *
 * <p>API Gateway's JWT authorizer has already checked signature, issuer, audience and expiry
 * before the handler runs; the handler only reads {@code sub}, {@code role} and the phone number
 * (OIDC {@code phone_number}, taken only when {@code phone_number_verified} is true), which is
 * where a buyer's alimtalk goes. {@code phone} is E.164 or null.
 */
public record Caller(String subject, Role role, String phone) {

    public static final String ROLE_CLAIM = "role";
    /** OpenID Connect Core 1.0 §2: a subject does not exceed 255 ASCII characters. */
    public static final int MAX_SUBJECT_LENGTH = 255;
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("^\\+[1-9][0-9]{7,14}$");

    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new ProblemException(Problem.unauthorized("the token has no subject"));
        }
        // a subject is stored and indexed (app_user): one PostgreSQL cannot hold or index is refused here, not a 500 there
        if (subject.length() > MAX_SUBJECT_LENGTH || subject.indexOf('\0') >= 0) {
            throw new ProblemException(Problem.unauthorized("the token's subject is not one we accept"));
        }
        if (phone != null && !E164.matcher(phone).matches()) {
            phone = null;   // an identity provider's odd format is not worth refusing the request over
        }
    }

    public Caller(String subject, Role role) {
        this(subject, role, null);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** From {@code requestContext.authorizer.jwt.claims}; a missing role means an ordinary user. */
    public static Caller fromClaims(Map<String, String> claims) {
        if (claims == null) {
            throw new ProblemException(Problem.unauthorized("no verified token on this request"));
        }
        String role = claims.getOrDefault(ROLE_CLAIM, Role.USER.name());
        Role parsed;
        try {
            parsed = Role.valueOf(role.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.forbidden("unknown role '" + role + "'"));
        }
        String phone = "true".equals(claims.get("phone_number_verified")) ? claims.get("phone_number") : null;
        return new Caller(claims.get("sub"), parsed, phone);
    }
}
