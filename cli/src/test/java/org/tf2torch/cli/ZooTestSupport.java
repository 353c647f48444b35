package org.tf2torch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tf2torch.ir.json.Json;

/** Helpers for the zoo tests: summaries without timings, a CLI in a child JVM, and the case folders of a run. */
final class ZooTestSupport {
    private ZooTestSupport() {}

    /** summary.json with the fields that differ between equal runs removed: case times and the shard label. */
    static Map<String, Object> summary(Path out) throws IOException {
        Map<String, Object> s = Json.parseObject(Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8));
        s.remove("shard");
        for (Object c : (List<?>) s.get("cases")) ((Map<?, ?>) c).remove("seconds");
        return s;
    }

    /** The tf2torch CLI in a child JVM with this test's class path, so a test can kill it. */
    static ProcessBuilder childCli(List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Dai.djl.pytorch.num_threads=1");
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Tf2Torch.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Visible case folders (finished ones) of a run. */
    static List<Path> caseFolders(Path out) throws IOException {
        Path cases = out.resolve("cases");
        if (!Files.isDirectory(cases)) return List.of();
        try (Stream<Path> s = Files.list(cases)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    static List<Path> hidden(Path out) throws IOException {
        Path cases = out.resolve("cases");
        if (!Files.isDirectory(cases)) return List.of();
        try (Stream<Path> s = Files.list(cases)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
