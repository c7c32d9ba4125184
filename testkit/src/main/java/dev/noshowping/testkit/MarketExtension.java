package dev.noshowping.testkit;

import dev.noshowping.testkit.market.MarketplaceEmulator;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith({PostgresExtension.class, MarketExtension.class})}: one marketplace emulator per
 * test JVM on a real socket, emptied before each test, installed as the crawler's base URLs. Small
 * pages (20) keep multi-page walks quick; short timeouts and one-second retries keep fault tests fast.
 */
public final class MarketExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    public static final int PAGE_SIZE = 20;
    private static MarketplaceEmulator emulator;

    public static synchronized MarketplaceEmulator emulator() {
        if (emulator == null) {
            emulator = MarketplaceEmulator.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        MarketplaceEmulator m = emulator();
        TestDatabase.get().addServiceEnvironment(Map.of(
                "BUNJANG_BASE_URL", m.bunjangBaseUrl(),
                "JOONGNA_BASE_URL", m.joongnaBaseUrl(),
                "JOONGNA_API_BASE_URL", m.joongnaApiBaseUrl(),
                "CRAWL_BUNJANG_PAGE_SIZE", Integer.toString(PAGE_SIZE),
                "CRAWL_HOST_RATE_PER_SECOND", "0",
                "CRAWL_TIMEOUT_MILLIS", "2000"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().reset();
        emulator().joongnaPageSize(PAGE_SIZE);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MarketplaceEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
