package dev.noshowping.testkit.notify;

import dev.noshowping.notify.AlimtalkTemplate;
import java.util.Map;

/**
 * The SOLAPI and Discord emulators as the functions see them: the variables that point the
 * notification clients at them, and the alimtalk templates the channel has approved. Shared by
 * the tests' {@code NotifyExtension} and the local stack.
 */
public final class NotificationChannels {

    /** The Kakao channel (pfId) and the sender number the functions are configured with. */
    public static final String PF_ID = "KA01PF2611250000NOSHOWPING";
    public static final String SENDER = "0212345678";

    private NotificationChannels() {
    }

    /** The variables that point the notification clients at the emulators. */
    public static Map<String, String> environment(SolapiEmulator solapi, DiscordEmulator discord) {
        Map<String, String> both = new java.util.HashMap<>(solapiEnvironment(solapi));
        both.putAll(discordEnvironment(discord));
        return Map.copyOf(both);
    }

    /** The variables that point the SOLAPI client at its emulator (the local stack may point Discord elsewhere). */
    public static Map<String, String> solapiEnvironment(SolapiEmulator solapi) {
        return Map.of(
                "SOLAPI_API_BASE_URL", solapi.baseUrl(),
                "SOLAPI_API_KEY", SolapiEmulator.API_KEY,
                "SOLAPI_API_SECRET", SolapiEmulator.API_SECRET,
                "SOLAPI_PF_ID", PF_ID,
                "SOLAPI_SENDER", SENDER,
                "SOLAPI_TIMEOUT_MILLIS", "700");
    }

    public static Map<String, String> discordEnvironment(DiscordEmulator discord) {
        return Map.of(
                "DISCORD_WEBHOOK_URL", discord.webhookUrl(),
                "DISCORD_TIMEOUT_MILLIS", "700");
    }

    /** Registers every catalogue template, as they would be approved on the real channel. */
    public static void registerTemplates(SolapiEmulator solapi) {
        for (AlimtalkTemplate t : AlimtalkTemplate.values()) {
            solapi.registerTemplate(t.templateId());
        }
    }
}
