package dev.noshowping.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What we keep of a buyer's refund account when Toss sends one back: the bank, the last four
 * digits and the holder's first letter. Toss shows it in {@code virtualAccount.refundReceiveAccount}
 * (the account typed into the widget) and we echo none of it, but payloads are kept for years
 * ({@code payment.raw}, {@code payment_event}) and must not hold someone's account in clear text.
 * The field is found wherever it sits, so a copy Toss adds elsewhere (a cancel's) is masked too.
 */
public final class RefundAccountMask {

    static final String FIELD = "refundReceiveAccount";

    private RefundAccountMask() {
    }

    /** {@code payload} itself when it holds no refund account, else a copy with each one masked. */
    public static JsonNode applyTo(JsonNode payload) {
        if (payload == null || payload.findParents(FIELD).stream().noneMatch(p -> p.get(FIELD).isObject())) {
            return payload;
        }
        JsonNode copy = payload.deepCopy();
        for (JsonNode parent : copy.findParents(FIELD)) {
            if (parent.get(FIELD) instanceof ObjectNode account) {
                mask(account);
            }
        }
        return copy;
    }

    private static void mask(ObjectNode account) {
        JsonNode number = account.get("accountNumber");
        if (number != null && number.isTextual()) {
            account.put("accountNumber", lastFour(number.asText()));
        }
        JsonNode holder = account.get("holderName");
        if (holder != null && holder.isTextual() && !holder.asText().isEmpty()) {
            String name = holder.asText();
            int first = name.offsetByCodePoints(0, 1);
            account.put("holderName", name.substring(0, first) + "*".repeat(name.codePointCount(first, name.length())));
        }
    }

    private static String lastFour(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        int shown = Math.min(4, Math.max(0, digits.length() - 4));
        return "*".repeat(digits.length() - shown) + digits.substring(digits.length() - shown);
    }
}
