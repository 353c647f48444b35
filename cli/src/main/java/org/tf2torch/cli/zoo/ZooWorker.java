package org.tf2torch.cli.zoo;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tf2torch.ir.json.Json;

/**
 * A worker JVM of a parallel zoo run. The parent writes one JSON line of run options, then one line per case;
 * the worker runs each case with {@link ZooRunner} (recording it itself) and answers one line, prefixed with
 * {@link #PREFIX} so that anything native code prints to stdout cannot be mistaken for an answer, and naming the
 * case's folder, since several cases run at once on as many threads. The worker stays up across cases: loading TF
 * and libtorch costs a second or two per JVM, and threads share one JIT-compiled copy of the converter, where
 * JVMs would each compile their own. When stdin closes (the parent finished, or was killed) it stops at once: a
 * case in flight then stays hidden and unrecorded.
 */
public final class ZooWorker {
    static final String PREFIX = "@@tf2torch-zoo ";
    /** Test hook: the case with this id crashes the JVM natively, as a broken native kernel would. */
    private static final String CRASH_ON = System.getProperty("tf2torch.zoo.testCrashOn");

    private ZooWorker() {}

    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String init = in.readLine();
        if (init == null) return;
        Map<String, Object> initMap = Json.parseObject(init);
        RunOptions o = RunOptions.fromMap(initMap);
        int threads = ((Number) initMap.getOrDefault("threads", 1L)).intValue();
        // A runner per thread: each keeps its own case executor, which a timeout replaces.
        ThreadLocal<ZooRunner> runners = ThreadLocal.withInitial(() -> new ZooRunner(o.out(), o.validation(), o.timeout()));
        ExecutorService cases = Executors.newFixedThreadPool(threads);
        for (String line; (line = in.readLine()) != null; ) {
            Map<String, Object> m = Json.parseObject(line);
            cases.submit(() -> answer(answers, runners.get(), m));
        }
        Runtime.getRuntime().halt(0);
    }

    private static void answer(PrintStream answers, ZooRunner runner, Map<String, Object> m) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("folder", m.get("folder"));
        try {
            ZooCase c = ZooCase.fromMap((Map<?, ?>) m.get("case"));
            if (c.id().equals(CRASH_ON)) crash();
            a.put("result", runner.run(c, (String) m.get("folder"), (String) m.get("key")).toMap());
        } catch (Throwable e) {
            a.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        synchronized (answers) {
            answers.println(PREFIX + CaseKey.oneLine(a));
        }
    }

    private static void crash() throws ReflectiveOperationException {
        Class<?> unsafe = Class.forName("sun.misc.Unsafe");
        java.lang.reflect.Field f = unsafe.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        unsafe.getMethod("putAddress", long.class, long.class).invoke(f.get(null), 0L, 42L);
        Runtime.getRuntime().halt(134);
    }
}
