package dev.noshowping.testkit.notify;

import java.util.List;

/**
 * One message the {@link DiscordEmulator} accepted.
 *
 * @param id              the snowflake-like id given to it
 * @param content         the {@code content} as sent
 * @param username        the {@code username} override, if any
 * @param allowedMentionsParse {@code allowed_mentions.parse} as sent; null when {@code allowed_mentions} or its
 *                        {@code parse} was absent (Discord then parses every mention type in the content)
 * @param allowedMentionsJson the whole {@code allowed_mentions} object as JSON text, null when absent
 */
public record DiscordMessage(String id, String content, String username, List<String> allowedMentionsParse,
        String allowedMentionsJson) {

    public DiscordMessage {
        allowedMentionsParse = allowedMentionsParse == null ? null : List.copyOf(allowedMentionsParse);
    }

    /** True when the sender suppressed every mention: {@code allowed_mentions: {"parse": []}} and no users/roles. */
    public boolean mentionsSuppressed() {
        return allowedMentionsParse != null && allowedMentionsParse.isEmpty() && allowedMentionsJson != null
                && !allowedMentionsJson.contains("\"users\":[\"") && !allowedMentionsJson.contains("\"roles\":[\"");
    }
}
