package io.github.ser4j.models;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code ser4j} command line, on picocli: {@code predict}, {@code evaluate}, {@code train},
 * {@code features}, {@code stream} and the others of {@link #SUBCOMMANDS}. Run
 * {@code java -jar ser4j.jar --help}. Exit status 0 on success, 1 on an error (one line on stderr),
 * 2 on a usage error (the message and the command's help on stderr).
 *
 * <p>Thread-safety: {@link #main} is meant to be called once per process; {@link #run} builds a fresh
 * command tree per call.
 */
public final class Main {

    /**
     * The subcommands, in the order {@code --help} lists them: the one place a new command is
     * registered. Each is a picocli {@code @Command} class with a no-argument constructor; those that
     * extend {@link CliCommand} get the output streams and seams of the run.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            PredictCommand.class,
            TimelineCommand.class,
            StreamCommand.class,
            EvaluateCommand.class,
            TrainCommand.class,
            FeaturesCommand.class,
            ServeCommand.class,
            TrainingHashesCommand.class,
            ConvertCommand.class,
            CommandLine.HelpCommand.class);

    private Main() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, ExtractorResolver.DEFAULT));
    }

    static int run(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver) {
        return run(args, new CliCommand.Context(out, err, resolver, StreamCommand.DEFAULT_MICROPHONE));
    }

    static int run(String[] args, CliCommand.Context context) {
        CommandLine cl = commandLine(context);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // a heap set too small for the models (they need about 48 MB with the CLI): one line, not a stack
            // trace; what a prediction needs beyond that is checked before extracting (README, "Heap per clip length")
            context.err().println(String.format(java.util.Locale.ROOT, "ser4j: out of memory: this JVM may use at "
                    + "most %d MB of heap, and loading the model and predicting need about 48 MB or more: raise -Xmx",
                    Runtime.getRuntime().maxMemory() >> 20));
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** The command tree of one run, its streams and error handling set. */
    static CommandLine commandLine(CliCommand.Context context) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = CommandLine.defaultFactory().create(cls);
                if (k instanceof CliCommand c) {
                    c.context(context);
                }
                return k;
            }
        };
        CommandLine root = new CommandLine(new Root(), factory);
        for (Class<?> c : SUBCOMMANDS) {
            root.addSubcommand(c);
        }
        Version version = new Version();
        root.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        // Set after the subcommands are added: these setters apply to the whole tree.
        root.setSeparator(" "); // help shows "--model FILE"; "--model=FILE" parses too
        root.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        root.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        root.setParameterExceptionHandler((ex, args) -> usageError(ex, root, context.err()));
        root.setExecutionExceptionHandler((ex, cl, parseResult) -> failure(ex, cl, context.err()));
        return root;
    }

    /** A usage error: one line naming the problem, then the command's help; status 2. */
    private static int usageError(ParameterException ex, CommandLine root, PrintStream err) {
        CommandLine cl = ex.getCommandLine();
        String message = ex.getMessage();
        if (cl == root && ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        err.println(prefix(cl) + oneLine(message));
        cl.usage(err);
        return CommandLine.ExitCode.USAGE;
    }

    /** A failure while running: one line on stderr, never a stack trace; status 1. */
    private static int failure(Exception ex, CommandLine cl, PrintStream err) {
        if (ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException) {
            err.println(prefix(cl) + oneLine(ex.getMessage()));
        } else {
            err.println(prefix(cl) + "internal error: " + oneLine(String.valueOf(ex)));
        }
        return CommandLine.ExitCode.SOFTWARE;
    }

    private static String prefix(CommandLine cl) {
        return cl.getParent() == null ? "ser4j: " : "ser4j " + cl.getCommandName() + ": ";
    }

    static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Weka's package manager prints a warning about absent optional matrix libraries to
     * System.out when first touched, which would corrupt our output; let that happen on stderr.
     */
    static void quietWekaInit() {
        PrintStream stdout = System.out;
        synchronized (Main.class) {
            try {
                System.setOut(System.err);
                Class.forName("weka.core.Capabilities");
            } catch (ClassNotFoundException | LinkageError e) {
                // training reports the real problem if Weka is unusable
            } finally {
                System.setOut(stdout);
            }
        }
    }

    /** The root command: without a subcommand it is a usage error. */
    @Command(name = "ser4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisSubcommandLabel = "COMMAND",
            description = "Speech emotion recognition: which of eight emotions a voice carries, with a probability for each.",
            footer = "Run 'ser4j COMMAND --help' for a command's options. Exit status: 0 ok, 1 failure, 2 usage error.")
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "no command given");
        }
    }

    /** {@code --version}: ser4j's, Weka's and the Java runtime's versions (those a model file records). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "ser4j " + Versions.SER4J,
                "Weka " + Versions.WEKA,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
