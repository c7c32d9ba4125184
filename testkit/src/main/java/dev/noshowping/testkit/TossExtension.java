package dev.noshowping.testkit;

import dev.noshowping.testkit.toss.TossEmulator;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})}: one Toss
 * emulator per test JVM on a real socket, forgotten before each test, reachable by handlers through
 * {@code TOSS_API_BASE_URL}. Test methods may take the {@link TossEmulator}. A short client
 * timeout keeps the timeout tests fast.
 */
public final class TossExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static TossEmulator emulator;

    public static synchronized TossEmulator emulator() {
        if (emulator == null) {
            emulator = TossEmulator.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.get().addServiceEnvironment(Map.of(
                "TOSS_API_BASE_URL", emulator().baseUrl(),
                "TOSS_SECRET_KEY", TossEmulator.SECRET_KEY,
                "TOSS_TIMEOUT_MILLIS", "700",
                "TOSS_PAYOUT_SECURITY_KEY", TossEmulator.PAYOUT_SECURITY_KEY,
                "TOSS_PAYOUT_TIMEOUT_MILLIS", "700"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TossEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
