package dev.noshowping.testkit;

import dev.noshowping.notify.AlimtalkTemplate;
import dev.noshowping.testkit.notify.DiscordEmulator;
import dev.noshowping.testkit.notify.NotificationChannels;
import dev.noshowping.testkit.notify.SolapiEmulator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith({PostgresExtension.class, SqsExtension.class, NotifyExtension.class})}: one SOLAPI
 * and one Discord emulator per test JVM on real sockets, forgotten before each test, installed as the
 * {@code SOLAPI_*} and {@code DISCORD_WEBHOOK_URL} variables. SOLAPI knows exactly the templates of
 * {@link AlimtalkTemplate}, as the real channel would. Test methods may take either emulator.
 */
public final class NotifyExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static SolapiEmulator solapi;
    private static DiscordEmulator discord;

    private static synchronized void start() {
        if (solapi == null) {
            solapi = SolapiEmulator.start(0);
            discord = DiscordEmulator.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                solapi.close();
                discord.close();
            }));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        TestDatabase.get().addServiceEnvironment(NotificationChannels.environment(solapi, discord));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        solapi.reset();
        NotificationChannels.registerTemplates(solapi);
        discord.reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SolapiEmulator.class || type == DiscordEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        start();
        return parameter.getParameter().getType() == SolapiEmulator.class ? solapi : discord;
    }
}
