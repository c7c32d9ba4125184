package dev.noshowping.http;

import java.util.Map;

/**
 * Who is calling, from the claims the JWT authorizer verified.
 *
 * <p>API Gateway's JWT authorizer has already checked signature, issuer, audience and expiry
 * before the handler runs; the handler only reads {@code sub} and {@code role}.
 */
public record Caller(String subject, Role role) {

    public static final String ROLE_CLAIM = "role";

    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new ProblemException(Problem.unauthorized("the token has no subject"));
        }
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** From {@code requestContext.authorizer.jwt.claims}; a missing role means an ordinary user. */
    public static Caller fromClaims(Map<String, String> claims) {
        if (claims == null) {
            throw new ProblemException(Problem.unauthorized("no verified token on this request"));
        }
        String role = claims.getOrDefault(ROLE_CLAIM, "USER");
        Role parsed;
        try {
            parsed = Role.valueOf(role.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.forbidden("unknown role '" + role + "'"));
        }
        return new Caller(claims.get("sub"), parsed);
    }
}
