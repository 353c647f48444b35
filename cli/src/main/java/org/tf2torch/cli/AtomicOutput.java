package org.tf2torch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output folder that appears complete or not at all: everything is written into a hidden sibling and
 * renamed into place at the end. An existing non-empty folder is only replaced with {@code --force}.
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private AtomicOutput(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    static AtomicOutput begin(Path target, boolean force) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UserException(abs + " exists and is not a folder; choose another -o.");
        }
        if (Files.isDirectory(abs) && !isEmpty(abs) && !force) {
            throw new UserException(abs + " exists and is not empty; pass --force to replace it, or choose another -o.");
        }
        try {
            Path parent = abs.getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".partial-");
            return new AtomicOutput(abs, staging);
        } catch (IOException e) {
            throw new UserException("cannot create the output folder next to " + abs + ": " + e.getMessage());
        }
    }

    Path dir() { return staging; }

    /** Moves the finished folder into place; the old one (with --force) goes only after the new one is ready. */
    void commit() {
        try {
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            if (old != null) deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the result into " + target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) deleteTree(staging);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // Best effort: a leftover hidden staging folder is harmless and named as such.
                }
            });
        } catch (IOException e) {
            // Same as above.
        }
    }
}
