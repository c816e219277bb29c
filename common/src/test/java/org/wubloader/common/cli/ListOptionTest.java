package org.wubloader.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListOptionTest {
    @Test
    void itemsAreTrimmedAndEmptiesDropped() {
        assertThat(ListOption.split("source, 480p ,,720p60,")).containsExactly("source", "480p", "720p60");
        assertThat(ListOption.split("a b\tc")).containsExactly("a", "b", "c");
    }

    @Test
    void duplicatesAreDroppedKeepingTheFirstOrder() {
        assertThat(ListOption.split("720p,source,720p")).containsExactly("720p", "source");
        assertThat(ListOption.split(List.of("a,b", " b", "c"))).containsExactly("a", "b", "c");
    }

    @Test
    void nothingGivenIsTheEmptyList() {
        assertThat(ListOption.split((String) null)).isEmpty();
        assertThat(ListOption.split("")).isEmpty();
        assertThat(ListOption.split(" , ")).isEmpty();
        assertThat(ListOption.split(Arrays.asList((String) null))).isEmpty();
    }
}
