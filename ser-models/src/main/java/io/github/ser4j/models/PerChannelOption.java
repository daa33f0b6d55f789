package io.github.ser4j.models;

import picocli.CommandLine.Option;

/**
 * {@code --per-channel} (a picocli mixin of {@code predict}, {@code stream}, {@code timeline} and the Spark
 * job): one result per channel of a file, each channel scored as a recording of its own, instead of one
 * result for the channels mixed to mono. The records then carry {@link ResultRecords#CHANNEL} (0 = left)
 * and {@link ResultRecords#CHANNELS}; a mono file is channel 0 of 1.
 *
 * <p>Thread-safety: set once by the parser, then read only.
 */
final class PerChannelOption {

    @Option(names = "--per-channel",
            description = "one result per channel (0 = left) instead of one for the channels mixed to mono: "
                    + "a call recorded with one speaker per channel")
    boolean perChannel;
}
