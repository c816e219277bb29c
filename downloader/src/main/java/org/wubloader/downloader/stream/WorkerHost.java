package org.wubloader.downloader.stream;

/** What a worker tells its streams manager. Called on the channel's context. */
interface WorkerHost {
    /** The worker wants a replacement; never blocks the caller. */
    void requestNewWorker(StreamWorker worker, String reason);

    /** The worker has seen a real (non-ad) segment: older workers of its quality may stand down. */
    void working(StreamWorker worker);

    /** The worker has stopped and all its getters are idle. */
    void workerDone(StreamWorker worker);
}
