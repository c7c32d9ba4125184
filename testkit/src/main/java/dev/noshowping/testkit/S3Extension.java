package dev.noshowping.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith({PostgresExtension.class, S3Extension.class})}: the JVM's S3Mock with the
 * screenshots bucket, reachable by handlers through their environment.
 */
public final class S3Extension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.get().addServiceEnvironment(TestStorage.get().environment());
    }
}
