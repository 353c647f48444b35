/**
 * Speed measurements for the report: {@link org.tf2torch.validation.bench.Benchmark} times a call after a warm-up
 * and summarizes the latencies as {@link org.tf2torch.validation.bench.Timings}, and
 * {@link org.tf2torch.validation.bench.BenchResult} holds the timings of TensorFlow and of each PyTorch backend
 * with their ratio. Timings never fail a validation unless the user sets a maximum slowdown.
 */
package org.tf2torch.validation.bench;
