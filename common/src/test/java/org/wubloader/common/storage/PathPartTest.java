package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathPartTest {
    @Test
    void namesThatCouldEscapeOrHideAreUnsafe() {
        assertThat(PathPart.isSafe("00:00.000000-2.0-full-x.ts")).isTrue();
        for (String bad : new String[] {"", ".", "..", ".hidden", "a/b", "a\\b", "a\0b"}) {
            assertThat(PathPart.isSafe(bad)).as(bad).isFalse();
        }
    }

    @Test
    void eachRefusalSaysWhy() {
        assertThat(PathPart.problem("")).isEqualTo(PathPart.Problem.EMPTY);
        assertThat(PathPart.problem("..")).isEqualTo(PathPart.Problem.HIDDEN);
        assertThat(PathPart.problem("a\\b")).isEqualTo(PathPart.Problem.SEPARATOR);
        assertThat(PathPart.problem("a\0b")).isEqualTo(PathPart.Problem.SEPARATOR);
        assertThat(PathPart.problem("chan")).isNull();
    }

    @Test
    void relativePathsAreSafeOnlyIfEveryPartIs() {
        assertThat(PathPart.isSafeRelative("emotes/2019/a.png")).isTrue();
        for (String bad : new String[] {"", "/abs", "a//b", "a/", "a/../b", "a/.cache/x", "a\\..\\b", "a/b\0"}) {
            assertThat(PathPart.isSafeRelative(bad)).as(bad).isFalse();
        }
    }
}
