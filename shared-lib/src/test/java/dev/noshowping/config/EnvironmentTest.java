package dev.noshowping.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void missingVariableIsNamedInTheError() {
        Environment env = new Environment(Map.of());
        assertThatThrownBy(() -> env.require("NOTIFICATIONS_QUEUE_URL"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("NOTIFICATIONS_QUEUE_URL");
    }

    @Test
    void blankCountsAsMissing() {
        Environment env = new Environment(Map.of("X", "  "));
        assertThat(env.optional("X")).isEmpty();
        assertThat(env.get("X", "fallback")).isEqualTo("fallback");
    }

    @Test
    void malformedIntegerIsNamedWithItsValue() {
        Environment env = new Environment(Map.of("DATABASE_POOL_SIZE", "two"));
        assertThatThrownBy(() -> env.getInt("DATABASE_POOL_SIZE", 2))
                .hasMessageContaining("DATABASE_POOL_SIZE").hasMessageContaining("'two'");
        assertThat(new Environment(Map.of()).getInt("DATABASE_POOL_SIZE", 2)).isEqualTo(2);
    }
}
