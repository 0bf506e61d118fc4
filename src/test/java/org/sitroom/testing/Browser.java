package org.sitroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sitroom.security.Role;

/**
 * Headless Debian Chromium driven by Selenium, for the {@code *IT} tests. Uses the chromium and chromedriver on the
 * machine (so Selenium Manager never downloads anything), waits on conditions instead of sleeping, and saves
 * screenshots to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    public Browser(int port) {
        this.baseUrl = "http://localhost:" + port + "/";
        try {
            this.profile = Files.createTempDirectory("sitroom-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--window-size=1440,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 900));
    }

    private static String executable(String name, String fallback) {
        for (String dir : Objects.requireNonNullElse(System.getenv("PATH"), "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (Files.isExecutable(Path.of(fallback))) {
            return fallback;
        }
        throw new IllegalStateException(name + " is not installed: apt-get install -y chromium chromium-driver");
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + (path.startsWith("/") ? path.substring(1) : path));
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(baseUrl.length() - 1);
    }

    /** Signs in through the login page and waits until the shell is shown. */
    public void signInAs(Role role) {
        signIn(TestUsers.username(role), TestUsers.password(role));
        waitFor(By.id("main-nav"));
    }

    /** Types the credentials into the login form and submits, without waiting for the outcome. */
    public void signIn(String username, String password) {
        open("login");
        WebElement user = waitFor(By.cssSelector("#login-form input[name='username']"));
        WebElement pass = waitFor(By.cssSelector("#login-form input[name='password']"));
        user.clear();
        user.sendKeys(username);
        pass.clear();
        pass.sendKeys(password);
        waitFor(By.cssSelector("#login-form vaadin-button[slot='submit'], #login-form vaadin-button")).click();
    }

    public void signOut() {
        waitFor(By.id("sign-out")).click();
        waitUntil(d -> d.getCurrentUrl().contains("/login"));
    }

    public WebElement waitFor(By locator) {
        return waiting(WAIT).until(d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    public <T> T waitUntil(ExpectedCondition<T> condition) {
        return waiting(WAIT).until(condition);
    }

    /** As {@link #waitUntil(ExpectedCondition)}, for something that takes longer than the usual wait. */
    public <T> T waitUntil(java.time.Duration timeout, ExpectedCondition<T> condition) {
        return waiting(timeout).until(condition);
    }

    /**
     * A wait that also tries again when an element went stale: live pages redraw parts of themselves while a test
     * looks at them (server push), which replaces the elements it found a moment ago.
     */
    private WebDriverWait waiting(java.time.Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Waits (up to 90 s) until a live page has redrawn what {@code locator} finds, that is replaced its element, so a
     * test can then check that what it holds elsewhere on the page stayed put.
     */
    public void waitForLiveRedrawOf(By locator) {
        WebElement before = waitFor(locator);
        waitUntil(java.time.Duration.ofSeconds(90), org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
    }

    /** The titles in the side navigation, in order. */
    public List<String> menuTitles() {
        waitFor(By.cssSelector("#main-nav vaadin-side-nav-item"));
        return driver.findElements(By.cssSelector("#main-nav vaadin-side-nav-item")).stream()
                .map(e -> e.getText().trim()).toList();
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves a PNG of the page as {@code target/screenshots/NAME.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
