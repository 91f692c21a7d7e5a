package dev.apigw.websocket.sample;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two headless Chromium tabs chat through the running application and its embedded
 * emulator; one tab closes and the other sees the leave notice and the member count drop.
 * <p>
 * Uses Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (both paths
 * are given, so Selenium Manager never runs and nothing is downloaded). Runs whenever
 * {@code CI=true}; elsewhere it is skipped when the browser is not installed. The chat
 * page with two members is saved as {@code target/chat.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@DirtiesContext
@EnabledIf(value = "browserInstalled", disabledReason = ChatBrowserTests.SKIP_REASON)
class ChatBrowserTests {

	static final String SKIP_REASON = "ChatBrowserTests skipped: no /usr/bin/chromium and /usr/bin/chromedriver"
			+ " (apt-get install chromium chromium-driver); this test always runs when CI=true";

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	private ChromeDriverService service;

	private WebDriver driver;

	static boolean browserInstalled() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if ("true".equals(System.getenv("CI"))) {
			assertThat(installed)
				.as("CI=true but %s or %s is missing: install the chromium and chromium-driver "
						+ "packages (.ci/run does)", CHROMIUM, CHROMEDRIVER)
				.isTrue();
		}
		if (!installed) {
			// surefire keeps a skip's reason in its XML report only: say it on the
			// console too
			// (the forked JVM's own standard error reaches Maven's console, the test
			// output does not)
			new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)
				.println("[WARNING] " + SKIP_REASON);
		}
		return installed;
	}

	@BeforeEach
	void startBrowser(@TempDir Path profile) throws IOException {
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1000,800", "--user-data-dir=" + profile.toAbsolutePath());
		this.driver = new ChromeDriver(this.service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.service != null) {
			this.service.stop();
		}
	}

	@Test
	void twoTabsChatAndTheOtherSeesTheLeave() throws IOException {
		String ann = openAndJoin("Ann");
		waitFor(ExpectedConditions.textToBe(By.id("members-count"), "1"));
		String bob = openAndJoin("Bob", WindowType.TAB);
		waitFor(ExpectedConditions.textToBe(By.id("members-count"), "2"));

		this.driver.switchTo().window(ann);
		waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Bob joined"));
		waitFor(ExpectedConditions.textToBe(By.id("members-count"), "2"));
		say("Hi Bob! Messages go through API Gateway's $default route.");

		this.driver.switchTo().window(bob);
		waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Hi Bob!"));
		say("Hi Ann, and back to you through the @connections API.");
		waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "back to you"));

		this.driver.switchTo().window(ann);
		waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "back to you"));
		say("Closing my tab now: watch the member count.");
		waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "watch the member count"));
		assertThat(this.driver.findElement(By.id("members")).getText()).contains("Ann", "Bob");
		screenshot();
		this.driver.close();

		this.driver.switchTo().window(bob);
		waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Ann left"));
		waitFor(ExpectedConditions.textToBe(By.id("members-count"), "1"));
		assertThat(this.driver.findElement(By.id("members")).getText()).isEqualTo("Bob");
	}

	private String openAndJoin(String name, WindowType... newWindow) {
		if (newWindow.length > 0) {
			this.driver.switchTo().newWindow(newWindow[0]);
		}
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		this.driver.findElement(By.id("name")).sendKeys(name);
		this.driver.findElement(By.id("join")).click();
		waitFor(ExpectedConditions.textToBe(By.id("status"), "connected"));
		return this.driver.getWindowHandle();
	}

	private void say(String text) {
		this.driver.findElement(By.id("text")).sendKeys(text);
		this.driver.findElement(By.id("send")).click();
	}

	private void waitFor(ExpectedCondition<?> condition) {
		new WebDriverWait(this.driver, TIMEOUT).until(condition);
	}

	private void screenshot() throws IOException {
		Path png = ((ChromeDriver) this.driver).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(png, Path.of("target", "chat.png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
