package dev.noshowping.emulator.toss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code /v1} request as the emulator needs it: what identifies its Idempotency-Key slot, and the
 * language Toss answers errors in ({@code Accept-Language: en…} gives English, else Korean).
 */
record TossRequest(String method, String path, byte[] body, String idempotencyKey, boolean english) {

    /** Toss's error answer for this request: status, code, message in the request's language. */
    Answer refuse(TossError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.message(english));
        return new Answer(error.status(), TossJson.bytes(body));
    }

    /** Toss's Idempotency-Key is scoped by key, URL and method (not the body); null without a key. */
    String slot() {
        return idempotencyKey == null ? null : method + " " + path + "\n" + idempotencyKey;
    }
}
