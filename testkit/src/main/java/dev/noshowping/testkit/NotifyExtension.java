package dev.noshowping.testkit;

import dev.noshowping.notify.AlimtalkTemplate;
import dev.noshowping.testkit.notify.DiscordEmulator;
import dev.noshowping.testkit.notify.SolapiEmulator;
import java.util.Map;
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

    public static final String PF_ID = "KA01PF2611250000NOSHOWPING";
    public static final String SENDER = "0212345678";

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

    /** The variables that point the notification clients at the emulators. */
    public static Map<String, String> environment(SolapiEmulator solapi, DiscordEmulator discord) {
        return Map.of(
                "SOLAPI_API_BASE_URL", solapi.baseUrl(),
                "SOLAPI_API_KEY", SolapiEmulator.API_KEY,
                "SOLAPI_API_SECRET", SolapiEmulator.API_SECRET,
                "SOLAPI_PF_ID", PF_ID,
                "SOLAPI_SENDER", SENDER,
                "SOLAPI_TIMEOUT_MILLIS", "700",
                "DISCORD_WEBHOOK_URL", discord.webhookUrl(),
                "DISCORD_TIMEOUT_MILLIS", "700");
    }

    /** Registers every catalogue template, as they would be approved on the real channel. */
    public static void registerTemplates(SolapiEmulator solapi) {
        for (AlimtalkTemplate t : AlimtalkTemplate.values()) {
            solapi.registerTemplate(t.templateId());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        TestDatabase.get().addServiceEnvironment(environment(solapi, discord));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        solapi.reset();
        registerTemplates(solapi);
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
