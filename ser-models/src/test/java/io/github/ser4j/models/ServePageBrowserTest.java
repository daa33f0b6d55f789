package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page at {@code GET /} in Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver: the fake microphone plays a RAVDESS clip (with silence around it) into the AudioWorklet,
 * the page streams it over the WebSocket and shows events; the file picker posts the clip and shows
 * eight bars. Skips, saying why, where Chromium is not installed ({@code .ci/install-browser} installs it).
 * {@code -Dser4j.screenshot=FILE} also saves the screenshot there (the README's is made so).
 */
@Timeout(180)
class ServePageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void pageListensToTheMicrophoneAndPredictsAFile() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or ChromeDriver not installed at /usr/bin (run .ci/install-browser): browser test skipped");
        // The fake microphone loops this file: quiet, then the angry clip, then quiet (the detector learns the floor first).
        float[] clip = AudioClip.read(ServeTesting.CLIP).samples();
        Random r = new Random(1);
        float[] mic = new float[16_000 + clip.length + 32_000];
        for (int i = 0; i < mic.length; i++) {
            mic[i] = (float) (1e-4 * r.nextGaussian());
        }
        System.arraycopy(clip, 0, mic, 16_000, clip.length);
        Path wav = tmp.resolve("microphone.wav");
        TestAudio.writePcm16(wav, mic, 16_000);

        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=412,1190", "--hide-scrollbars",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav, "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        try (EmotionServer server = ServeTesting.start(ServeTesting.settings(2, 2))) {
            ChromeDriver driver = new ChromeDriver(service, o);
            try {
                driver.get(server.uri() + "/");
                assertEquals("ser4j: live emotion", driver.getTitle());
                driver.findElement(By.id("start")).click();
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                wait.until(d -> d.findElements(By.cssSelector("#timeline li")).size() >= 3);
                List<String> words = Arrays.stream(Emotion.values()).map(Emotion::word).toList();
                for (WebElement row : driver.findElements(By.cssSelector("#timeline li"))) {
                    String emotion = row.getAttribute("data-emotion");
                    assertTrue(words.contains(emotion), emotion);
                    assertTrue(row.getText().matches("(?s)\\d:\\d\\d\\.\\d–\\d:\\d\\d\\.\\d\\s+" + emotion + " \\d+%.*"),
                            "a row says the time and the emotion in words: " + row.getText());
                }
                assertTrue(words.contains(driver.findElement(By.id("now-word")).getText()));
                assertTrue(driver.findElement(By.id("now-conf")).getText().matches("confidence \\d+%"));

                driver.findElement(By.id("file")).sendKeys(ServeTesting.CLIP.toAbsolutePath().toString());
                wait.until(d -> d.findElements(By.cssSelector("#bars .bar")).size() == 8);
                Prediction expected = ServeTesting.model().predict(ServeTesting.CLIP);
                String status = driver.findElement(By.id("file-status")).getText();
                assertTrue(status.contains("most likely " + expected.emotion().word()), status);
                for (Emotion e : Emotion.values()) {
                    WebElement bar = driver.findElement(By.cssSelector("#bars .bar[aria-label^='" + e.word() + " ']"));
                    assertEquals(e.word() + " " + Math.round(100 * expected.probabilityOf(e)) + "%",
                            bar.getAttribute("aria-label"));
                }
                Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
                Path keep = Path.of("target", "serve-page.png");
                Files.copy(shot, keep, StandardCopyOption.REPLACE_EXISTING);
                String to = System.getProperty("ser4j.screenshot");
                if (to != null && !to.isBlank()) {
                    Files.copy(shot, Path.of(to), StandardCopyOption.REPLACE_EXISTING);
                }
                // a file given no emotion (a tone: no speech) says so and shows no bars, not "most likely null"
                float[] tone = new float[32_000];
                for (int i = 0; i < tone.length; i++) {
                    tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 16_000.0));
                }
                Path toneWav = tmp.resolve("tone.wav");
                TestAudio.writePcm16(toneWav, tone, 16_000);
                driver.findElement(By.id("file")).sendKeys(toneWav.toAbsolutePath().toString());
                wait.until(d -> d.findElement(By.id("file-status")).getText().startsWith("tone.wav: "));
                String toneStatus = driver.findElement(By.id("file-status")).getText();
                assertTrue(toneStatus.startsWith("tone.wav: no speech ("), toneStatus);
                assertEquals(0, driver.findElements(By.cssSelector("#bars .bar")).size());
                driver.findElement(By.id("stop")).click();
                wait.until(d -> d.findElement(By.id("status")).getText().startsWith("Stopped"));
            } finally {
                driver.quit();
            }
        }
    }
}
