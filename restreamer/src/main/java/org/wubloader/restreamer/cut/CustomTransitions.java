package org.wubloader.restreamer.cut;

import java.util.Map;
import java.util.Set;

/**
 * Our transitions drawn with xfade's {@code transition=custom:expr=…}. In the expression A is the
 * pixel of the outgoing range, B of the incoming one, X/Y the pixel, W/H the frame size, and P
 * the progress, which xfade runs from 1 down to 0; so {@code 1-P} is how far the incoming shape
 * has grown. Each shows B inside a shape that grows until it covers the frame.
 *
 * <p>{@code batman} (a bat logo) is not drawn: no convincing bat fits in one expression we could
 * test, so it is refused with 400 like an unknown name.
 */
public final class CustomTransitions {
    /** Angle clockwise from 12 o'clock around the centre, 0…2π. */
    private static final String ANGLE = "mod(atan2(X-W/2,H/2-Y)+2*PI,2*PI)";

    /**
     * A five-pointed star with one point up: for a pixel at angle θ, φ is its angle from the
     * nearest outer point folded into [0, 36°]; the star's edge at φ lies on the line from the
     * outer point (radius 1) to the inner point (radius 0.381966 = the regular star's ratio), at
     * radius 0.224514 / (0.224514 cos φ + 0.690983 sin φ) (0.224514 = r sin 36°, 0.690983 =
     * 1 − r cos 36°). Scaled so that its inner radius reaches the frame's corners at the end.
     */
    private static final String PHI = "(PI/5-abs(mod(" + ANGLE + ",2*PI/5)-PI/5))";

    // φ is written out twice rather than kept with st()/ld(): xfade evaluates the expression on
    // several slice threads at once, which share those variables (seen as stray streaks).
    private static final String STAR = "if(lt(hypot(X-W/2,Y-H/2),(1-P)*hypot(W/2,H/2)/0.381966*0.224514"
            + "/(0.224514*cos(" + PHI + ")+0.690983*sin(" + PHI + "))),B,A)";

    static final Map<String, String> EXPRESSIONS = Map.of(
            // a hand sweeping clockwise from 12 o'clock
            "clockwipe",
            "if(lt(" + ANGLE + "/(2*PI),1-P),B,A)",
            // |dx|/(W/2) + |dy|/(H/2) ≤ 2 covers the frame, so the diamond's size runs 0 → 2
            "diamondwipe",
            "if(lt(abs(X-W/2)/(W/2)+abs(Y-H/2)/(H/2),2*(1-P)),B,A)",
            "starwipe",
            STAR);

    public static final Set<String> NAMES = EXPRESSIONS.keySet();

    private CustomTransitions() {}

    /** The xfade options for {@code type}: a built-in name, or custom with its expression (quoted for a filter graph). */
    public static String xfadeOptions(String type) {
        String expr = EXPRESSIONS.get(type);
        return expr == null ? "transition=" + type : "transition=custom:expr='" + expr + "'";
    }
}
