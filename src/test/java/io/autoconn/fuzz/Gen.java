package io.autoconn.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of test values drawn from a {@link SplittableRandom}: the same seed gives the same values, so a
 * failure is replayed with {@code -Dfuzz.seed=<seed>} (see {@link Seed}). There is no shrinking: a failure
 * names the value that failed.
 */
@FunctionalInterface
public interface Gen<T> {
    /** How many values in a row a {@link #filter} may reject before the generator is taken to be wrong. */
    int MAX_REJECTED = 10_000;

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        return random -> f.apply(next(random)).next(random);
    }

    default Gen<T> filter(Predicate<? super T> keep) {
        return random -> {
            for (int i = 0; i < MAX_REJECTED; i++) {
                T value = next(random);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("The filter rejected " + MAX_REJECTED + " values in a row");
        };
    }

    /** Lists of {@code min} to {@code max} (inclusive) values. */
    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = random.nextInt(min, max + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    /**
     * Checks {@code property} on {@code tries} values drawn for {@code stream} from the run's seed. A failure
     * says the seed, the stream, the try and the value, so the same run can be replayed.
     */
    default void forAll(String stream, int tries, Consumer<? super T> property) {
        SplittableRandom random = Seed.random(stream);
        for (int i = 1; i <= tries; i++) {
            T value = next(random);
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("Seed " + Seed.run() + " (replay with -Dfuzz.seed=" + Seed.run() + "), "
                        + stream + ", try " + i + " of " + tries + ", value " + value + ": " + e.getMessage(), e);
            }
        }
    }

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    /** One of {@code values}, each as likely. */
    static <T> Gen<T> of(List<? extends T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Nothing to choose from");
        }
        List<T> choices = List.copyOf(values);
        return random -> choices.get(random.nextInt(choices.size()));
    }

    /** A value of one of {@code gens}, each generator as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> choices = List.of(gens);
        return random -> choices.get(random.nextInt(choices.size())).next(random);
    }

    /** A value of one of the generators, chosen in proportion to its weight. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> all = List.of(choices);
        int total = all.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : all) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("Unreachable: weights add up to " + total);
        };
    }

    static <T> Weighted<T> weighted(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    record Weighted<T>(int weight, Gen<T> gen) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("A weight must be positive: " + weight);
            }
        }
    }

    /** Any int. */
    static Gen<Integer> ints() {
        return SplittableRandom::nextInt;
    }

    /** Ints from {@code min} to {@code max}, both included. */
    static Gen<Integer> ints(int min, int max) {
        return random -> (int) random.nextLong(min, (long) max + 1);
    }

    /** Longs from {@code min} to {@code max}, both included ({@code max} below {@link Long#MAX_VALUE}). */
    static Gen<Long> longs(long min, long max) {
        long bound = Math.addExact(max, 1);
        return random -> random.nextLong(min, bound);
    }

    /** Strings of {@code minLength} to {@code maxLength} chars from {@code first} to {@code last}, both included. */
    static Gen<String> strings(char first, char last, int minLength, int maxLength) {
        return random -> {
            int length = random.nextInt(minLength, maxLength + 1);
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append((char) random.nextInt(first, last + 1));
            }
            return s.toString();
        };
    }

    /** Byte arrays of up to {@code maxLength} random bytes. */
    static Gen<byte[]> bytes(int maxLength) {
        return random -> {
            byte[] b = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(b);
            return b;
        };
    }
}
