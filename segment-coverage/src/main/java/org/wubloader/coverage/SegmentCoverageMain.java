package org.wubloader.coverage;

/**
 * The segment-coverage service (SPEC-downloader-coverage.md §7) is not built yet. This main says
 * so instead of pretending to work, so a deployment that starts it fails loudly.
 */
public final class SegmentCoverageMain {
    private SegmentCoverageMain() {}

    public static void main(String[] args) {
        System.err.println("segment-coverage is not implemented yet in wubloader-jvm; "
                + "see README.md (run the original's segment-coverage meanwhile).");
        System.exit(3);
    }
}
