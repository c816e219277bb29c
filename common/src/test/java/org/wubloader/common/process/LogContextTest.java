package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
    @Test
    @SuppressWarnings("try") // the LogContext is used for its scope only
    void fieldsAreSetForTheScopeAndWhatWasThereBeforeComesBack() {
        MDC.put("peer", "http://a:8000");
        try (LogContext outer = LogContext.of("channel", "desertbus", "quality", "source")) {
            assertThat(MDC.get("channel")).isEqualTo("desertbus");
            try (LogContext inner = LogContext.of("channel", "other", "hour", "2019-11-13T02", "quality", null)) {
                assertThat(MDC.get("channel")).isEqualTo("other");
                assertThat(MDC.get("hour")).isEqualTo("2019-11-13T02");
                assertThat(MDC.get("quality")).isNull();
            }
            assertThat(MDC.get("channel")).isEqualTo("desertbus");
            assertThat(MDC.get("quality")).isEqualTo("source");
            assertThat(MDC.get("hour")).isNull();
        }
        assertThat(MDC.get("channel")).isNull();
        assertThat(MDC.get("peer")).isEqualTo("http://a:8000");
        MDC.clear();
    }
}
