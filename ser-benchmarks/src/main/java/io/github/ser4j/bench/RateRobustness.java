package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.models.Research;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Does the shipped model say the same of a clip heard at another sample rate? Each RAVDESS clip under
 * DATA_DIR (every STEP-th, sorted by path) is predicted as recorded (16 kHz, 16-bit) and after a round
 * trip through RATE Hz, once as the library hears input (resampled, then rounded to 16-bit levels) and
 * once without the rounding (features of the float resampled clip), and the agreement is printed.
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.RateRobustness DATA_DIR [RATE] [STEP]
 * </pre>
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
@Command(name = "RateRobustness", mixinStandardHelpOptions = true,
        description = "Agreement of the shipped model's predictions before and after a round trip through another rate.")
public final class RateRobustness implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA_DIR", description = "RAVDESS speech folder")
    Path dir;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RATE", defaultValue = "48000",
            description = "the round trip's rate in Hz (default ${DEFAULT-VALUE})")
    float rate;

    @Parameters(index = "2", arity = "0..1", paramLabel = "STEP", defaultValue = "5",
            description = "every STEP-th clip, sorted by path (default ${DEFAULT-VALUE})")
    int step;

    private RateRobustness() {
    }

    /**
     * Runs the comparison.
     *
     * @param args DATA_DIR, optional RATE (default 48000) and STEP (default 5)
     */
    public static void main(String[] args) {
        BenchCli.exit(new RateRobustness(), args);
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files = NoSpeechConditions.ravdess(dir, step);
        EmotionClassifier classifier = EmotionClassifier.load();
        int n = 0;
        int sameRounded = 0;
        int sameFloat = 0;
        double shiftRounded = 0;
        double shiftFloat = 0;
        for (Path file : files) {
            AudioClip clip = AudioClip.read(file);
            Prediction native16k = classifier.predict(clip);
            AudioClip back = clip.resampledTo(rate).resampledTo(clip.sampleRateHz());
            Prediction rounded = classifier.predict(back);
            Prediction unrounded = classifier.predictFeatures(classifier.featureExtractor().extract(back));
            n++;
            sameRounded += Research.answer(native16k) == Research.answer(rounded) ? 1 : 0;
            sameFloat += Research.answer(native16k) == Research.answer(unrounded) ? 1 : 0;
            for (Emotion e : classifier.labels()) {
                shiftRounded += Math.abs(native16k.probabilityOf(e) - rounded.probabilityOf(e));
                shiftFloat += Math.abs(native16k.probabilityOf(e) - unrounded.probabilityOf(e));
            }
        }
        System.out.printf(Locale.ROOT, "%d clips through %.0f Hz and back%n", n, rate);
        System.out.printf(Locale.ROOT, "as the library hears it (16-bit levels): same emotion %.1f%%, mean sum |dp| %.3f%n",
                100.0 * sameRounded / n, shiftRounded / n);
        System.out.printf(Locale.ROOT, "float, not rounded:                      same emotion %.1f%%, mean sum |dp| %.3f%n",
                100.0 * sameFloat / n, shiftFloat / n);
        return 0;
    }
}
