package dev.noshowping.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscordClientTest {

    @Test
    void contentIsCutToDiscordsLimitWithoutSplittingACharacter() {
        assertThat(DiscordClient.cut("짧은 글")).isEqualTo("짧은 글");
        assertThat(DiscordClient.cut("a".repeat(2000))).hasSize(2000);
        String cut = DiscordClient.cut("a".repeat(1998) + "😀😀");
        assertThat(cut.length()).isLessThanOrEqualTo(2000);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
        assertThat(cut).endsWith("…");
        assertThat(DiscordClient.cut(" ")).isEqualTo("(empty)");
    }
}
