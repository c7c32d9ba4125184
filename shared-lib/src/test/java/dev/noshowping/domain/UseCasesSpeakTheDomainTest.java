package dev.noshowping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Use cases answer in domain results and {@link DomainException}s; only the HTTP adapter
 * ({@code http}, and {@code lambda} where HttpFunction maps refusals) knows statuses, problem
 * documents and API Gateway events. Read from the sources, so a new use case is held to it too.
 */
class UseCasesSpeakTheDomainTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/noshowping");
    /** The adapter's own packages. */
    private static final Set<String> ADAPTER = Set.of("http", "lambda");

    @Test
    void noUseCaseSpeaksHttp() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = SOURCES.relativize(file).toString().replace('\\', '/');
                if (ADAPTER.contains(relative.substring(0, relative.indexOf('/')))) {
                    continue;
                }
                String source = Files.readString(file);
                if (source.contains("dev.noshowping.http.") || source.contains("events.APIGatewayV2")) {
                    offenders.add(relative);
                }
            }
        }
        assertThat(offenders).as("sources outside the HTTP adapter that use it").isEmpty();
    }

    @Test
    void theScanSeesTheSources() throws IOException {
        // a moved source tree would make the test above pass on nothing
        assertThat(SOURCES.resolve("order/HoldArticle.java")).exists();
        assertThat(Files.readString(SOURCES.resolve("lambda/HttpFunction.java"))).contains("dev.noshowping.http.");
    }
}
