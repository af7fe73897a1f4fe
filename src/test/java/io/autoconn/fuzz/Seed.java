package io.autoconn.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The one seed of a test run: {@code -Dfuzz.seed=<long>} when given, else a random one. It is printed when
 * first used, and every {@link Gen#forAll} failure names it.
 */
public final class Seed {
    private static final long RUN = chooseAndPrint();

    private Seed() {
    }

    public static long run() {
        return RUN;
    }

    /**
     * The random values of one named stream (a property, a family of requests): its own sequence, derived from
     * the run's seed and the name, so it is the same whatever else runs before it.
     */
    public static SplittableRandom random(String stream) {
        long mixed = RUN;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            mixed = (mixed ^ b) * 0x100000001B3L;
        }
        return new SplittableRandom(mixed);
    }

    private static long chooseAndPrint() {
        String given = System.getProperty("fuzz.seed");
        long seed = given == null || given.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(given.strip());
        System.out.println("Fuzz seed: " + seed + (given == null ? " (random; replay with -Dfuzz.seed=" + seed + ")"
                : " (from -Dfuzz.seed)"));
        return seed;
    }
}
