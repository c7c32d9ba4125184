package dev.noshowping.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static final String URL = "jdbc:postgresql://proxy:5432/noshowping?sslmode=require";

    @Test
    void plainPasswordWinsAndPoolDefaultsToTwo() {
        var settings = DatabaseSettings.from(new Environment(Map.of(
                "DATABASE_URL", URL, "DATABASE_USER", "app", "DATABASE_PASSWORD", "pw")), arn -> {
                    throw new AssertionError("no secret look-up when a password is given");
                });
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.poolSize()).isEqualTo(2);
        assertThat(settings.socketTimeoutSeconds()).isEqualTo(30);
        assertThat(settings.toString()).doesNotContain("pw");
    }

    @Test
    void secretArnSuppliesUserAndPassword() {
        var settings = DatabaseSettings.from(new Environment(Map.of(
                "DATABASE_URL", URL, "DATABASE_SECRET_ARN", "arn:aws:secretsmanager:x:1:secret:db",
                "DATABASE_POOL_SIZE", "1")),
                arn -> new DatabaseSettings.Credentials("from-" + arn.substring(arn.lastIndexOf(':') + 1), "s3cret"));
        assertThat(settings.user()).isEqualTo("from-db");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.poolSize()).isEqualTo(1);
    }

    @Test
    void neitherPasswordNorSecretNamesBoth() {
        assertThatThrownBy(() -> DatabaseSettings.from(new Environment(Map.of("DATABASE_URL", URL))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DATABASE_PASSWORD").hasMessageContaining("DATABASE_SECRET_ARN");
    }

    @Test
    void urlMustBePostgres() {
        assertThatThrownBy(() -> DatabaseSettings.from(new Environment(Map.of(
                "DATABASE_URL", "jdbc:mysql://x/y", "DATABASE_USER", "u", "DATABASE_PASSWORD", "p"))))
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void poolSizeMustBePositive() {
        assertThatThrownBy(() -> DatabaseSettings.from(new Environment(Map.of(
                "DATABASE_URL", URL, "DATABASE_USER", "u", "DATABASE_PASSWORD", "p", "DATABASE_POOL_SIZE", "0"))))
                .hasMessageContaining("DATABASE_POOL_SIZE");
    }

    @Test
    void socketTimeoutIsReadAndMustFitALambda() {
        var settings = DatabaseSettings.from(new Environment(Map.of(
                "DATABASE_URL", URL, "DATABASE_USER", "u", "DATABASE_PASSWORD", "p", "DATABASE_SOCKET_TIMEOUT_SECONDS", "290")));
        assertThat(settings.socketTimeoutSeconds()).isEqualTo(290);
        for (String wrong : new String[] {"0", "901", "ten"}) {
            assertThatThrownBy(() -> DatabaseSettings.from(new Environment(Map.of(
                    "DATABASE_URL", URL, "DATABASE_USER", "u", "DATABASE_PASSWORD", "p", "DATABASE_SOCKET_TIMEOUT_SECONDS", wrong))))
                    .as(wrong).isInstanceOf(ConfigurationException.class).hasMessageContaining("DATABASE_SOCKET_TIMEOUT_SECONDS");
        }
    }

    @Test
    void connectionTimeoutIsReadAndMustBeOneThePoolAccepts() {
        var settings = DatabaseSettings.from(new Environment(Map.of(
                "DATABASE_URL", URL, "DATABASE_USER", "u", "DATABASE_PASSWORD", "p")));
        assertThat(settings.connectionTimeoutMillis()).isEqualTo(5_000);
        settings = DatabaseSettings.from(new Environment(Map.of(
                "DATABASE_URL", URL, "DATABASE_USER", "u", "DATABASE_PASSWORD", "p", "DATABASE_CONNECTION_TIMEOUT_MILLIS", "250")));
        assertThat(settings.connectionTimeoutMillis()).isEqualTo(250);
        for (String wrong : new String[] {"249", "900001", "soon"}) {
            assertThatThrownBy(() -> DatabaseSettings.from(new Environment(Map.of(
                    "DATABASE_URL", URL, "DATABASE_USER", "u", "DATABASE_PASSWORD", "p", "DATABASE_CONNECTION_TIMEOUT_MILLIS", wrong))))
                    .as(wrong).isInstanceOf(ConfigurationException.class).hasMessageContaining("DATABASE_CONNECTION_TIMEOUT_MILLIS");
        }
    }
}
