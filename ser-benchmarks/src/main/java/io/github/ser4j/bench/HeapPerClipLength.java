package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How much heap {@code EmotionClassifier.load().predict(clip)} needs for a clip of N seconds: for each length,
 * a binary search over {@code -Xmx} (in steps of 8 MB) for the smallest heap with which a fresh JVM loads the
 * shipped model and predicts the benchmark speech clip looped to that length, at 16 kHz (the model's rate,
 * so no resampling copy) and, with {@code 48000}, at 48 kHz. The children use the JVM's default garbage
 * collector (G1 on a machine of 2 or more cores and 2 GB or more), or the one {@code -Dheap.gc=Serial} names.
 *
 * <pre>java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.HeapPerClipLength [RATE] [SECONDS...]</pre>
 *
 * <p>Thread-safety: a command-line tool; runs its child JVMs one after another.
 */
public final class HeapPerClipLength {

    private HeapPerClipLength() {
    }

    /**
     * Runs the search, or (with {@code child SECONDS RATE}) one prediction.
     *
     * @param args {@code [RATE] [SECONDS...]}; defaults 16000 and 3 30 60 120 300 600
     * @throws Exception if a child cannot be started
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("child")) {
            child(Integer.parseInt(args[1]), Float.parseFloat(args[2]));
            return;
        }
        float rate = args.length > 0 ? Float.parseFloat(args[0]) : 16000;
        List<Integer> lengths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            lengths.add(Integer.parseInt(args[i]));
        }
        if (lengths.isEmpty()) {
            lengths = List.of(3, 30, 60, 120, 300, 600);
        }
        System.out.println("seconds  rate  smallest -Xmx that predicts (MB), GC " + System.getProperty("heap.gc", "default"));
        for (int seconds : lengths) {
            int lo = 16;
            int hi = 4096; // lo fails or is untested, hi works
            if (!works(seconds, rate, hi)) {
                System.out.printf(Locale.ROOT, "%7d  %5.0f  more than %d%n", seconds, rate, hi);
                continue;
            }
            while (hi - lo > 8) {
                int mid = (lo + hi) / 2;
                if (works(seconds, rate, mid)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            System.out.printf(Locale.ROOT, "%7d  %5.0f  %d%n", seconds, rate, hi);
        }
    }

    private static boolean works(int seconds, float rate, int megabytes) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + megabytes + "m"));
        String gc = System.getProperty("heap.gc", "");
        if (!gc.isEmpty()) {
            cmd.add("-XX:+Use" + gc + "GC");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), HeapPerClipLength.class.getName(), "child",
                Integer.toString(seconds), Float.toString(rate)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("a " + seconds + " s prediction at -Xmx" + megabytes + "m took over 10 minutes");
        }
        return p.exitValue() == 0;
    }

    private static void child(int seconds, float rate) throws Exception {
        try {
            AudioClip clip = SpeechClips.looped(seconds);
            if (rate != clip.sampleRateHz()) {
                clip = clip.resampledTo(rate);
            }
            EmotionClassifier c = EmotionClassifier.load();
            System.out.println(c.predict(clip));
        } catch (OutOfMemoryError e) {
            System.exit(3);
        }
    }
}
