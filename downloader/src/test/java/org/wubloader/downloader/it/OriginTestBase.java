package org.wubloader.downloader.it;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh local origin per test and the downloader under test ({@link #harness}, set by the test),
 * both shut down afterwards: the set-up every downloader integration test shares.
 */
abstract class OriginTestBase {
    Vertx originVertx;
    TestOrigin origin;
    Harness harness;

    @BeforeEach
    void startOrigin() throws Exception {
        originVertx = Vertx.vertx();
        origin = TestOrigin.start(originVertx);
    }

    @AfterEach
    void stopHarnessAndOrigin() throws Exception {
        if (harness != null) {
            harness.close();
        }
        origin.close();
        originVertx.close().await(10, TimeUnit.SECONDS);
    }
}
