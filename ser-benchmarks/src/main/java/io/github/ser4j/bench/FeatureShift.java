package io.github.ser4j.bench;

import io.github.ser4j.models.Condition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The feature audit of the robustness harness: how far each feature moves when a clip is heard under a
 * condition, in units of the feature's standard deviation over the clean clips of the data set, the
 * median over the scored clips of |x_condition − x_clean| / sd. A feature that moves by more than a few
 * sd under a mild condition pushes every clip off the training distribution.
 *
 * <p>Thread-safety: stateless.
 */
final class FeatureShift {

    private FeatureShift() {
    }

    /**
     * Writes the audit from the caches a recipe-mode run of {@link Robustness} left in its output folder
     * (same data, extractor, step and seed, 5 folds).
     *
     * @param args DATA_DIR OUT_DIR [EXTRACTOR] [STEP] [SEED] [TOP]
     * @throws Exception if the caches are missing
     */
    public static void main(String[] args) throws Exception {
        io.github.ser4j.models.Dataset data = io.github.ser4j.models.Dataset.read(Path.of(args[0]));
        Path out = Path.of(args[1]);
        io.github.ser4j.core.FeatureExtractor fx = io.github.ser4j.features.FeatureExtractors.byName(
                args.length > 2 ? args[2] : "full");
        int step = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        FeatureMatrix m = FeatureMatrix.load(data, fx, out.resolve("features-" + Integer.toHexString(fx.id().hashCode())
                + ".bin"), 1, System.err::println);
        List<Condition> conditions = Condition.harnessSet();
        int[] subset = new int[(m.y().length + step - 1) / step];
        for (int i = 0; i < subset.length; i++) {
            subset[i] = i * step;
        }
        String key = Robustness.conditionKey(fx, conditions, seed, step, "fold (seed " + seed + ", 5 folds)");
        double[][] cx = FeatureMatrix.cached(out.resolve("conditions-" + Integer.toHexString(key.hashCode()) + ".bin"), key,
                data.summary().fileListSha256(), conditions.size() * subset.length, fx.dimension(), () -> {
                    throw new IllegalStateException("no condition cache in " + out + "; run Robustness first");
                }, System.err::println);
        write(out.resolve("feature-shift.txt"), fx.featureNames(), m.x(), cx, subset, conditions,
                args.length > 5 ? Integer.parseInt(args[5]) : 15);
        System.out.print(Files.readString(out.resolve("feature-shift.txt")));
    }

    /** Median shift in sd units, {@code [condition][feature]}. */
    static double[][] shifts(double[][] clean, double[][] cx, int[] subset, int conditions) {
        int d = clean[0].length;
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : clean) {
                mean += r[j];
            }
            mean /= clean.length;
            double ss = 0;
            for (double[] r : clean) {
                ss += (r[j] - mean) * (r[j] - mean);
            }
            sd[j] = Math.max(1e-12, Math.sqrt(ss / (clean.length - 1)));
        }
        double[][] out = new double[conditions][d];
        double[] v = new double[subset.length];
        for (int c = 0; c < conditions; c++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < subset.length; k++) {
                    v[k] = Math.abs(cx[c * subset.length + k][j] - cx[k][j]) / sd[j]; // condition 0 is clean
                }
                Arrays.sort(v);
                out[c][j] = v[v.length / 2];
            }
        }
        return out;
    }

    /** Writes, per condition, the median shift over all features and the features that move most (at least {@code top}, and every one over 3 sd). */
    static void write(Path file, List<String> names, double[][] clean, double[][] cx, int[] subset,
            List<Condition> conditions, int top) throws IOException {
        double[][] s = shifts(clean, cx, subset, conditions.size());
        StringBuilder sb = new StringBuilder("Median |x_condition - x_clean| / sd_clean per feature, over "
                + subset.length + " clips\n");
        for (int c = 1; c < conditions.size(); c++) {
            double[] sorted = s[c].clone();
            Arrays.sort(sorted);
            int over3 = 0;
            for (double v : sorted) {
                over3 += v > 3 ? 1 : 0;
            }
            sb.append(String.format(Locale.ROOT, "%n%s: median over features %.2f sd, %d of %d features > 3 sd; largest:%n",
                    conditions.get(c).name(), sorted[sorted.length / 2], over3, sorted.length));
            List<Integer> idx = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                idx.add(j);
            }
            int cc = c;
            idx.sort(Comparator.comparingDouble((Integer j) -> -s[cc][j]));
            for (int k = 0; k < idx.size() && (k < top || s[c][idx.get(k)] > 3); k++) {
                sb.append(String.format(Locale.ROOT, "  %10.2f  %s%n", s[c][idx.get(k)], names.get(idx.get(k))));
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
