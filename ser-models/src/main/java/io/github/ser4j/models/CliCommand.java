package io.github.ser4j.models;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of the {@code ser4j} subcommands: gives a command its output streams, the extractor resolver and
 * the microphone seam (set by {@link Main}'s factory, so tests run commands without a sound card or the
 * real registry), and turns a cross-option problem into a usage error (exit status 2).
 *
 * <p>A new subcommand is a picocli {@code @Command} class extending this one (or any picocli command
 * class), registered in {@link Main#SUBCOMMANDS}; its {@link #call} returns the exit status, and
 * exceptions it throws become one line on stderr and status 1 (see {@link Main}).
 *
 * <p>Thread-safety: one instance per run, confined to the thread that runs it.
 */
abstract class CliCommand implements Callable<Integer> {

    /**
     * What a command reads and writes beyond its arguments.
     *
     * @param out standard output
     * @param err standard error (progress, warnings and error lines)
     * @param resolver rebuilds feature extractors of model files
     * @param microphone opens the capture line of {@code stream --mic}
     */
    record Context(PrintStream out, PrintStream err, ExtractorResolver resolver, StreamCommand.Microphone microphone) {
    }

    @Spec
    CommandSpec spec;

    private Context context;

    final void context(Context c) {
        this.context = c;
    }

    final PrintStream out() {
        return context.out();
    }

    final PrintStream err() {
        return context.err();
    }

    final ExtractorResolver resolver() {
        return context.resolver();
    }

    final StreamCommand.Microphone microphone() {
        return context.microphone();
    }

    /** A usage error of this command: {@link Main} prints it with the command's help and exits 2. */
    final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Whether an option was given on the command line (rather than defaulted). */
    final boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** {@code value}, or a usage error naming {@code option} if it is below {@code min}. */
    final int atLeast(String option, int value, int min) {
        if (value < min) {
            throw usage(option + " must be at least " + min + ", got " + value);
        }
        return value;
    }
}
