package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.features.Dereverberated;
import io.github.ser4j.features.FeatureExtractors;
import io.github.ser4j.features.LevelNormalised;
import io.github.ser4j.features.SpeechTrimmed;
import io.github.ser4j.models.Condition;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.LabelledClip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quick probe before a harness run: how far the harness's reverberation (and pink noise at 20 dB) moves
 * each clip's features from its clean features, with and without a dereverberation front end, as the mean
 * over clips of the RMS z-distance (z against the clean features' spread, each term capped at 10 sd).
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.DereverbProbe DATA STEP "outer,3,5,1;inner,3,5,1;lebart,4,0.5"
 * </pre>
 * ({@code outer,D,K,I}: WPE before the speech-span trim; {@code inner,D,K,I}: WPE after the trim, before the
 * level; {@code lebart,N,RT60}: spectral subtraction before the trim.)
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
public final class DereverbProbe {

    private DereverbProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args data directory, clip step, settings
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Dataset data = Dataset.read(Path.of(args[0]));
        int step = Integer.parseInt(args[1]);
        Map<String, FeatureExtractor> fx = new LinkedHashMap<>();
        fx.put("speech-span", FeatureExtractors.speechSpan());
        for (String s : args[2].split(";")) {
            String[] p = s.split(",");
            FeatureExtractor full = FeatureExtractors.full();
            if (p[0].equals("lebart")) {
                fx.put(s, Dereverberated.subtracting(SpeechTrimmed.of(LevelNormalised.of(full)), Integer.parseInt(p[1]), Double.parseDouble(p[2])));
                continue;
            }
            int d = Integer.parseInt(p[1]), k = Integer.parseInt(p[2]), it = Integer.parseInt(p[3]);
            fx.put(s, p[0].equals("outer") ? Dereverberated.of(SpeechTrimmed.of(LevelNormalised.of(full)), d, k, it)
                    : SpeechTrimmed.of(Dereverberated.of(LevelNormalised.of(full), d, k, it)));
        }
        List<Condition> conds = List.of(Condition.parse("clean"), Condition.parse("reverb@0.3"), Condition.parse("reverb@0.6"),
                Condition.parse("reverb@1"), Condition.parse("pink@20"));
        List<LabelledClip> clips = data.clips();
        List<AudioClip[]> audio = new ArrayList<>();
        for (int i = 0; i < clips.size(); i += step) {
            AudioClip c = AudioClip.read(clips.get(i).file());
            AudioClip[] a = new AudioClip[conds.size()];
            for (int k = 0; k < conds.size(); k++) {
                a[k] = conds.get(k).apply(c, Robustness.clipSeed(1, clips.get(i).relativePath(), conds.get(k)), null);
            }
            audio.add(a);
        }
        for (Map.Entry<String, FeatureExtractor> e : fx.entrySet()) {
            long t0 = System.nanoTime();
            int n = audio.size();
            double[][][] f = new double[conds.size()][n][];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < conds.size(); k++) {
                    f[k][i] = e.getValue().extract(audio.get(i)[k]);
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6 / n / conds.size();
            int dim = f[0][0].length;
            double[] mean = new double[dim], sd = new double[dim];
            for (double[] r : f[0]) for (int j = 0; j < dim; j++) mean[j] += r[j] / n;
            for (double[] r : f[0]) for (int j = 0; j < dim; j++) sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            for (int j = 0; j < dim; j++) sd[j] = Math.sqrt(sd[j]) + 1e-12;
            StringBuilder sb = new StringBuilder(String.format("%-26s %6.1f ms/clip", e.getKey(), ms));
            for (int k = 1; k < conds.size(); k++) {
                double dist = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < dim; j++) {
                        double z = (f[k][i][j] - f[0][i][j]) / sd[j];
                        s += Math.min(z * z, 100);
                    }
                    dist += Math.sqrt(s / dim) / n;
                }
                sb.append(String.format("  %s %.3f", conds.get(k), dist));
            }
            System.out.println(sb);
        }
    }
}
