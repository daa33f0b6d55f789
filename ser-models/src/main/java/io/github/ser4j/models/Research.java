package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.DomainCheck;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeakerProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import weka.classifiers.functions.SMO;
import weka.core.Instances;

/**
 * The research and benchmark API: the trainer's own protocol pieces (feature matrices, folds, the grid
 * search, standardisation, fold models, scoring and calibration), the Weka reference path and an
 * in-process server, so that studies (the {@code ser-benchmarks} harness) run exactly the library's code on
 * cached feature matrices instead of copying it.
 *
 * <p><b>Not covered by the stability promise of the prediction API</b> ({@link EmotionClassifier},
 * {@link SmoEmotionClassifier}, {@link SmoTrainer} and the types they return): methods here may change or
 * go in any release, as the studies that use them change. Applications should not call them.
 *
 * <p>Rows are {@code double[]} feature vectors in the extractor's order; label indices index the
 * {@code labels} list passed alongside; "rows" arguments are row indices into a matrix. No method modifies
 * an array it is given. No Weka type appears here.
 *
 * <p>Thread-safety: stateless; every method may be called from any number of threads at once (the
 * classifiers and the server it returns are themselves thread-safe).
 */
public final class Research {

    private Research() {
    }

    // --- feature matrices -------------------------------------------------------------------------------

    /**
     * The trainer's feature extraction: one row per clip in data set order, extracted in parallel; a clip
     * that cannot be read or gives a non-finite value fails with its path in the message.
     *
     * @param data the clips
     * @param extractor the extractor
     * @param threads worker threads
     * @param progress progress lines, or null
     * @return the rows
     * @throws IOException naming the clip that failed
     */
    public static double[][] features(Dataset data, FeatureExtractor extractor, int threads, Consumer<String> progress)
            throws IOException {
        return FeatureTable.extract(data, extractor, threads, progress);
    }

    /**
     * A clip's features as every model sees them (resampled to the extractor's rate, rounded to 16-bit levels).
     *
     * @param clip the clip
     * @param extractor the extractor
     * @return the features
     */
    public static double[] features(AudioClip clip, FeatureExtractor extractor) {
        return SmoEmotionClassifier.features(clip, extractor);
    }

    /**
     * The trainer's augmented copies of every clip, made with the trainer's own code: the babble of each copy
     * comes from other speakers of the clip's fold under {@code o}'s protocol.
     *
     * @param data the clips
     * @param extractor the extractor
     * @param o the options, with an augmentation
     * @param fold each clip's fold under {@code o} ({@link #folds})
     * @param progress progress lines, or null
     * @return {@code [copy - 1][clip]} feature rows
     * @throws IOException naming a clip that failed
     */
    public static double[][][] augmentedCopies(Dataset data, FeatureExtractor extractor, TrainerOptions o, int[] fold,
            Consumer<String> progress) throws IOException {
        return FeatureTable.augmented(data, extractor, o.augmentation(), o.seed(), fold, o.threads(), progress);
    }

    // --- protocol ---------------------------------------------------------------------------------------

    /**
     * The trainer's fold assignment: speaker-grouped or stratified by label, as {@code o} says.
     *
     * @param y label index of each row
     * @param speakers speaker of each row
     * @param numClasses number of labels
     * @param o the protocol settings (folds, grouping, seed)
     * @return the fold of each row
     */
    public static int[] folds(int[] y, String[] speakers, int numClasses, TrainerOptions o) {
        return SmoTrainer.folds(y, speakers, numClasses, o);
    }

    /**
     * Rows of fold {@code f} ({@code in}) or of the other folds, in increasing order.
     *
     * @param fold fold of each row
     * @param f the fold
     * @param in the fold's rows if true, else the other folds' rows
     * @return row indices
     */
    public static int[] rowsWhere(int[] fold, int f, boolean in) {
        return Folds.rowsWhere(fold, f, in);
    }

    /**
     * The trainer's cross-validated grid search on a feature matrix.
     *
     * @param x one row per clip, unstandardised
     * @param y label index of each row into {@code labels}
     * @param speakers speaker of each row
     * @param labels the labels
     * @param o the search settings
     * @param progress progress lines, or null
     * @return the report (the chosen grid point is the best mean over the same folds)
     */
    public static EvaluationReport search(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, Consumer<String> progress) {
        return SmoTrainer.search(x, y, speakers, labels, o, progress);
    }

    /**
     * Scores predictions as the trainer does (pooled confusion matrix, per-class P/R/F1, macro-F1).
     *
     * @param protocol a protocol name for the report
     * @param labels the labels
     * @param truth true label indices
     * @param predicted predicted label indices
     * @return the report
     */
    public static EvaluationReport score(String protocol, List<Emotion> labels, int[] truth, int[] predicted) {
        return EvaluationReport.score(protocol, labels, truth, predicted, null, null, null);
    }

    // --- fitting ----------------------------------------------------------------------------------------

    /**
     * Every row of {@code x} z-scored with the mean and standard deviation of the {@code fitRows} only,
     * exactly as the trainer standardises a training fold (values rounded to float precision).
     *
     * @param x rows, unstandardised
     * @param fitRows the rows the statistics come from (a training fold)
     * @return a new matrix, same shape as {@code x}
     */
    public static double[][] standardizedBy(double[][] x, int[] fitRows) {
        Standardizer st = Standardizer.fit(x, fitRows);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = st.apply(x[i]);
        }
        return out;
    }

    /**
     * Every row of {@code x} normalised by the trainer's per-speaker normalisation: the population priors
     * fitted on {@code fitRows} with {@code adaptation}'s shrinkage, each row's speaker statistics taken from
     * all rows of that speaker in {@code x} (a transductive control: a session that has heard the speaker's
     * whole recording).
     *
     * @param x rows, unstandardised
     * @param speakers speaker of each row
     * @param fitRows the rows the priors come from (a training fold)
     * @param adaptation the shrinkage
     * @return a new matrix, same shape as {@code x}
     */
    public static double[][] speakerNormalized(double[][] x, String[] speakers, int[] fitRows,
            SpeakerAdaptation adaptation) {
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Map<String, SpeakerProfile> profiles = SpeakerNormalization.profiles(x, all, speakers);
        SpeakerNormalization sn = SpeakerNormalization.fit(x, fitRows, speakers, adaptation);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = sn.apply(x[i], profiles.get(speakers[i]));
        }
        return out;
    }

    /**
     * Trains the trainer's calibrated SMO on already standardised {@code train} rows and predicts the label
     * index of each row of every set in {@code predict}, as the trainer's cross-validation does.
     *
     * @param z standardised rows
     * @param y label index of each row
     * @param labels the labels
     * @param p the SVM parameters
     * @param train the rows to train on
     * @param predict row sets to predict
     * @return predicted label indices, one array per row set
     */
    public static int[][] svmFitPredict(double[][] z, int[] y, List<Emotion> labels, SvmParameters p, int[] train,
            int[]... predict) {
        double[][] tx = new double[train.length][];
        int[] ty = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            tx[i] = z[train[i]];
            ty[i] = y[train[i]];
        }
        SMO smo = WekaSvm.train(tx, ty, labels, p);
        Instances header = WekaSvm.header(z[0].length, labels);
        int[][] out = new int[predict.length][];
        for (int s = 0; s < predict.length; s++) {
            out[s] = new int[predict[s].length];
            for (int i = 0; i < predict[s].length; i++) {
                out[s][i] = WekaSvm.argmax(WekaSvm.distribution(smo, header, z[predict[s][i]]));
            }
        }
        return out;
    }

    /**
     * The model the trainer's cross-validation fits for one fold: trained on the clips {@code trainClips}
     * and, if {@code copies} is not null, their augmented copies only (the trainer's own row selection),
     * with per-speaker normalisation if {@code o} has an adaptation.
     *
     * @param x clips' rows
     * @param copies {@code [copy - 1][clip]} rows, or null
     * @param y labels
     * @param speakers speakers
     * @param labels the labels
     * @param o the options (per-speaker normalisation if any)
     * @param p the SVM parameters
     * @param trainClips the training clips' rows
     * @return the fold model (temperature 1)
     */
    public static SmoEmotionClassifier foldModel(double[][] x, double[][][] copies, int[] y, String[] speakers,
            List<Emotion> labels, TrainerOptions o, SvmParameters p, int[] trainClips) {
        SmoTrainer.Prepared all = SmoTrainer.withCopies(x, y, speakers, labels, copies == null ? new double[0][][] : copies);
        int[] rows = SmoTrainer.trainingRows(trainClips, x.length, all.x().length);
        return SmoTrainer.fit(all.x(), all.y(), all.speakers(), rows, labels, p,
                SmoTrainer.matrixExtractor(x[0].length), null, o, null);
    }

    /**
     * The model's answer in a prediction: its emotion, or, for a prediction out of domain (which gives no
     * emotion), the most probable label of the model's distribution, which scoring a model over every clip
     * counts. Never an answer to show a user.
     *
     * @param p a prediction
     * @return the answer, or null for a prediction without speech
     * @throws IllegalArgumentException if {@code p} is null
     */
    public static Emotion answer(Prediction p) {
        if (p == null) {
            throw new IllegalArgumentException("prediction must not be null");
        }
        return SmoTrainer.answer(p);
    }

    /**
     * The out-of-domain check {@code predictFeatures} attaches to a feature vector's prediction, without the
     * SVM (an adapted model normalises with the population priors, as {@link #distribution} does).
     *
     * @param m the model
     * @param features the features
     * @return the check
     * @throws IllegalArgumentException if {@code features} has another length than the model's
     */
    public static DomainCheck domainCheck(SmoEmotionClassifier m, double[] features) {
        return m.domainCheck(features);
    }

    /**
     * A model's probabilities for a feature vector, in label order, as {@code predict} computes them (an
     * adapted model normalises with the population priors, as a session that has heard nothing).
     *
     * @param m the model
     * @param features the features
     * @return the distribution
     */
    public static double[] distribution(SmoEmotionClassifier m, double[] features) {
        return m.distribution(features);
    }

    /**
     * The SVM evaluator's dot products of a row with every support vector, in the evaluator's loops (the
     * vectors by feature: {@code byFeature[j][s]} is feature {@code j} of vector {@code s}; each sum in index
     * order, as Weka's {@code Kernel.dotProd}), for benchmarks of its layouts.
     *
     * @param byFeature the vectors by feature, as many rows as {@code x} has values, each of the same length
     * @param x the row
     * @return {@code x · v_s} for every vector {@code s}
     * @throws IllegalArgumentException if an argument is null or the shapes disagree
     */
    public static double[] supportVectorDots(double[][] byFeature, double[] x) {
        return SupportVectorMachine.dots(byFeature, x, vectorsOf(byFeature, x));
    }

    /**
     * As {@link #supportVectorDots(double[][], double[])}, the vectors held as floats (the evaluator's storage
     * on Java 21 and later): each value widened to the same double, so the same sums to the bit.
     *
     * @param byFeature the vectors by feature
     * @param x the row
     * @return {@code x · v_s} for every vector {@code s}
     * @throws IllegalArgumentException if an argument is null or the shapes disagree
     */
    public static double[] supportVectorDots(float[][] byFeature, double[] x) {
        return SupportVectorMachine.dots(byFeature, x, vectorsOf(byFeature, x));
    }

    /** The vector count of a by-feature matrix ({@code double[][]} or {@code float[][]}) for the row {@code x}. */
    private static int vectorsOf(Object[] byFeature, double[] x) {
        if (byFeature == null || x == null) {
            throw new IllegalArgumentException("vectors and row must not be null");
        }
        if (byFeature.length != x.length || x.length == 0) {
            throw new IllegalArgumentException("the vectors have " + byFeature.length + " features, the row "
                    + x.length + " values; both must be the same, at least 1");
        }
        int n = -1;
        for (int j = 0; j < byFeature.length; j++) {
            if (byFeature[j] == null) {
                throw new IllegalArgumentException("feature " + j + "'s vector values are null");
            }
            int length = java.lang.reflect.Array.getLength(byFeature[j]);
            if (n < 0) {
                n = length;
            } else if (length != n) {
                throw new IllegalArgumentException("feature " + j + " holds " + length + " vector values, feature 0 " + n);
            }
        }
        return n;
    }

    /**
     * As {@link #distribution(SmoEmotionClassifier, double[])}, an adapted model normalising first with the
     * given speaker statistics (a session's {@link io.github.ser4j.core.SpeakerSession#profile()}).
     *
     * @param m the model
     * @param features the features
     * @param speaker the speaker's statistics so far
     * @return the distribution
     */
    public static double[] distribution(SmoEmotionClassifier m, double[] features, SpeakerProfile speaker) {
        return m.distribution(features, speaker);
    }

    /**
     * The plain z-scores of the row a model's SVM sees for a feature vector (standardised, before any
     * squash; an adapted model normalises with the population priors first, as a session that has heard
     * nothing): what the domain check measures.
     *
     * @param model the model
     * @param features the feature vector of the model's extractor
     * @return the z-scores
     */
    public static double[] standardisedRow(SmoEmotionClassifier model, double[] features) {
        SpeakerNormalization sn = model.provenance().speakerNormalization();
        return model.zScores(features, sn == null ? null : SpeakerProfile.empty(model.featureExtractorId(), sn.dimension()));
    }

    // --- calibration ------------------------------------------------------------------------------------

    /**
     * Mean confidence, ECE ({@value EvaluationReport.ProbabilityScores#ECE_BINS} bins), NLL and Brier score of
     * distributions, as the reports compute them.
     *
     * @param p distributions
     * @param truth true label indices
     * @return the scores
     */
    public static EvaluationReport.ProbabilityScores probabilityScores(double[][] p, int[] truth) {
        return EvaluationReport.ProbabilityScores.of(p, truth);
    }

    /**
     * The trainer's temperature fit (minimum NLL).
     *
     * @param p distributions
     * @param truth true label indices
     * @return the temperature
     */
    public static double fitTemperature(double[][] p, int[] truth) {
        return TemperatureScaling.fit(p, truth);
    }

    /**
     * Scales a distribution by a temperature, as a model with that temperature does.
     *
     * @param p the distribution
     * @param t the temperature
     * @return the scaled distribution
     */
    public static double[] scaled(double[] p, double t) {
        return TemperatureScaling.scale(p, t);
    }

    // --- reference models -------------------------------------------------------------------------------

    /**
     * A model file of the old format (a Java-serialized Weka SMO), converted in memory as {@code convert}
     * does, without writing it: for comparing ser4j's evaluator with Weka's on the same model.
     *
     * @param legacyModelFile the old file; trusted input only (it is deserialised behind the allow-list)
     * @return the model, predicting with ser4j's evaluator
     * @throws IOException if the file cannot be read or converted
     */
    public static EmotionClassifier legacyModel(Path legacyModelFile) throws IOException {
        String what = "model file " + legacyModelFile;
        LegacyModelFile.Legacy legacy = LegacyModelFile.read(
                ModelFile.readBytes(legacyModelFile, LegacyModelFile.MAX_LEGACY_BYTES), what);
        ModelFile.Parts parts = legacy.toParts(what);
        return ModelFile.decode(ModelFile.encode(parts.provenance(), parts.standardizer(), parts.svm()), what,
                ExtractorResolver.DEFAULT);
    }

    /**
     * The given model predicting through Weka's own {@code SMO.distributionForInstance} instead of ser4j's
     * evaluator: the "before" of the prediction benchmark. The Weka SMO comes from the model's old-format
     * file, which must export to exactly the model's SVM, so both compute the same function.
     *
     * @param model a loaded ser4j model, such as the shipped default one
     * @param legacyModelFile the same model in the old format (a Java-serialized Weka SMO)
     * @return the model, predicting through a per-thread Weka copy
     * @throws IOException if the file cannot be read or holds another model
     * @throws IllegalArgumentException if {@code model} is not a ser4j SMO model
     */
    public static EmotionClassifier wekaReference(EmotionClassifier model, Path legacyModelFile) throws IOException {
        if (!(model instanceof SmoEmotionClassifier smo)) {
            throw new IllegalArgumentException("not a ser4j SMO model: " + model);
        }
        String what = "model file " + legacyModelFile;
        LegacyModelFile.Legacy legacy = LegacyModelFile.read(
                ModelFile.readBytes(legacyModelFile, LegacyModelFile.MAX_LEGACY_BYTES), what);
        if (!legacy.toParts(what).svm().equals(smo.svm())) {
            throw new IOException(what + " holds another model than " + model);
        }
        byte[] bytes = WekaSvm.toBytes(legacy.smo());
        int d = smo.svm().dimension();
        ThreadLocal<Object[]> copies = ThreadLocal.withInitial(() -> {
            try {
                return new Object[] {WekaSvm.fromBytes(bytes, what), WekaSvm.header(d, smo.labels())};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return smo.withScorer(row -> {
            Object[] c = copies.get(); // Weka's SMO keeps scratch state while it predicts: one copy per thread
            return WekaSvm.distribution((SMO) c[0], (Instances) c[1], row);
        });
    }

    // --- server -----------------------------------------------------------------------------------------

    /** A {@code ser4j serve} server running in this process; closing it stops it. */
    public interface Server extends AutoCloseable {
        /**
         * The server's base address.
         *
         * @return {@code http://127.0.0.1:port}
         */
        URI uri();

        /**
         * The request slots (prediction workers plus queue) before the server answers 503.
         *
         * @return workers + queue
         */
        int capacity();

        /** Stops the server and its workers. */
        @Override
        void close();
    }

    /**
     * Starts {@code ser4j serve} in this process on a free loopback port (127.0.0.1) with the pretrained
     * model and {@code serve}'s default limits for this many workers, so a load test can measure the heap of
     * the process that serves. Needs Javalin on the class path (an optional dependency of ser-models).
     *
     * @param threads prediction workers
     * @return the running server
     * @throws IOException if the model or the page cannot be loaded
     */
    public static Server startServer(int threads) throws IOException {
        EmotionServer s = EmotionServer.start(Ser4jClassifierProvider.loadPaired(ExtractorResolver.DEFAULT),
                "pretrained", ServerSettings.defaults(threads).withPort(0));
        return new Server() {
            @Override
            public URI uri() {
                return s.uri();
            }

            @Override
            public int capacity() {
                return s.workQueue().capacity();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    // --- reporting --------------------------------------------------------------------------------------

    /**
     * The ser4j and Weka versions the library records in its model files.
     *
     * @return {@code {ser4j, weka}}
     */
    public static String[] versions() {
        return new String[] {Versions.SER4J, Versions.WEKA};
    }

    /**
     * A report's per-class metrics as the JSON objects {@link EvaluationReport#toJson()} writes.
     *
     * @param report the report
     * @return a list of maps with {@code label}, {@code precision}, {@code recall}, {@code f1}, {@code support}
     */
    public static List<Object> perClassJson(EvaluationReport report) {
        return EvaluationReport.perClassJson(report.perClass());
    }

    /**
     * Parses JSON with the library's reader (the one that reads model files' provenance and its own reports).
     *
     * @param text the text
     * @return maps, lists, strings, numbers, booleans or null
     * @throws IllegalArgumentException if the text is not JSON, naming the position
     */
    public static Object parseJson(String text) {
        return Json.parse(text);
    }

    /**
     * Appends a string as a JSON string literal with the escaping of the library's own JSON writer.
     *
     * @param sb the builder
     * @param s the string
     */
    public static void appendJsonString(StringBuilder sb, String s) {
        Json.quote(sb, s);
    }
}
