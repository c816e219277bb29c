package org.wubloader.restreamer.cut;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.restreamer.editor.ImageService;

/** Each custom transition, drawn by the installed ffmpeg between red and blue. */
class CustomTransitionsTest {
    /** The share of blue (incoming) pixels in frame {@code n} of a 1 s transition starting at 0.5 s. */
    private static double blueShare(String type, int frame) throws Exception {
        String graph = "[0:v][1:v]xfade=" + CustomTransitions.xfadeOptions(type) + ":duration=1:offset=0.5,"
                + "select='eq(n\\," + frame + ")'";
        byte[] png = TransitionCutHttpTest.run(TestMedia.ffmpegCommand(
                TestMedia.lavfi("color=red:s=160x90:r=25:d=2"),
                TestMedia.lavfi("color=blue:s=160x90:r=25:d=2"),
                List.of("-filter_complex", graph),
                ImageService.ONE_PNG_FRAME));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb & 0xff) > ((rgb >> 16) & 0xff)) {
                    blue++;
                }
            }
        }
        return blue / (double) (image.getWidth() * image.getHeight());
    }

    @Test
    void eachCustomTransitionGrowsTheIncomingPictureOverItsDuration() throws Exception {
        for (String type : CustomTransitions.NAMES) {
            List<Double> shares = new ArrayList<>();
            for (int frame : new int[] {14, 19, 25, 31, 36}) { // 0.56 … 1.44 s: inside the transition
                shares.add(blueShare(type, frame));
            }
            assertThat(shares.get(0)).as(type + " starts mostly red").isLessThan(0.2);
            assertThat(shares.get(4)).as(type + " ends mostly blue").isGreaterThan(0.8);
            assertThat(shares.get(2)).as(type + " mixes halfway").isBetween(0.2, 0.8);
            assertThat(shares).as(type).isSorted();
            assertThat(shares.get(4)).isGreaterThan(shares.get(0));
        }
    }
}
