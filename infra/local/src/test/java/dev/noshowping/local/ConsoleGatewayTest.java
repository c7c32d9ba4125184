package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.RepoRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway serves the console's files under /admin/ and leaves every other /admin/... path to the
 * template's API routes; raw HTTP over a real socket, so no client tidies a path before it is sent.
 */
class ConsoleGatewayTest {

    @TempDir
    static Path dir;

    static HttpGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path console = Files.createDirectories(dir.resolve("console"));
        Files.writeString(console.resolve("index.html"), "<!doctype html><title>콘솔</title>");
        Files.writeString(console.resolve("console.js"), "export const x = 1;");
        Files.createDirectories(console.resolve("css"));
        Files.writeString(console.resolve("css/console.css"), "body{}");
        Files.writeString(console.resolve(".hidden.json"), "{}");
        Files.writeString(dir.resolve("secret.txt"), "not for the browser");
        SamTemplate template = SamTemplate.read(RepoRoot.path().resolve("template.yaml"));
        LocalJwt jwt = new LocalJwt(LocalJwt.loadOrCreateKey(dir.resolve("jwt-key.json")),
                template.jwt().issuer(), template.jwt().audience());
        gateway = new HttpGateway(new FunctionHost(template), jwt, 0, List.of(), Optional.of(new ConsoleFiles(console)));
        gateway.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    record Raw(int status, String head, String body) {
        String header(String name) {
            return head.lines().filter(l -> l.toLowerCase().startsWith(name.toLowerCase() + ":"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
        }
    }

    static Raw get(String rawPath) throws IOException {
        return request("GET", rawPath);
    }

    static Raw request(String method, String rawPath) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = all.substring(0, split);
            return new Raw(Integer.parseInt(head.split(" ")[1]), head, all.substring(split + 4));
        }
    }

    @Test
    void theIndexIsServedAtAdminSlashWithoutAToken() throws Exception {
        Raw index = get("/admin/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(index.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(index.body()).contains("<title>콘솔</title>");
    }

    @Test
    void adminWithoutTheSlashRedirectsToIt() throws Exception {
        Raw redirect = get("/admin");
        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.header("Location")).isEqualTo("/admin/");
    }

    @Test
    void scriptsAndStylesCarryTheirContentTypes() throws Exception {
        Raw js = get("/admin/console.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(js.body()).isEqualTo("export const x = 1;");
        Raw css = get("/admin/css/console.css");
        assertThat(css.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(css.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(request("HEAD", "/admin/console.js").status()).isEqualTo(200);
    }

    @Test
    void aMissingFileIs404AndSoIsAnAbsentConfig() throws Exception {
        assertThat(get("/admin/nope.js").status()).isEqualTo(404);
        // the page falls back to its own origin for the API when config.json is absent
        assertThat(get("/admin/config.json").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/../secret.txt", "/admin/%2e%2e/secret.txt", "/admin/css/..%2f..%2fsecret.txt",
            "/admin/%2E%2E%2Fsecret.txt", "/admin/..%5csecret.txt", "/admin/.hidden.json", "/admin//etc/hosts.txt",
            "/admin/%00.js"})
    void pathsLeavingTheConsoleFolderAre404(String path) throws Exception {
        Raw reply = get(path);
        assertThat(reply.status()).as(path).isEqualTo(404);
        assertThat(reply.body()).doesNotContain("not for the browser");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/queues", "/admin/merchants", "/admin/orders/7"})
    void everyOtherAdminPathIsTheApisAndNeedsAToken(String path) throws Exception {
        Raw reply = get(path);
        // the template's authorizer answered: the request went to the API routes, not to the files
        assertThat(reply.status()).as(path).isEqualTo(401);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aPostToAFileNameIsNotServedAsTheFile() throws Exception {
        Raw reply = request("POST", "/admin/console.js");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).doesNotContain("export const");
    }
}
