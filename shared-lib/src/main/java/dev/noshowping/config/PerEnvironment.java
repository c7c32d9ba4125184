package dev.noshowping.config;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value built from the installed {@link Environment} on first use and kept for it: in Lambda,
 * once per execution environment; where a host installs another environment (local stack, tests),
 * built again for the new one. The value may be null (nothing configured).
 */
public final class PerEnvironment<T> implements Supplier<T> {

    private record Built<T>(Environment environment, T value) {
    }

    private final Function<Environment, T> factory;
    private volatile Built<T> built;

    private PerEnvironment(Function<Environment, T> factory) {
        this.factory = factory;
    }

    public static <T> PerEnvironment<T> of(Function<Environment, T> factory) {
        return new PerEnvironment<>(factory);
    }

    @Override
    public T get() {
        Environment env = Environment.current();
        Built<T> b = built;
        if (b == null || b.environment() != env) {
            synchronized (this) {
                b = built;
                if (b == null || b.environment() != env) {
                    b = new Built<>(env, factory.apply(env));
                    built = b;
                }
            }
        }
        return b.value();
    }
}
