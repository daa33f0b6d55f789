package io.github.ser4j.models;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Typed option values of the command line with messages that say what was expected; picocli prefixes
 * them with the option ("Invalid value for option '--C' (LIST): ...").
 *
 * <p>Thread-safety: stateless.
 */
final class CliConverters {

    private CliConverters() {
    }

    /** A positive finite number (SVM C, gamma, exponent). */
    static final class Positive implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = number(value, "a positive number");
            if (!(d > 0)) {
                throw new TypeConversionException("'" + value + "' is not a positive number");
            }
            return d;
        }
    }

    /** A finite number of at least 0 (shrinkage weights). */
    static final class NonNegative implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = number(value, "a number of at least 0");
            if (!(d >= 0)) {
                throw new TypeConversionException("'" + value + "' is not a number of at least 0");
            }
            return d;
        }
    }

    /** A finite number of seconds (range checks belong to the settings they go into). */
    static final class Seconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return number(value, "a number of seconds");
        }
    }

    private static double number(String value, String what) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("'" + value + "' is not " + what);
    }
}
