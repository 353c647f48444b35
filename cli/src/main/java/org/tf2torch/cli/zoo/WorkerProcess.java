package org.tf2torch.cli.zoo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.tf2torch.ir.json.Json;

/**
 * The parent's handle on one {@link ZooWorker} JVM running up to {@code threads} cases at once: send a case, get
 * a future of its answer, and when the JVM dies, every case in flight on it learns why.
 */
final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter stdin;
    private final Map<String, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
    private final Deque<String> lastErr = new ArrayDeque<>();
    private final Thread errPump;

    /** What became of one case: the recorded result, or why the worker gave none. */
    record Answer(CaseResult result, String failure, boolean died) {}

    private WorkerProcess(Process p, Writer log) {
        this.process = p;
        this.stdin = new PrintWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), true);
        Thread outPump = pump(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                log, true);
        errPump = pump(new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)), log, false);
        outPump.start();
        errPump.start();
    }

    static WorkerProcess start(RunOptions opts, int threads, Path logDir, String name) throws IOException {
        Files.createDirectories(logDir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // The user's JVM tuning (heap, stack, -XX flags such as the JIT level) applies to the workers too.
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xm") || a.startsWith("-Xss") || (a.startsWith("-XX:") && !a.startsWith("-XX:ErrorFile")
                    && !a.contains("CoredumpOnCrash"))) cmd.add(a);
        }
        for (String p : System.getProperties().stringPropertyNames()) {
            if (p.startsWith("ai.djl.") || p.startsWith("tf2torch.")) cmd.add("-D" + p + "=" + System.getProperty(p));
        }
        cmd.add("-XX:ErrorFile=" + logDir.resolve("hs_err_pid%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ZooWorker.class.getName()));
        Writer log = Files.newBufferedWriter(logDir.resolve("worker-" + name + ".log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
        WorkerProcess w = new WorkerProcess(pb.start(), log);
        Map<String, Object> init = opts.toMap();
        init.put("threads", threads);
        w.stdin.println(CaseKey.oneLine(init));
        return w;
    }

    private Thread pump(BufferedReader r, Writer log, boolean stdout) {
        Thread t = new Thread(() -> {
            try (r) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (stdout && line.startsWith(ZooWorker.PREFIX)) {
                        answer(Json.parseObject(line.substring(ZooWorker.PREFIX.length())));
                        continue;
                    }
                    synchronized (lastErr) {
                        lastErr.addLast(line);
                        if (lastErr.size() > 80) lastErr.removeFirst();
                    }
                    synchronized (log) {
                        log.write(line);
                        log.write('\n');
                        log.flush();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The worker is gone; its exit status tells the rest.
            } finally {
                if (stdout) died();
            }
        }, "tf2torch-zoo-worker-" + (stdout ? "out" : "err"));
        t.setDaemon(true);
        return t;
    }

    private void answer(Map<String, Object> a) {
        CompletableFuture<Answer> f = pending.remove((String) a.get("folder"));
        if (f == null) return;
        if (a.containsKey("error")) f.complete(new Answer(null, "worker failed: " + a.get("error"), false));
        else f.complete(new Answer(CaseResult.fromMap((Map<?, ?>) a.get("result")), null, false));
    }

    private void died() {
        String cause;
        try {
            cause = crashCause();
        } catch (InterruptedException e) {
            cause = "worker JVM died";
        }
        for (String k : new ArrayList<>(pending.keySet())) {
            CompletableFuture<Answer> f = pending.remove(k);
            if (f != null) f.complete(new Answer(null, cause, true));
        }
    }

    boolean alive() { return process.isAlive(); }

    /** Sends one case; the future completes with its answer, or with the cause when the worker dies first. */
    CompletableFuture<Answer> submit(ZooJob j) {
        CompletableFuture<Answer> f = new CompletableFuture<>();
        pending.put(j.folder(), f);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", j.c().toMap());
        m.put("folder", j.folder());
        m.put("key", j.key());
        synchronized (stdin) {
            stdin.println(CaseKey.oneLine(m));
        }
        if (!process.isAlive() && pending.remove(j.folder()) != null) {
            f.complete(new Answer(null, "worker JVM was not running", true));
        }
        return f;
    }

    void kill() { process.destroyForcibly(); }

    /** The exit status and the JVM's own fatal-error lines, e.g. the signal and the native frame it hit. */
    private String crashCause() throws InterruptedException {
        int code = process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        errPump.join(2000);
        StringBuilder sb = new StringBuilder("worker JVM died (exit status " + code + signal(code) + ")");
        List<String> lines;
        synchronized (lastErr) {
            lines = new ArrayList<>(lastErr);
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.matches("#\\s+(SIG[A-Z]+|EXCEPTION_\\w+|Internal Error|Out of Memory).*")) {
                sb.append(": ").append(l.substring(1).trim());
            } else if (l.startsWith("# Problematic frame:") && i + 1 < lines.size()) {
                sb.append("; frame ").append(lines.get(i + 1).substring(1).trim());
            }
        }
        return sb.toString();
    }

    private static String signal(int code) {
        return switch (code) {
            case 134 -> ", SIGABRT";
            case 137 -> ", SIGKILL";
            case 139 -> ", SIGSEGV";
            case 135 -> ", SIGBUS";
            default -> "";
        };
    }

    @Override
    public void close() {
        stdin.close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
