package org.wubloader.common.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code -V/--version} prints for every service and command: the project version, filled in
 * by the build (common's {@code version.properties}), and the Java runtime.
 */
public final class Version implements IVersionProvider {
    @Spec
    CommandSpec spec;

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String project() {
        try (InputStream in = Version.class.getResourceAsStream("/org/wubloader/common/version.properties")) {
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

    /** One line: {@code wubloader-jvm VERSION NAME (Java …)}. */
    public static String line(String name) {
        return "wubloader-jvm " + project() + (name == null || name.isEmpty() ? "" : " " + name)
                + " (Java " + Runtime.version() + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {line(spec == null ? null : spec.qualifiedName())};
    }

    /** {@code bin/wubloader --version}. */
    public static void main(String[] args) {
        System.out.println(line(null));
    }
}
