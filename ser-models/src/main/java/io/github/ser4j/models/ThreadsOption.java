package io.github.ser4j.models;

import picocli.CommandLine.Option;

/**
 * {@code --threads N} (a picocli mixin): worker threads, by default every available processor.
 *
 * <p>Thread-safety: set once by the parser, then read only.
 */
final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N",
            description = "worker threads, sharing one model (default: available processors)")
    Integer threads;

    /** The given count (at least 1; else a usage error of {@code command}) or every available processor. */
    int count(CliCommand command) {
        return threads == null ? Runtime.getRuntime().availableProcessors() : command.atLeast("--threads", threads, 1);
    }
}
