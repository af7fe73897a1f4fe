// The two levers of issue 5 that a micro-measurement settles without a quiet machine (see BENCHMARKS.md,
// "After issue 5"): how many threads an HTTP check starts (sendAsync against the blocking send, on this
// machine's common-pool parallelism), and what a list timestamp costs (DateTimeFormatter against
// io.autoconn.http.Timestamps). Counts, and ratios within one process, so a busy machine moves them little.
//
//   mvn -q -DskipTests package && java -cp target/classes bench/Levers.java
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

public class Levers {
    public static void main(String[] a) throws Exception {
        // 1. threads started per check: sendAsync(..).get() against send(..), refused loopback port
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
        var threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            long t0 = threads.getTotalStartedThreadCount();
            for (int i = 0; i < 500; i++) {
                try { client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).get(5, TimeUnit.SECONDS); } catch (Exception e) { }
            }
            long t1 = threads.getTotalStartedThreadCount();
            for (int i = 0; i < 500; i++) {
                try { client.send(req, HttpResponse.BodyHandlers.ofByteArray()); } catch (Exception e) { }
            }
            long t2 = threads.getTotalStartedThreadCount();
            System.out.printf("round %d: threads started per check: sendAsync %.2f, send %.2f (common pool parallelism %d)%n",
                    round, (t1 - t0) / 500.0, (t2 - t1) / 500.0, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        }
        // 2. timestamp formatting, ns per call, interleaved rounds
        Class<?> c = Class.forName("io.autoconn.http.Timestamps");
        Method m = c.getDeclaredMethod("format", Instant.class);
        m.setAccessible(true);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
        Instant[] xs = new Instant[1000];
        for (int i = 0; i < xs.length; i++) xs[i] = Instant.ofEpochSecond(1_764_600_000L + i * 7919L, (i * 1237L % 1_000_000) * 1000);
        long sink = 0;
        for (int round = 0; round < 6; round++) {
            long s0 = System.nanoTime();
            for (int k = 0; k < 300; k++) for (Instant x : xs) sink += f.format(x).length();
            long s1 = System.nanoTime();
            for (int k = 0; k < 300; k++) for (Instant x : xs) sink += ((String) m.invoke(null, x)).length();
            long s2 = System.nanoTime();
            System.out.printf("round %d: ns per timestamp: DateTimeFormatter %.0f, Timestamps %.0f (%.1fx)%n", round,
                    (s1 - s0) / 300_000.0, (s2 - s1) / 300_000.0, (double) (s1 - s0) / (s2 - s1));
        }
        System.out.println("(checksum, keeps the JIT from dropping the loops: " + sink + ")");
    }
}
