package org.tf2torch.cli.zoo;

import java.util.Map;

/**
 * Which part of a zoo this run takes: case ids are hashed into {@code count} buckets and this run takes bucket
 * {@code index}. Hashing ids (rather than counting positions) keeps a case on its shard when others are added,
 * so each shard's output folder stays resumable as a corpus grows.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not I/N with 0 <= I < N");
        }
    }

    public static Shard parse(String s) {
        String[] p = s.trim().split("/");
        try {
            if (p.length == 2) return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard '" + s + "' is not I/N, e.g. 0/4");
    }

    /**
     * {@code --shard} when given; else the index from the environment (Kubernetes Indexed Jobs set
     * JOB_COMPLETION_INDEX) with {@code --shard-count}; else the whole zoo.
     */
    public static Shard resolve(String option, Integer countOption, Map<String, String> env) {
        if (option != null) return parse(option);
        String index = env.getOrDefault("JOB_COMPLETION_INDEX", env.get("TF2TORCH_SHARD_INDEX"));
        String count = countOption != null ? countOption.toString() : env.get("TF2TORCH_SHARD_COUNT");
        if (count == null) return ALL;
        if (index == null) {
            throw new IllegalArgumentException("--shard-count " + count + " needs JOB_COMPLETION_INDEX or "
                    + "TF2TORCH_SHARD_INDEX in the environment, or --shard I/N");
        }
        return parse(index + "/" + count);
    }

    public boolean contains(String id) { return count == 1 || CaseKey.bucket(id) % count == index; }

    public boolean isAll() { return count == 1; }

    @Override
    public String toString() { return index + "/" + count; }
}
