package dev.noshowping.testkit;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(PostgresExtension.class)}: test-postgres's {@link DatabaseExtension} (the JVM's
 * embedded, migrated PostgreSQL, emptied before each test), installed as the database handlers reach
 * through {@link dev.noshowping.db.Database#dataSource()}. Test methods may take a {@link DataSource}
 * (the handlers' pool) or the {@link TestDatabase}.
 */
public final class PostgresExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private final DatabaseExtension database = new DatabaseExtension();

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.get().installEnvironment(java.util.Map.of());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database.beforeEach(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DataSource.class || type == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DataSource.class
                ? TestDatabase.get().dataSource() : TestDatabase.get();
    }
}
