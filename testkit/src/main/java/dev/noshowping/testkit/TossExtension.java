package dev.noshowping.testkit;

import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.emulator.toss.TossEmulatorExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})}: the
 * emulators' {@link TossEmulatorExtension} (one Toss emulator per test JVM on a real socket,
 * forgotten before each test; test methods may take the {@link TossEmulator}), reachable by handlers
 * through {@code TOSS_API_BASE_URL}. A short payment timeout keeps the timeout tests fast; no test
 * times a payout out, so its timeout leaves room for a first call on a loaded machine (its JWE).
 */
public final class TossExtension extends TossEmulatorExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.get().addServiceEnvironment(Map.of(
                "TOSS_API_BASE_URL", emulator().baseUrl(),
                "TOSS_SECRET_KEY", TossEmulator.SECRET_KEY,
                "TOSS_TIMEOUT_MILLIS", "700",
                "TOSS_PAYOUT_SECURITY_KEY", TossEmulator.PAYOUT_SECURITY_KEY,
                "TOSS_PAYOUT_TIMEOUT_MILLIS", "3000"));
    }
}
