package dev.noshowping.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through its own chromedriver: the paths are given, so Selenium Manager
 * never tries to download a browser or a driver (the build machine has no internet).
 */
final class HeadlessChromium implements AutoCloseable {

    /** Where Debian's chromium and chromium-driver packages put them; CHROME_BIN and CHROMEDRIVER override. */
    static Optional<Path> browser() {
        return firstExecutable(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
    }

    static Optional<Path> chromedriver() {
        return firstExecutable(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    }

    private static Optional<Path> firstExecutable(String... candidates) {
        return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    HeadlessChromium(Path browser, Path driverExecutable) throws IOException {
        profile = Files.createTempDirectory("console-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverExecutable.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // the network is closed: without the background-networking flags the browser waits on it at start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1000", "--lang=ko-KR");
        driver = new ChromeDriver(service, options);
    }

    ChromeDriver driver() {
        return driver;
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            LocalStack.deleteRecursively(profile);
        }
    }
}
