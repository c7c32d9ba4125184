package dev.noshowping.testkit;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(DatabaseExtension.class)}: the JVM's embedded, migrated PostgreSQL, emptied
 * before each test, for tests of code that is handed a connection (shared-lib's own). Test methods
 * may take a {@link DataSource} (the application role's) or the {@link TestPostgres}. Handler tests
 * use testkit's {@code PostgresExtension}, which also installs the database in the handlers' environment.
 */
public final class DatabaseExtension implements BeforeEachCallback, ParameterResolver {

    @Override
    public void beforeEach(ExtensionContext context) {
        TestPostgres.get().clean();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DataSource.class || type == TestPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestPostgres db = TestPostgres.get();
        return parameter.getParameter().getType() == DataSource.class ? db.appDataSource() : db;
    }
}
