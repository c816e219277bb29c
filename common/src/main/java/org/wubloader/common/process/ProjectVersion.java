package org.wubloader.common.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The project version, filled in by the build (common's {@code version.properties}). Plain JDK
 * only, so that {@code bin/wubloader --version} can run it from common's classes alone.
 */
public final class ProjectVersion {
    private ProjectVersion() {}

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String project() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("/org/wubloader/common/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line: {@code wubloader-jvm VERSION [NAME] (Java …)}. */
    public static String line(String name) {
        return "wubloader-jvm " + project() + (name == null || name.isEmpty() ? "" : " " + name) + " (Java "
                + Runtime.version() + ")";
    }

    /** {@code bin/wubloader --version}. */
    public static void main(String[] args) {
        System.out.println(line(args.length > 0 ? args[0] : null));
    }
}
