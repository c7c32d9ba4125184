package dev.noshowping.emulator.toss;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEObject;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Toss's payout API (v2) over {@link PayoutLedger}: the routes under {@code /v2}, the ENCRYPTION security
 * mode (requests decrypted, answers encrypted, errors included), the v2 answer envelope and the
 * Idempotency-Key of {@code POST /v2/payouts}. {@link TossEmulator} hands it every {@code /v2/} request
 * with the result of its own Basic auth check.
 */
final class PayoutApi {

    static final String VERSION = "2022-11-16";
    static final int MAX_ITEMS = 100;
    static final int MAX_DESCRIPTION = 7;
    static final int MAX_IDEMPOTENCY_KEY = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BUSINESS_TYPES = Set.of("INDIVIDUAL", "INDIVIDUAL_BUSINESS", "CORPORATE");

    private final PayoutLedger ledger;

    PayoutApi(PayoutLedger ledger) {
        this.ledger = ledger;
    }

    /** A refusal: HTTP status, Toss's code, a message. */
    private record Refusal(int status, String code, String message) {
    }

    private static final class Refused extends RuntimeException {
        final Refusal refusal;

        Refused(int status, String code, String message) {
            super(code, null, false, false);
            this.refusal = new Refusal(status, code, message);
        }
    }

    /** The answer to a {@code /v2/} request; null: close the connection unanswered (a lost answer). */
    Answer handle(String method, String path, String query, byte[] body, Headers headers, boolean authorized) {
        boolean encrypted = "ENCRYPTION".equalsIgnoreCase(headers.getFirst("TossPayments-api-security-mode"));
        String key = headers.getFirst("Idempotency-Key");
        boolean payoutRequest = "POST".equals(method) && "/v2/payouts".equals(path);
        if (payoutRequest) {
            ledger.countRequest();
        }
        if (!authorized) {
            // not encrypted: an unknown caller has no security key to read it with
            return envelope(401, null, null, new Refusal(401, "UNAUTHORIZED_KEY",
                    "This is an unauthenticated secret key or client key."), false);
        }
        try {
            if (key != null && key.length() > MAX_IDEMPOTENCY_KEY) {
                throw new Refused(400, "INVALID_IDEMPOTENCY_KEY", "The idempotency key must be 300 characters or less.");
            }
            String[] s = path.substring("/v2/".length()).split("/");
            String route = s[0] + (s.length > 1 ? "/{id}" : "");
            return switch (method + " " + route) {
                case "POST sellers" -> ok("seller", register(read(body, encrypted)), encrypted);
                case "GET sellers/{id}" -> ok("seller", seller(s[1]), encrypted);
                case "POST payouts" -> payouts(body, encrypted, key == null || key.isBlank() ? null : key);
                case "GET payouts" -> ok("payout", list(query), encrypted);
                case "GET payouts/{id}" -> ok("payout", payout(s[1]), encrypted);
                case "GET balances" -> ok("balance", balance(), encrypted);
                default -> throw new Refused(404, route.equals("sellers") || route.startsWith("payouts")
                        || route.equals("balances") || route.equals("sellers/{id}") ? "NOT_FOUND_HTTP_METHOD" : "NOT_FOUND",
                        "No such route: " + method + " " + path);
            };
        } catch (Refused e) {
            return envelope(e.refusal.status(), null, null, e.refusal, encrypted);
        }
    }

    // ------------------------------------------------------------------ routes

    private Map<String, Object> register(JsonNode in) {
        String ref = text(in, "refSellerId");
        String type = text(in, "businessType");
        JsonNode account = in.path("account");
        String bankCode = text(account, "bankCode");
        String accountNumber = text(account, "accountNumber");
        String holder = text(account, "holderName");
        if (ref == null || ref.isBlank() || type == null || !BUSINESS_TYPES.contains(type)) {
            throw invalid("refSellerId and a businessType (INDIVIDUAL, INDIVIDUAL_BUSINESS, CORPORATE) are required");
        }
        JsonNode details = "INDIVIDUAL".equals(type) ? in.path("individual") : in.path("company");
        if (text(details, "name") == null || (!"INDIVIDUAL".equals(type)
                && (text(details, "representativeName") == null || text(details, "businessRegistrationNumber") == null))) {
            throw invalid("INDIVIDUAL sellers need individual.name; businesses need company.name, representativeName"
                    + " and businessRegistrationNumber");
        }
        if (bankCode == null || accountNumber == null || !accountNumber.matches("\\d{1,20}") || holder == null) {
            throw invalid("account needs bankCode, accountNumber (digits, at most 20) and holderName");
        }
        ledger.lock.lock();
        try {
            if (!ledger.refSellerIds.add(ref)) {
                throw new Refused(400, "DUPLICATED_REF_SELLER_ID", "refSellerId " + ref + " was used before.");
            }
            Map<String, Object> registration = new LinkedHashMap<>();
            registration.put("refSellerId", ref);
            registration.put("businessType", type);
            registration.put("company", "INDIVIDUAL".equals(type) ? null : JSON.convertValue(details, Map.class));
            registration.put("individual", "INDIVIDUAL".equals(type) ? JSON.convertValue(details, Map.class) : null);
            registration.put("account", Map.of("bankCode", bankCode, "accountNumber", accountNumber, "holderName", holder));
            registration.put("metadata", in.hasNonNull("metadata") ? JSON.convertValue(in.get("metadata"), Map.class) : null);
            // test mode: the seller's identity verification counts as done, so it can be paid at once
            PayoutLedger.Seller seller = new PayoutLedger.Seller(ledger.newId("seller"), registration,
                    PayoutLedger.accountKey(bankCode, accountNumber), "PARTIALLY_APPROVED");
            ledger.sellers.put(seller.id, seller);
            return seller.toJson();
        } finally {
            ledger.lock.unlock();
        }
    }

    private Map<String, Object> seller(String id) {
        ledger.lock.lock();
        try {
            PayoutLedger.Seller seller = ledger.sellers.get(id);
            if (seller == null) {
                throw new Refused(404, "NOT_FOUND_SELLER", "No seller " + id + ".");
            }
            return seller.toJson();
        } finally {
            ledger.lock.unlock();
        }
    }

    /** POST /v2/payouts: idempotent on its key; a lost answer is processed first. */
    private Answer payouts(byte[] body, boolean encrypted, String key) {
        ledger.lock.lock();
        try {
            String slot = key == null ? null : "POST /v2/payouts\n" + key;
            PayoutLedger.Stored stored = slot == null ? null : ledger.idempotency.get(slot);
            if (stored != null && ledger.now().isAfter(stored.createdAt().plus(PayoutLedger.IDEMPOTENCY_TTL))) {
                ledger.idempotency.remove(slot);
                stored = null;
            }
            Answer answer;
            if (stored != null) {
                answer = stored.answer();
            } else {
                try {
                    answer = ok("payout", Map.of("items", request(read(body, encrypted))), encrypted);
                } catch (Refused e) {
                    answer = envelope(e.refusal.status(), null, null, e.refusal, encrypted);
                }
                if (slot != null) {
                    ledger.idempotency.put(slot, new PayoutLedger.Stored(ledger.now(), answer));
                }
            }
            if (ledger.answersToLose > 0) {
                ledger.answersToLose--;
                return null;
            }
            return answer;
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Validates every item, then accepts all of them or none (under lock). */
    private List<Map<String, Object>> request(JsonNode in) {
        List<JsonNode> items = new ArrayList<>();
        if (in.isArray()) {
            in.forEach(items::add);
        } else if (in.isObject()) {
            items.add(in);
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw invalid("A payout request carries 1 to " + MAX_ITEMS + " payouts, got " + items.size() + ".");
        }
        LocalDate today = ledger.now().atOffset(TossPayment.KST).toLocalDate();
        Set<String> refs = new HashSet<>();
        long total = 0;
        List<PayoutLedger.Entry> accepted = new ArrayList<>();
        Instant now = ledger.now();
        for (JsonNode item : items) {
            String ref = text(item, "refPayoutId");
            String destination = text(item, "destination");
            String schedule = text(item, "scheduleType");
            String description = text(item, "transactionDescription");
            JsonNode amount = item.path("amount");
            Long value = wholeKrw(amount.path("value"));
            if (ref == null || ref.isBlank() || destination == null || description == null || description.isEmpty()) {
                throw invalid("refPayoutId, destination and transactionDescription are required (refPayoutId: " + ref + ").");
            }
            if (description.length() > MAX_DESCRIPTION) {
                throw invalid("transactionDescription is at most " + MAX_DESCRIPTION + " characters (refPayoutId: " + ref + ").");
            }
            if (!"KRW".equals(text(amount, "currency")) || value == null || value <= 0) {
                throw invalid("amount must be {currency: KRW, value: a positive whole number} (refPayoutId: " + ref + ").");
            }
            LocalDate date;
            if ("EXPRESS".equals(schedule)) {
                date = today;
            } else if ("SCHEDULED".equals(schedule)) {
                date = date(text(item, "payoutDate"), ref);
                if (!date.isAfter(today) || date.isAfter(today.plusYears(1))) {
                    throw invalid("payoutDate of a SCHEDULED payout is after today and within a year (refPayoutId: " + ref + ").");
                }
            } else {
                throw invalid("scheduleType is EXPRESS or SCHEDULED (refPayoutId: " + ref + ").");
            }
            PayoutLedger.Seller seller = ledger.sellers.get(destination);
            if (seller == null) {
                throw new Refused(404, "NOT_FOUND_SELLER", "No seller " + destination + " (refPayoutId: " + ref + ").");
            }
            if (!"PARTIALLY_APPROVED".equals(seller.status) && !"APPROVED".equals(seller.status)) {
                throw new Refused(403, "FORBIDDEN_SELLER_PAYOUT", "The seller requires identity verification or customer"
                        + " verification (KYC). Payout requests can only be made for sellers with a status of"
                        + " PARTIALLY_APPROVED or APPROVED (refPayoutId: " + ref + ")");
            }
            if (ledger.byRef.containsKey(ref) || !refs.add(ref)) {
                throw new Refused(400, "DUPLICATED_REF_PAYOUT_ID", "refPayoutId " + ref + " was requested before.");
            }
            total += value;
            accepted.add(new PayoutLedger.Entry(ledger.newId("payout"), ref, destination, value, schedule, date,
                    description, now));
        }
        if (total > ledger.available) {
            throw new Refused(400, "INSUFFICIENT_BALANCE", "The payouts total " + total
                    + " KRW, more than the available balance of " + ledger.available + " KRW.");
        }
        ledger.available -= total;
        List<Map<String, Object>> out = new ArrayList<>();
        for (PayoutLedger.Entry p : accepted) {
            ledger.payouts.add(p);
            ledger.byRef.put(p.refPayoutId, p);
            out.add(p.toJson());
        }
        return out;
    }

    /** GET /v2/payouts?limit&startingAfter: newest first, a page at a time. */
    private Map<String, Object> list(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        int limit;
        try {
            limit = Integer.parseInt(params.getOrDefault("limit", "10"));
        } catch (NumberFormatException e) {
            throw invalid("limit is a number from 1 to 100.");
        }
        if (limit < 1 || limit > 100) {
            throw invalid("limit is a number from 1 to 100.");
        }
        String after = params.get("startingAfter");
        ledger.lock.lock();
        try {
            List<PayoutLedger.Entry> newest = new ArrayList<>(ledger.payouts).reversed();
            int from = 0;
            if (after != null) {
                from = -1;
                for (int i = 0; i < newest.size(); i++) {
                    if (newest.get(i).id.equals(after)) {
                        from = i + 1;
                    }
                }
                if (from < 0) {
                    throw invalid("startingAfter names no payout: " + after);
                }
            }
            List<PayoutLedger.Entry> page = newest.subList(from, Math.min(newest.size(), from + limit));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hasNext", from + page.size() < newest.size());
            out.put("lastCursor", page.isEmpty() ? null : page.getLast().id);
            out.put("items", page.stream().map(PayoutLedger.Entry::toJson).toList());
            return out;
        } finally {
            ledger.lock.unlock();
        }
    }

    private Map<String, Object> payout(String id) {
        ledger.lock.lock();
        try {
            return ledger.payouts.stream().filter(p -> p.id.equals(id)).findFirst()
                    .map(PayoutLedger.Entry::toJson)
                    .orElseThrow(() -> new Refused(404, "NOT_FOUND_PAYOUT", "No payout " + id + "."));
        } finally {
            ledger.lock.unlock();
        }
    }

    private Map<String, Object> balance() {
        return Map.of("pendingAmount", Map.of("currency", "KRW", "value", ledger.pending()),
                "availableAmount", Map.of("currency", "KRW", "value", ledger.available()));
    }

    // ------------------------------------------------------------------ /_local/toss helpers

    /** The payout helpers of {@code /_local/toss/}; null when the route is not one of them. */
    Answer local(String method, String route, JsonNode in) {
        return switch (method + " " + route) {
            case "GET payouts" -> new Answer(200, bytes(Map.of(
                    "balance", Map.of("available", ledger.available(), "pending", ledger.pending()),
                    "payouts", ledger.payouts().stream().map(PayoutApi::view).toList())));
            case "POST balance" -> {
                JsonNode available = in == null ? null : in.get("available");
                if (available == null || !available.canConvertToLong()) {
                    yield new Answer(400, bytes(Map.of("code", "INVALID_REQUEST",
                            "message", "{available[, pending]} in KRW")));
                }
                JsonNode pending = in.get("pending");
                ledger.setBalance(available.asLong(), pending == null ? ledger.pending() : pending.asLong());
                yield new Answer(200, bytes(Map.of("available", ledger.available(), "pending", ledger.pending())));
            }
            case "POST payouts/complete" -> new Answer(200, bytes(Map.of("settled",
                    ledger.completePayouts().stream().map(PayoutApi::view).toList())));
            default -> null;
        };
    }

    /** A payout for the local stack's pages (this mapper has no java.time support, so dates as text). */
    private static Map<String, Object> view(PayoutLedger.Payout p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("refPayoutId", p.refPayoutId());
        out.put("destination", p.destination());
        out.put("amount", p.amount());
        out.put("scheduleType", p.scheduleType());
        out.put("payoutDate", p.payoutDate().toString());
        out.put("status", p.status());
        out.put("errorCode", p.errorCode());
        return out;
    }

    // ------------------------------------------------------------------ envelope and encryption

    /** The request body as JSON: decrypted, with its JWE header checked, when the security mode says so. */
    private JsonNode read(byte[] body, boolean encrypted) {
        if (!encrypted) {
            throw invalid("A payout request with a body must use TossPayments-api-security-mode: ENCRYPTION.");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        JWEObject jwe;
        try {
            jwe = ledger.securityKey().open(text);
        } catch (SecurityKey.Unreadable e) {
            throw invalid("The request body cannot be decrypted with the security key: " + e.getMessage());
        }
        Object iat = jwe.getHeader().getCustomParam("iat");
        Object nonce = jwe.getHeader().getCustomParam("nonce");
        if (!(iat instanceof String i) || !i.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}")
                || !(nonce instanceof String n) || n.isBlank()) {
            throw invalid("The JWE header needs iat (yyyy-MM-dd'T'HH:mm:ss±hh:mm) and nonce.");
        }
        try {
            return JSON.readTree(jwe.getPayload().toString());
        } catch (IOException e) {
            throw invalid("The decrypted body is not JSON.");
        }
    }

    private Answer ok(String entityType, Object entityBody, boolean encrypted) {
        return envelope(200, entityType, entityBody, null, encrypted);
    }

    /** v2's answer: {version, traceId, entityType, entityBody} or, for an error, {..., error{code, message}}. */
    private Answer envelope(int status, String entityType, Object entityBody, Refusal refusal, boolean encrypted) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", VERSION);
        out.put("traceId", ledger.traceId());
        out.put("entityType", entityType);
        out.put("entityBody", entityBody);
        if (refusal != null) {
            out.put("error", Map.of("code", refusal.code(), "message", refusal.message()));
        }
        String json = write(out);
        return new Answer(status, (encrypted ? ledger.securityKey().seal(json) : json).getBytes(StandardCharsets.UTF_8));
    }

    private static LocalDate date(String value, String ref) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalid("payoutDate is yyyy-MM-dd (refPayoutId: " + ref + ").");
        }
    }

    /** A whole number of won, as a JSON number or a string of digits (Toss's own examples send both). */
    private static Long wholeKrw(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble())) {
            return (long) value.asDouble();
        }
        if (value.isTextual() && value.asText().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        return null;
    }

    private static Refused invalid(String message) {
        return new Refused(400, "INVALID_REQUEST", message);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static String write(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
