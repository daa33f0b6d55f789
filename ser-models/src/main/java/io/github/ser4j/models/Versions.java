package io.github.ser4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The ser4j and Weka versions recorded in model files. */
final class Versions {

    static final String SER4J = readSer4j();
    static final String WEKA = weka.core.Version.VERSION;

    private Versions() {
    }

    private static String readSer4j() {
        try (InputStream in = Versions.class.getResourceAsStream("ser4j-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
