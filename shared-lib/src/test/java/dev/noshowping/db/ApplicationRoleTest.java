package dev.noshowping.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationRoleTest {

    private static final String PASSWORD = "a-password-of-24-letters";

    @Test
    void plainPasswordWinsAndTheTimeoutDefaultsToFifteenSeconds() {
        var role = ApplicationRole.from(new Environment(Map.of(
                "DATABASE_APP_USER", "noshowping_app", "DATABASE_APP_PASSWORD", PASSWORD)), arn -> {
                    throw new AssertionError("no secret look-up when a password is given");
                });
        assertThat(role.user()).isEqualTo("noshowping_app");
        assertThat(role.statementTimeoutSeconds()).isEqualTo(15);
        assertThat(role.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void secretArnSuppliesUserAndPassword() {
        var role = ApplicationRole.from(new Environment(Map.of(
                "DATABASE_APP_SECRET_ARN", "arn:aws:secretsmanager:x:1:secret:app", "DATABASE_STATEMENT_TIMEOUT_SECONDS", "5")),
                arn -> new DatabaseSettings.Credentials("noshowping_app", PASSWORD));
        assertThat(role.password()).isEqualTo(PASSWORD);
        assertThat(role.statementTimeoutSeconds()).isEqualTo(5);
    }

    @Test
    void neitherPasswordNorSecretNamesBoth() {
        assertThatThrownBy(() -> ApplicationRole.from(new Environment(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DATABASE_APP_PASSWORD").hasMessageContaining("DATABASE_APP_SECRET_ARN");
    }

    /** The name is substituted into the migrations as text: nothing but a plain identifier gets there. */
    @Test
    void theNameMustBeAPlainIdentifier() {
        for (String name : new String[] {"app; drop table orders", "App", "\"app\"", "", "1app"}) {
            assertThatThrownBy(() -> new ApplicationRole(name, PASSWORD, 15)).as(name)
                    .isInstanceOf(ConfigurationException.class);
        }
    }

    @Test
    void aShortPasswordAndATimeoutOutsideOneToThreeHundredSecondsAreRefused() {
        assertThatThrownBy(() -> new ApplicationRole("app", "short", 15)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new ApplicationRole("app", PASSWORD, 0))
                .hasMessageContaining("DATABASE_STATEMENT_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> new ApplicationRole("app", PASSWORD, 301))
                .hasMessageContaining("DATABASE_STATEMENT_TIMEOUT_SECONDS");
    }
}
