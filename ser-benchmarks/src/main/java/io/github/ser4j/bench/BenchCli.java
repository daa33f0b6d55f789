package io.github.ser4j.bench;

import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Runs a harness main's picocli command the way {@code ser4j} runs its own: generated help, typed
 * values, exit status 0 done, 1 failure (one line on stderr), 2 usage error.
 *
 * <p>Thread-safety: stateless.
 */
final class BenchCli {

    private BenchCli() {
    }

    /** Executes {@code command} on {@code args} and exits the JVM with its status. */
    static void exit(Object command, String[] args) {
        System.exit(execute(command, args, System.err));
    }

    /** Executes {@code command} on {@code args}; failures go to {@code err} as one line. */
    static int execute(Object command, String[] args, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        cl.setSeparator(" ");
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            err.println(c.getCommandName() + ": failed: " + ex);
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl.execute(args);
    }
}
