package org.wubloader.common.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver} packages) driven
 * through Selenium, for tests that check pages in a browser.
 *
 * <p>Both paths are given explicitly so Selenium Manager never runs: it would try to download a
 * browser and a driver, and nothing may be downloaded here. Each instance has its own fresh
 * profile directory, deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.open("http://127.0.0.1:" + port + "/")) {
 *     browser.waitFor("document.querySelectorAll('img').length == 2", Duration.ofSeconds(10));
 *     assertThat(browser.evaluate("document.title")).isEqualTo("…");
 *     browser.screenshot(Path.of("target/page.png"));
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Where Debian puts them; overridable for another machine. */
    public static final Path CHROMIUM = Path.of(System.getProperty("wubloader.chromium", "/usr/bin/chromium"));

    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("wubloader.chromedriver", "/usr/bin/chromedriver"));

    /**
     * Selenium warns on every start that it has no DevTools binding for Debian's newer Chromium.
     * The fixture only speaks WebDriver, so the warning is noise; held here so it is not collected.
     */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        CDP_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a headless Chromium and loads {@code url}; fails with a clear message if Chromium is missing. */
    public static HeadlessChromium open(String url) {
        for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: apt-get install chromium chromium-driver");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("wubloader-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                // Headless as root on a machine without a GPU; no background traffic to the internet.
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--window-size=1280,1024",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
        HeadlessChromium browser = new HeadlessChromium(driver, profile);
        try {
            driver.get(url);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
        return browser;
    }

    /**
     * The value of a JavaScript expression in the page, as Selenium converts it: {@code null},
     * Boolean, Long, Double, String, List or Map.
     */
    public Object evaluate(String expression) {
        return driver.executeScript("return (" + expression + ");");
    }

    /** Waits until a JavaScript expression is truthy, failing after {@code timeout}. */
    public void waitFor(String condition, Duration timeout) {
        await().alias("page condition " + condition)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> Boolean.TRUE.equals(evaluate("!!(" + condition + ")")));
    }

    /** Writes a PNG of the visible viewport to {@code path}. */
    public void screenshot(Path path) {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            Files.move(shot, path, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the browser and its driver, and deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless; the test's own assertions matter.
        }
    }
}
