package dev.noshowping.emulator.toss;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(TossEmulatorExtension.class)}: one Toss emulator per test JVM on a real socket,
 * forgotten before each test; test methods may take the {@link TossEmulator}. For the tests of a
 * client (shared-lib's); testkit's {@code TossExtension} adds the handlers' environment.
 */
public class TossEmulatorExtension implements BeforeEachCallback, ParameterResolver {

    private static TossEmulator emulator;

    public static synchronized TossEmulator emulator() {
        if (emulator == null) {
            emulator = TossEmulator.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        }
        return emulator;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TossEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
