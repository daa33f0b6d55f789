package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.Prediction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Scores audio files on Apache Spark 3.5: reads them with Spark's {@code binaryFile} source (recursively,
 * the extensions {@link AudioClip#readableExtensions()} names) and predicts each with the pretrained
 * model, loaded once per executor JVM and shared by all its tasks. One row per file with the columns of
 * {@link #SCHEMA}: {@code path}, {@code channel} (null: the channels mixed to mono, as {@code predict}
 * does), {@code emotion}, {@code confidence}, one probability column per emotion and {@code error} (null
 * unless the file could not be scored; then the others are null). The same bytes give the same numbers
 * as {@code ser4j predict}.
 *
 * <p>Spark is a {@code provided} dependency: it comes from the cluster, never from ser4j. Run
 * {@code spark-submit --class io.github.ser4j.models.SparkScorer ser4j.jar INPUT OUTPUT}.
 *
 * <p>Thread-safety: stateless apart from the per-JVM classifier, which is thread-safe.
 */
@Command(name = "SparkScorer", mixinStandardHelpOptions = true,
        description = "Scores every audio file under INPUT on Spark and writes one row per file to OUTPUT.")
public final class SparkScorer implements Callable<Integer> {

    /** The rows' columns. */
    public static final StructType SCHEMA = schema();

    private static final Object LOCK = new Object();
    private static volatile EmotionClassifier shared;

    @Parameters(index = "0", paramLabel = "INPUT", description = "a folder (or file, or glob) Spark can read")
    String input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "the output folder (must not exist)")
    String output;

    @Option(names = "--format", paramLabel = "parquet|csv|json", defaultValue = "parquet",
            description = "output format (default ${DEFAULT-VALUE})")
    String format;

    private SparkScorer() {
    }

    private static StructType schema() {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField(ResultRecords.PATH, DataTypes.StringType, false),
                DataTypes.createStructField("channel", DataTypes.IntegerType, true),
                DataTypes.createStructField(ResultRecords.EMOTION, DataTypes.StringType, true),
                DataTypes.createStructField(ResultRecords.CONFIDENCE, DataTypes.DoubleType, true)));
        for (Emotion e : Emotion.values()) {
            f.add(DataTypes.createStructField(e.word(), DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField(ResultRecords.ERROR, DataTypes.StringType, true));
        return DataTypes.createStructType(f);
    }

    /**
     * The scored files under {@code input}: one row per readable file, in no particular order.
     *
     * @param spark the session
     * @param input a path Spark's {@code binaryFile} source reads (a folder is read recursively)
     * @return the rows, lazily computed
     */
    public static Dataset<Row> score(SparkSession spark, String input) {
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(input)
                .select("path", "content")
                .filter((FilterFunction<Row>) r -> readable(r.getString(0)));
        return files.mapPartitions((MapPartitionsFunction<Row, Row>) SparkScorer::scorePartition, Encoders.row(SCHEMA));
    }

    private static boolean readable(String uri) {
        return BatchInputs.readable(Path.of(uri.substring(uri.lastIndexOf('/') + 1)));
    }

    private static Iterator<Row> scorePartition(Iterator<Row> files) {
        EmotionClassifier classifier = classifier();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Row next() {
                Row f = files.next();
                return row(classifier, f.getString(0), (byte[]) f.get(1));
            }
        };
    }

    /** One file's row. */
    static Row row(EmotionClassifier classifier, String path, byte[] content) {
        Object[] v = new Object[SCHEMA.size()];
        v[0] = path;
        try {
            Prediction p = classifier.predict(AudioClip.read(new ByteArrayInputStream(content)));
            if (p.hasSpeech()) { // no speech: emotion, confidence and probabilities stay null
                v[2] = p.emotion().word();
                v[3] = p.confidence();
                for (Emotion e : Emotion.values()) {
                    v[4 + e.ordinal()] = p.probabilityOf(e);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            v[v.length - 1] = path + ": " + Main.oneLine(e.getMessage());
        }
        return RowFactory.create(v);
    }

    /** The executor JVM's classifier, loaded on first use. */
    static EmotionClassifier classifier() {
        EmotionClassifier c = shared;
        if (c == null) {
            synchronized (LOCK) {
                c = shared;
                if (c == null) {
                    c = EmotionClassifier.load();
                    shared = c;
                }
            }
        }
        return c;
    }

    @Override
    public Integer call() {
        SparkSession spark = SparkSession.builder().appName("ser4j scoring").getOrCreate();
        try {
            score(spark, input).write().format(format).option("header", "true").save(output);
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * The {@code spark-submit} entry point.
     *
     * @param args INPUT OUTPUT [--format parquet|csv|json]
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkScorer()).setSeparator(" ").execute(args));
    }
}
