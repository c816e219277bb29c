package org.wubloader.common.process;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What {@code -V/--version} prints for every service and command ({@link ProjectVersion}). */
public final class Version implements IVersionProvider {
    @Spec
    CommandSpec spec;

    public static String project() {
        return ProjectVersion.project();
    }

    @Override
    public String[] getVersion() {
        return new String[] {ProjectVersion.line(spec == null ? null : spec.qualifiedName())};
    }
}
