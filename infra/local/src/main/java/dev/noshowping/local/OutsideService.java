package dev.noshowping.local;

import java.util.List;

/**
 * An outside service the functions call, which the stack emulates unless the process environment
 * points its base URL elsewhere (a sandbox, a staging host), as {@code DATABASE_URL} does for the
 * database. {@code required} are the variables that must come with the URL (an outside service
 * does not know the emulators' test credentials); {@code passed} are taken along when set.
 */
enum OutsideService {
    TOSS("toss", "TOSS_API_BASE_URL", List.of("TOSS_SECRET_KEY"), List.of("TOSS_PAYOUT_SECURITY_KEY")),
    SOLAPI("solapi", "SOLAPI_API_BASE_URL", List.of("SOLAPI_API_KEY", "SOLAPI_API_SECRET"),
            List.of("SOLAPI_PF_ID", "SOLAPI_SENDER")),
    DISCORD("discord", "DISCORD_WEBHOOK_URL", List.of(), List.of()),
    BUNJANG("bunjang", "BUNJANG_BASE_URL", List.of(), List.of()),
    JOONGNA("joongna", "JOONGNA_BASE_URL", List.of(), List.of()),
    JOONGNA_API("joongnaApi", "JOONGNA_API_BASE_URL", List.of(), List.of());

    /** Toss's sandbox keys start so; a live key would move real money from a laptop. */
    static final String TOSS_TEST_KEY_PREFIX = "test_sk_";

    final String key;
    final String urlVariable;
    final List<String> required;
    final List<String> passed;

    OutsideService(String key, String urlVariable, List<String> required, List<String> passed) {
        this.key = key;
        this.urlVariable = urlVariable;
        this.required = required;
        this.passed = passed;
    }

    /** Every variable of this service the stack reads from the process: the URL, then the others. */
    List<String> variables() {
        return java.util.stream.Stream.of(List.of(urlVariable), required, passed).flatMap(List::stream).toList();
    }
}
