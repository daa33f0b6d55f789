package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.models.Research;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Does the shipped model say the same of a clip after a lossy codec? For every format folder under
 * ENCODED_DIR (made by {@code ser-benchmarks/scripts/encode-codecs.sh}: one folder per codec setting,
 * such as {@code mp3-32k} or {@code g711-ulaw-8k}), each encoded clip is decoded by ser4j and
 * predicted, and compared with the prediction of the original WAV under DATA_DIR (same relative path):
 * the share with the same emotion, and the mean over clips of the summed absolute probability change.
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.CodecAgreement DATA_DIR ENCODED_DIR
 * </pre>
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
public final class CodecAgreement {

    private CodecAgreement() {
    }

    /**
     * Runs the comparison.
     *
     * @param args DATA_DIR and ENCODED_DIR
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CodecAgreement DATA_DIR ENCODED_DIR");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path encoded = Path.of(args[1]);
        EmotionClassifier classifier = EmotionClassifier.load();
        List<Path> formats;
        try (Stream<Path> s = Files.list(encoded)) {
            formats = s.filter(Files::isDirectory).sorted().toList();
        }
        System.out.println("format\tclips\tsame_emotion_pct\tmean_sum_abs_dp");
        java.util.Map<Path, Prediction> reference = new java.util.HashMap<>();
        for (Path format : formats) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(format)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            int n = 0;
            int same = 0;
            double shift = 0;
            for (Path f : files) {
                String rel = format.relativize(f).toString();
                Path wav = data.resolve(rel.substring(0, rel.lastIndexOf('.')) + ".wav");
                Prediction lossless = reference.get(wav);
                if (lossless == null) {
                    lossless = classifier.predict(AudioClip.read(wav));
                    reference.put(wav, lossless);
                }
                Prediction p = classifier.predict(AudioClip.read(f));
                n++;
                same += Research.answer(p) == Research.answer(lossless) ? 1 : 0;
                for (Emotion e : classifier.labels()) {
                    shift += Math.abs(p.probabilityOf(e) - lossless.probabilityOf(e));
                }
            }
            System.out.printf(Locale.ROOT, "%s\t%d\t%.1f\t%.3f%n", format.getFileName(), n, 100.0 * same / n, shift / n);
        }
    }
}
