package dev.noshowping.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stand-in for the identity provider and API Gateway's JWT authorizer: mints RS256
 * tokens with a dev key and verifies them the way the authorizer does (signature, issuer,
 * audience, expiry), handing the claims to the handler as strings, as API Gateway does.
 */
public final class LocalJwt {

    /** Why a request was refused, for the 401 body. */
    public static final class Rejected extends Exception {
        public Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** Tokens already verified, with their claims: a signature is checked once per token, expiry every time. */
    private final java.util.Map<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED = 10_000;

    private record Verified(Map<String, String> claims, Instant expires, Instant notBefore) {
    }

    private final RSAKey key;
    private final RSASSAVerifier verifier;
    private final String issuer;
    private final List<String> audience;

    public LocalJwt(RSAKey key, String issuer, List<String> audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = List.copyOf(audience);
        try {
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dev key kept in {@code file}, generated on first use so tokens survive restarts. */
    public static RSAKey loadOrCreateKey(Path file) {
        try {
            if (file != null && Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID("local-dev").generate();
            if (file != null) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, key.toJSONString());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("bad local JWT key in " + file + "; delete it or use --fresh", e);
        }
    }

    public String mint(String subject, String role, Duration ttl) {
        return mint(subject, role, null, ttl);
    }

    /** With a verified {@code phone_number} (E.164), as an identity provider that checked it by SMS issues. */
    public String mint(String subject, String role, String phone, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (phone != null) {
            builder.claim("phone_number", phone).claim("phone_number_verified", true);
        }
        JWTClaimsSet claims = builder
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("role", role)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies an {@code Authorization} header value; returns the claims as API Gateway passes them. */
    public Map<String, String> verify(String authorization) throws Rejected {
        if (authorization == null || authorization.isBlank()) {
            throw new Rejected("missing bearer token");
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : authorization.strip();
        Verified known = verified.get(token);
        if (known != null) {
            Instant now = Instant.now();
            if (!known.expires().isAfter(now)) {
                verified.remove(token);
                throw new Rejected("token expired");
            }
            if (known.notBefore() != null && known.notBefore().isAfter(now)) {
                throw new Rejected("token not valid yet");
            }
            return known.claims();
        }
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new Rejected("invalid token signature");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new Rejected("malformed token");
        }
        Instant now = Instant.now();
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
            throw new Rejected("token expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now)) {
            throw new Rejected("token not valid yet");
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            throw new Rejected("token issuer is not " + issuer);
        }
        if (!audience.isEmpty() && (claims.getAudience() == null
                || claims.getAudience().stream().noneMatch(audience::contains))) {
            throw new Rejected("token audience is not " + audience);
        }
        Map<String, String> asStrings = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> asStrings.put(name, stringify(value)));
        Map<String, String> result = java.util.Collections.unmodifiableMap(asStrings);
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(token, new Verified(result, claims.getExpirationTime().toInstant(),
                claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant()));
        return result;
    }

    private static String stringify(Object value) {
        if (value instanceof Date d) {
            return Long.toString(d.toInstant().getEpochSecond());
        }
        if (value instanceof List<?> list) {
            // API Gateway flattens array claims to "[a b]"
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(value);
    }
}
