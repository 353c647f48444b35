package org.tf2torch.cli.zoo;

/** A case to run: where it is recorded, its resume key, and its size (bigger cases are started first). */
public record ZooJob(ZooCase c, String folder, String key, long bytes) {}
