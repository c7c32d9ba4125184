package dev.noshowping.http;

import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import java.util.Locale;
import java.util.Map;

/**
 * The caller from {@code requestContext.authorizer.jwt.claims}. API Gateway's JWT authorizer has
 * already checked signature, issuer, audience and expiry; this reads {@code sub}, {@code role}
 * (missing: an ordinary user) and {@code phone_number}, taken only when {@code phone_number_verified}
 * is true.
 */
public final class JwtClaims {

    public static final String ROLE_CLAIM = "role";

    private JwtClaims() {
    }

    /** 401 without claims or with a subject we cannot keep, 403 for a role we do not know. */
    public static Caller caller(Map<String, String> claims) {
        if (claims == null) {
            throw new ProblemException(Problem.unauthorized("no verified token on this request"));
        }
        String role = claims.getOrDefault(ROLE_CLAIM, Role.USER.name());
        Role parsed;
        try {
            parsed = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.forbidden("unknown role '" + role + "'"));
        }
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            throw new ProblemException(Problem.unauthorized("the token has no subject"));
        }
        if (!Caller.acceptable(subject)) {
            throw new ProblemException(Problem.unauthorized("the token's subject is not one we accept"));
        }
        String phone = "true".equals(claims.get("phone_number_verified")) ? claims.get("phone_number") : null;
        return new Caller(subject, parsed, phone);
    }
}
