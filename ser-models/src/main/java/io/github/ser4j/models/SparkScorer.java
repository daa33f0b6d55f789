package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.StreamSettings;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Scores audio files on Apache Spark 3.5: reads them with Spark's {@code binaryFile} source (recursively,
 * the extensions {@link AudioClip#readableExtensions()} names) and scores each with the pretrained model,
 * loaded once per executor JVM and shared by all its tasks. The rows are the records of the command line
 * ({@link ResultRecords}), as {@code predict}'s and {@code timeline}'s CSV files hold them:
 * <ul>
 *   <li>{@link #score}: one row per file (per channel with {@code perChannel}) with the columns of
 *   {@link #SCHEMA}: {@code path}, {@code channel} and {@code channels} (null: the channels mixed to mono),
 *   {@code emotion} ({@code no-speech} for a clip without speech, with the reason in {@code no_speech};
 *   {@code out-of-domain} for speech far outside the training data, described in {@code out_of_domain}),
 *   {@code confidence}, one probability column per emotion, {@code voiced_s}, {@code no_speech},
 *   {@code out_of_domain} and {@code error} (null unless the file could not be scored; then the others are
 *   null). Equal to {@code ser4j predict [--per-channel]} for the same bytes.</li>
 *   <li>{@link #timeline}: the emotion timeline of recordings of any length, read a block at a time
 *   through Hadoop's file system (never a whole file in memory, no 600 s clip limit): the rows of
 *   {@link #TIMELINE_SCHEMA}, one per stream event ({@code start_s}, {@code end_s}, {@code emotion},
 *   {@code confidence}, probabilities, {@code segment_end}), then one closing row per file (per channel)
 *   whose {@code events} counts them, or an {@code error} row where a file failed. Equal to
 *   {@code ser4j timeline [--per-channel]} with the default stream settings; a file's rows are consecutive
 *   and in its timeline's order.</li>
 * </ul>
 *
 * <p>Spark is a {@code provided} dependency: it comes from the cluster, never from ser4j. Run
 * {@code spark-submit --class io.github.ser4j.models.SparkScorer ser4j.jar INPUT OUTPUT [--per-channel]
 * [--timeline]}.
 *
 * <p>Thread-safety: stateless apart from the per-JVM classifier, which is thread-safe.
 */
@Command(name = "SparkScorer", mixinStandardHelpOptions = true,
        description = "Scores every audio file under INPUT on Spark and writes one row per file (with --timeline one "
                + "per stream event and one closing row per file) to OUTPUT.")
public final class SparkScorer implements Callable<Integer> {

    /** The rows' columns of {@link #score}. */
    public static final StructType SCHEMA = schema(ResultRecords.perChannelColumns(List.of(Emotion.values())));
    /** The rows' columns of {@link #timeline}. */
    public static final StructType TIMELINE_SCHEMA = schema(
            ResultRecords.withChannelColumns(ResultRecords.timelineColumns(List.of(Emotion.values()))));

    private static final Object LOCK = new Object();
    private static volatile EmotionClassifier shared;

    @Parameters(index = "0", paramLabel = "INPUT", description = "a folder (or file, or glob) Spark can read")
    String input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "the output folder (must not exist)")
    String output;

    @Option(names = "--format", paramLabel = "parquet|csv|json", defaultValue = "parquet",
            description = "output format (default ${DEFAULT-VALUE})")
    String format;

    @Mixin
    PerChannelOption channels;

    @Option(names = "--timeline", description = "the emotion timeline of each file (recordings of any length) "
            + "instead of one prediction per file")
    boolean timeline;

    private SparkScorer() {
    }

    /** A column's Spark type, by the vocabulary's name. */
    private static DataType type(String column) {
        return switch (column) {
            case ResultRecords.CHANNEL, ResultRecords.CHANNELS, ResultRecords.EVENTS -> DataTypes.IntegerType;
            case ResultRecords.PATH, ResultRecords.EMOTION, ResultRecords.NO_SPEECH, ResultRecords.OUT_OF_DOMAIN,
                    ResultRecords.ERROR -> DataTypes.StringType;
            case ResultRecords.SEGMENT_END -> DataTypes.BooleanType;
            default -> DataTypes.DoubleType; // seconds, confidence, probabilities
        };
    }

    private static StructType schema(List<String> columns) {
        List<StructField> f = new ArrayList<>();
        for (String c : columns) {
            f.add(DataTypes.createStructField(c, type(c), !c.equals(ResultRecords.PATH)));
        }
        f.add(DataTypes.createStructField(ResultRecords.ERROR, DataTypes.StringType, true));
        return DataTypes.createStructType(f);
    }

    /**
     * The scored files under {@code input}, the channels mixed to mono: {@code score(spark, input, false)}.
     *
     * @param spark the session
     * @param input a path Spark's {@code binaryFile} source reads (a folder is read recursively)
     * @return the rows of {@link #SCHEMA}, lazily computed
     */
    public static Dataset<Row> score(SparkSession spark, String input) {
        return score(spark, input, false);
    }

    /**
     * The scored files under {@code input}: one row per readable file, or per channel of each, in no
     * particular order (a file's channels are consecutive, in channel order).
     *
     * @param spark the session
     * @param input a path Spark's {@code binaryFile} source reads (a folder is read recursively)
     * @param perChannel one row per channel (0 = left), each channel scored on its own
     * @return the rows of {@link #SCHEMA}, lazily computed
     */
    public static Dataset<Row> score(SparkSession spark, String input, boolean perChannel) {
        Dataset<Row> files = audioFiles(spark, input, "content");
        return files.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> flatMap(rows, f -> {
            String path = f.getString(0);
            ByteArrayInputStream content = new ByteArrayInputStream((byte[]) f.get(1));
            EmotionClassifier classifier = classifier();
            return (perChannel ? ResultRecords.channelPredictions(path, AudioClip.readChannels(content, path), classifier)
                    : List.of(ResultRecords.prediction(path, classifier.predict(AudioClip.read(content))))).iterator();
        }, SCHEMA), Encoders.row(SCHEMA));
    }

    /**
     * The emotion timelines of the files under {@code input}, each read incrementally from Spark's file
     * system (bounded memory however long the recording), with the default stream settings.
     *
     * @param spark the session
     * @param input a path Spark's {@code binaryFile} source lists (a folder is read recursively)
     * @param perChannel one stream per channel (0 = left), the rows carrying {@code channel} and {@code channels}
     * @return the rows of {@link #TIMELINE_SCHEMA}, lazily computed
     */
    public static Dataset<Row> timeline(SparkSession spark, String input, boolean perChannel) {
        Dataset<Row> files = audioFiles(spark, input); // no content column: binaryFile reads no bytes
        // the driver's Hadoop settings (file systems, credentials), for opening the files on the executors
        HashMap<String, String> hadoop = new HashMap<>();
        spark.sparkContext().hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
        Broadcast<HashMap<String, String>> conf = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(hadoop);
        return files.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            Configuration c = new Configuration(false);
            conf.value().forEach(c::set);
            return flatMap(rows, f -> {
                String path = f.getString(0);
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
                TimelineRecords records = new TimelineRecords(path, AudioClip.open(p.getFileSystem(c).open(p), path),
                        classifier(), StreamSettings.defaults(), perChannel);
                return records;
            }, TIMELINE_SCHEMA);
        }, Encoders.row(TIMELINE_SCHEMA));
    }

    /**
     * The readable files' paths and these columns. Selected before the (typed) filter: a filter on whole rows
     * would make {@code binaryFile} load every file's content, even when only the path is used.
     */
    private static Dataset<Row> audioFiles(SparkSession spark, String input, String... columns) {
        return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(input)
                .select("path", columns)
                .filter((FilterFunction<Row>) r -> readable(r.getString(0)));
    }

    private static boolean readable(String uri) {
        return BatchInputs.readable(Path.of(uri.substring(uri.lastIndexOf('/') + 1)));
    }

    /** Scores one file: its records, in order (an iterator that may fail part way, then is closed). */
    interface FileScorer {
        Iterator<Map<String, Object>> records(Row file) throws IOException;
    }

    /**
     * The rows of every file of a partition, one file's records at a time, as they are pulled: a file that
     * fails (at its start or part way) ends with one {@code error} row and the partition goes on. Each
     * file's records are closed (if they are {@link Closeable}) once read, or when the task ends.
     */
    static Iterator<Row> flatMap(Iterator<Row> files, FileScorer scorer, StructType schema) {
        return new Iterator<>() {
            private Iterator<Map<String, Object>> current;
            private String path;
            private Row next;

            {
                TaskContext task = TaskContext.get();
                if (task != null) { // a task killed part way through a file closes the file too
                    task.addTaskCompletionListener((TaskCompletionListener) t -> closeQuietly(current));
                }
            }

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (current != null) {
                        try {
                            if (current.hasNext()) {
                                next = row(schema, current.next());
                                break;
                            }
                        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                            next = row(schema, error(path, e));
                        }
                        closeQuietly(current);
                        current = null;
                        continue;
                    }
                    if (!files.hasNext()) {
                        return false;
                    }
                    Row f = files.next();
                    path = f.getString(0);
                    try {
                        current = scorer.records(f);
                    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                        next = row(schema, error(path, e));
                    }
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }
        };
    }

    /** The command line's error record: the message, led by the path unless it names it already. */
    private static Map<String, Object> error(String path, Exception e) {
        String message = Main.oneLine(e.getMessage());
        return ResultRecords.error(path, message.contains(path) ? message : path + ": " + message);
    }

    private static void closeQuietly(Object records) {
        if (records instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // the file was read to its end or failed already; nothing is lost
            }
        }
    }

    /** A record as a row of {@code schema}: each column's flat-table value, typed as the column. */
    static Row row(StructType schema, Map<String, Object> record) {
        Object[] v = new Object[schema.size()];
        StructField[] fields = schema.fields();
        for (int i = 0; i < v.length; i++) {
            Object x = ResultRecords.flatValue(record, fields[i].name());
            DataType t = fields[i].dataType();
            if (x instanceof Number n) {
                x = t.equals(DataTypes.IntegerType) ? (Object) n.intValue() : (Object) n.doubleValue();
            }
            v[i] = x;
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

    /**
     * Why Spark 3.5 cannot start on a Java of this feature release, or null when it can. Its Hadoop 3.3 client
     * reads the current user with {@code Subject.getSubject}, which Java 23 supports only with
     * {@code -Djava.security.manager=allow} and Java 24 and later not at all (HADOOP-19212), so without this
     * check the command would end in Hadoop's {@code UnsupportedOperationException} from inside
     * {@code SparkContext}.
     *
     * @param feature the Java feature release ({@code Runtime.version().feature()})
     * @param securityManager the {@code java.security.manager} system property, or null
     */
    static String unsupportedJava(int feature, String securityManager) {
        if (feature <= 22 || feature == 23 && "allow".equals(securityManager)) {
            return null;
        }
        return "Spark 3.5 runs on Java 17 to 22 (23 with -Djava.security.manager=allow), not on Java " + feature
                + ": its Hadoop client calls Subject.getSubject, which Java " + feature
                + (feature == 23 ? " supports only with that option" : " no longer supports");
    }

    @Override
    public Integer call() {
        String unsupported = unsupportedJava(Runtime.version().feature(), System.getProperty("java.security.manager"));
        if (unsupported != null) {
            System.err.println("ser4j: " + unsupported);
            return 1;
        }
        SparkSession spark = SparkSession.builder().appName("ser4j scoring").getOrCreate();
        try {
            (timeline ? timeline(spark, input, channels.perChannel) : score(spark, input, channels.perChannel))
                    .write().format(format).option("header", "true").save(output);
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * The {@code spark-submit} entry point.
     *
     * @param args INPUT OUTPUT [--format parquet|csv|json] [--per-channel] [--timeline]
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkScorer()).setSeparator(" ").execute(args));
    }
}
